import {
  CheckCircleOutlined,
  DownloadOutlined,
  RedoOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Space, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useRemote } from '../api/use-remote';
import { useItem } from '../catalog/item-header';
import { download, fileNameOf } from './download';
import {
  FlowchartDesigner,
  type FlowchartDesignerHandle,
  type FlowchartDesignerProps,
} from './FlowchartDesigner';
import type { Problem } from './lint';
import { NewProcess } from './NewProcess';
import {
  loadForms,
  loadOrganisation,
  loadProcess,
  saveProcess,
  verifyProcess,
  type ItemProcess,
  type Organisation,
  type ProcessTemplate,
} from './process-api';
import type { FormOption } from './properties';

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** 权力运行流程图 of one item (PROC-1, PROC-2, PROC-5): draw, verify, save, export. */
export function FlowchartPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const app = App.useApp();
  const { item } = useItem(id);
  const designer = useRef<FlowchartDesignerHandle>(null);

  const [saved, setSaved] = useState<ItemProcess>();
  const [xml, setXml] = useState<string>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [loadError, setLoadError] = useState<string>();
  const [importError, setImportError] = useState<string>();
  const [dirty, setDirty] = useState(false);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState<'save' | 'verify'>();
  // What 撤销 / 重做 may do, read from the command stack after every edit.
  const [history, setHistory] = useState({ undo: false, redo: false });

  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  useEffect(() => {
    let live = true;
    loadProcess(id).then(
      (p) => {
        if (!live) return;
        setSaved(p);
        setXml(p.xml ?? undefined);
        setProblems(p.problems);
        setDirty(false);
        setStale(false);
        setLoadError(undefined);
      },
      (e: unknown) => live && setLoadError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [id, round]);

  const [forms, setForms] = useState<FormOption[]>([]);
  const [organisation, setOrganisation] = useState<Organisation>({ posts: [], units: [] });
  const [choicesError, setChoicesError] = useState<string>();
  useEffect(() => {
    let live = true;
    Promise.all([loadForms(id), loadOrganisation(item?.departmentId)]).then(
      ([f, o]) => live && (setForms(f), setOrganisation(o)),
      (e: unknown) => live && setChoicesError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [id, item?.departmentId]);

  const templates = useRemote<ProcessTemplate[]>(
    saved && !saved.xml ? '/api/process-templates' : undefined,
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onChange = useCallback(() => {
    const stack = designer.current;
    setHistory({ undo: !!stack?.canUndo(), redo: !!stack?.canRedo() });
    setDirty(true);
  }, []);
  const onImport = useCallback<NonNullable<FlowchartDesignerProps['onImport']>>(({ error }) => {
    setImportError(error);
    setHistory({ undo: false, redo: false });
  }, []);

  async function save() {
    if (!designer.current || !saved) return;
    setBusy('save');
    try {
      const result = await saveProcess(id, await designer.current.saveXML(), saved.version);
      setSaved(result);
      setProblems(result.problems);
      setDirty(false);
      if (result.problems.length) {
        app.message.warning(`已保存为草稿，还有 ${result.problems.length} 个问题`);
      } else app.message.success('已保存，校验通过');
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setStale(true);
      app.message.error(
        e instanceof ApiError && e.status === 409 ? '已被他人修改，请刷新' : message(e),
      );
    } finally {
      setBusy(undefined);
    }
  }

  async function verify() {
    if (!designer.current) return;
    setBusy('verify');
    try {
      const result = await verifyProcess(id, await designer.current.saveXML());
      setProblems(result.problems);
      if (result.problems.length) app.message.warning(`发现 ${result.problems.length} 个问题`);
      else app.message.success('校验通过');
    } catch (e) {
      app.message.error(message(e));
    } finally {
      setBusy(undefined);
    }
  }

  async function exportAs(kind: 'bpmn' | 'svg') {
    if (!designer.current) return;
    const text =
      kind === 'bpmn' ? await designer.current.saveXML() : await designer.current.saveSVG();
    const type = kind === 'bpmn' ? 'application/xml' : 'image/svg+xml';
    download(text, fileNameOf(item?.name ?? '', kind), type);
  }

  const confirmDiscard = (then: () => void) =>
    dirty
      ? app.modal.confirm({
          title: '将放弃未保存的修改，继续吗？',
          okText: '继续',
          cancelText: '取消',
          onOk: then,
        })
      : then();

  // The flowchart changes with the draft (server/catalog/editable.ts): submitted or published
  // items are read here, changed after a return or a 变更.
  const editable = !item || item.status === 'draft' || item.status === 'returned';
  const extra = xml !== undefined && [
    saved?.verified !== undefined && !dirty && (
      <Tag key="state" color={saved.verified ? 'success' : 'warning'}>
        {saved.verified ? '已校验通过' : '草稿（有问题）'}
      </Tag>
    ),
    <Button
      key="undo"
      icon={<UndoOutlined />}
      disabled={!history.undo}
      onClick={() => designer.current?.undo()}
    >
      撤销
    </Button>,
    <Button
      key="redo"
      icon={<RedoOutlined />}
      disabled={!history.redo}
      onClick={() => designer.current?.redo()}
    >
      重做
    </Button>,
    <Button key="bpmn" icon={<DownloadOutlined />} onClick={() => void exportAs('bpmn')}>
      导出 BPMN
    </Button>,
    <Button key="svg" icon={<DownloadOutlined />} onClick={() => void exportAs('svg')}>
      导出 SVG
    </Button>,
    <Button
      key="verify"
      icon={<CheckCircleOutlined />}
      loading={busy === 'verify'}
      onClick={() => void verify()}
    >
      校验
    </Button>,
    <Tooltip
      key="save"
      title={
        !editable
          ? `事项${item?.statusLabel ?? ''}，不能修改流程图`
          : stale
            ? '已被他人修改，请先刷新'
            : undefined
      }
    >
      <Button
        type="primary"
        icon={<SaveOutlined />}
        loading={busy === 'save'}
        disabled={!editable || stale || (!dirty && !!saved?.version)}
        onClick={() => void save()}
      >
        保存
      </Button>
    </Tooltip>,
  ];

  return (
    <PageContainer
      title={`流程图：${item?.name ?? ''}`}
      onBack={() => confirmDiscard(() => navigate(`/catalog/${id}`))}
      extra={extra || undefined}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {loadError && (
          <Alert
            type="error"
            showIcon
            message={loadError}
            action={<Button onClick={reload}>重试</Button>}
          />
        )}
        {stale && (
          <Alert
            type="warning"
            showIcon
            data-testid="stale"
            message="已被他人修改，请刷新"
            description="流程图在你编辑期间已被他人保存。刷新后可看到最新的流程图（你的修改将丢失，可先导出 BPMN 留存）。"
            action={<Button onClick={() => confirmDiscard(reload)}>刷新</Button>}
          />
        )}
        {!editable && (
          <Alert
            type="info"
            showIcon
            data-testid="read-only"
            message={`事项${item?.statusLabel ?? ''}，流程图只能查看、校验和导出${item?.status === 'approved' ? '；修改请先发起变更' : ''}`}
          />
        )}
        {importError && <Alert type="error" showIcon message={`流程图无法显示：${importError}`} />}
        {choicesError && (
          <Alert type="warning" showIcon message={`岗位或表单加载失败：${choicesError}`} />
        )}
        {!saved && !loadError && <Card loading />}
        {saved && xml === undefined && (
          <NewProcess
            itemName={item?.name ?? ''}
            handlingKind={item?.draft.handlingKind}
            templates={templates.data}
            templatesError={templates.error?.message}
            onCreate={(created) => {
              setXml(created);
              setDirty(true);
            }}
          />
        )}
        {xml !== undefined && (
          <div style={{ height: 'calc(100vh - 200px)', minHeight: 560 }}>
            <FlowchartDesigner
              ref={designer}
              xml={xml}
              posts={organisation.posts}
              forms={forms}
              units={organisation.units}
              problems={problems}
              onChange={onChange}
              onImport={onImport}
            />
          </div>
        )}
      </Space>
    </PageContainer>
  );
}
