import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Empty, Input, Space, Spin, Tabs, Tooltip } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { checkFormSchema, type FormSchemaProblem } from '../../../runtime/forms/schema';
import { ApiError } from '../api/client';
import { useItem } from '../catalog/item-header';
import { FormDesigner } from './FormDesigner';
import { listForms, problemsOf, saveForm, type ItemForm } from './forms-api';
import { NewFormModal } from './NewFormModal';
import { emptySchema } from './schema-edit';

/** A form as the page holds it: what was loaded, edited in place until saved. */
interface Draft extends ItemForm {
  dirty: boolean;
  serverProblems: FormSchemaProblem[];
  stale?: boolean;
}

const asDraft = (f: ItemForm): Draft => ({ ...f, dirty: false, serverProblems: [] });

/** 电子表单 of one item (FORM-1): its forms as tabs, each in the designer, saved by version. */
export function ItemFormsPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { item } = useItem(id);
  const [forms, setForms] = useState<Draft[]>();
  const [error, setError] = useState<string>();
  const [active, setActive] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);

  const [round, setRound] = useState(0);
  const load = useCallback(() => setRound((r) => r + 1), []);
  useEffect(() => {
    let live = true;
    listForms(id).then(
      (list) => {
        if (!live) return;
        setError(undefined);
        setForms(list.map(asDraft));
        setActive((a) => (a && list.some((f) => f.key === a) ? a : list[0]?.key));
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [id, round]);

  const dirty = forms?.some((f) => f.dirty) ?? false;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const update = (key: string, patch: Partial<Draft>) =>
    setForms((list) => list?.map((f) => (f.key === key ? { ...f, ...patch } : f)));

  const save = async (form: Draft) => {
    setSaving(true);
    try {
      const saved = await saveForm(id, form);
      update(form.key, asDraft(saved));
      message.success(`「${saved.name}」已保存（第 ${saved.version} 版）`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        update(form.key, { stale: true });
        message.error('已被他人修改，请刷新');
      } else {
        update(form.key, { serverProblems: problemsOf(e) });
        message.error(e instanceof ApiError ? e.message : String(e));
      }
    } finally {
      setSaving(false);
    }
  };

  const refresh = () =>
    dirty
      ? modal.confirm({
          title: '刷新将放弃未保存的修改，继续吗？',
          okText: '刷新',
          cancelText: '取消',
          onOk: load,
        })
      : load();

  const tab = (form: Draft) => {
    const live = checkFormSchema(form.schema);
    return {
      key: form.key,
      label: `${form.name}${form.dirty ? ' *' : ''}`,
      children: (
        <>
          {form.stale && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message="已被他人修改，请刷新"
              description="此表单在你编辑期间已被他人保存。刷新后可看到最新版本（你的修改将丢失）。"
              action={
                <Button autoInsertSpace={false} onClick={refresh}>
                  刷新
                </Button>
              }
            />
          )}
          <Space style={{ marginBottom: 12 }} wrap>
            <span>表单名称</span>
            <Input
              aria-label="表单名称"
              style={{ width: 320 }}
              maxLength={100}
              value={form.name}
              onChange={(e) => update(form.key, { name: e.target.value, dirty: true })}
            />
            <span>标识：{form.key}</span>
            <span>{form.version ? `第 ${form.version} 版` : '尚未保存'}</span>
            <Tooltip title={live.length ? '请先修正表单定义的问题' : undefined}>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                disabled={live.length > 0 || !form.name.trim() || (!form.dirty && form.version > 0)}
                onClick={() => void save(form)}
              >
                保存
              </Button>
            </Tooltip>
          </Space>
          <FormDesigner
            value={form.schema}
            serverProblems={form.serverProblems}
            onChange={(schema) => update(form.key, { schema, dirty: true, serverProblems: [] })}
          />
        </>
      ),
    };
  };

  return (
    <PageContainer
      title={`电子表单：${item?.name ?? ''}`}
      onBack={() => navigate(`/catalog/${id}`)}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!forms}>
          新建表单
        </Button>
      }
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          action={
            <Button autoInsertSpace={false} onClick={load}>
              重试
            </Button>
          }
        />
      )}
      {!forms && !error && <Spin />}
      {forms && forms.length === 0 && (
        <Empty description="该事项还没有电子表单，点击「新建表单」开始设计" />
      )}
      {forms && forms.length > 0 && (
        <Tabs type="card" activeKey={active} onChange={setActive} items={forms.map(tab)} />
      )}
      <NewFormModal
        open={creating}
        taken={forms?.map((f) => f.key) ?? []}
        onCancel={() => setCreating(false)}
        onCreate={({ name, key }) => {
          setForms((list) => [
            ...(list ?? []),
            {
              key,
              name,
              schema: emptySchema(),
              version: 0,
              problems: [],
              dirty: true,
              serverProblems: [],
            },
          ]);
          setActive(key);
          setCreating(false);
        }}
      />
    </PageContainer>
  );
}
