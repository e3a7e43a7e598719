import { PreviewText } from '@formily/antd-v5';
import { createForm } from '@formily/core';
import { Alert, App, Button, Card, Divider, Form, Input, Radio, Space } from 'antd';
import { useContext, useMemo, useState, type ReactNode } from 'react';
import type { CaseState, WorkItem } from '../../../../runtime/cases/state';
import { UploaderContext, type Uploader } from '../../forms/components';
import { FormRenderer } from '../../forms/FormRenderer';
import { CaseFilesContext, uploadCaseFile } from '../case-files';
import { submittedValues } from '../../forms/formily-schema';
import { stepForm, stepOf, type CaseBook } from '../definition';
import { benchmarkText, fineRangeText, PENALTY_FIELDS } from '../labels';
import { DiscretionPicker, penaltyOf, withBenchmarkChoice } from './DiscretionPicker';
import type { ItemActions } from '../case-actions';
import { isStale, type Act } from '../use-act';
import { optional } from './fields';

interface Props {
  state: CaseState;
  book: CaseBook;
  item: WorkItem;
  actions: ItemActions;
  act: Act;
  /** The other operations on this step (退回, 转办, 暂停, 补正告知), as buttons. */
  extra: ReactNode;
}

interface Values {
  opinion?: string;
  outcome?: 'approve' | 'reject';
  result?: 'granted' | 'denied';
  decisionText?: string;
}

/** 办理 (RUN-3): the step's form with its field permissions, an opinion, and 提交 or 办结. */
export function HandlePanel({ state, book, item, actions, act, extra }: Props) {
  const form = stepForm(book, item.nodeId);
  const internal = book.prepared.def.internal;
  // 督办, complaints and ex officio cases close with a word, never 准予 or 不予 (RUN-17).
  const closing = !!internal || book.exOfficio;
  // A step deciding a penalty within the item's 自由裁量基准 (CAT-2).
  const discretion = !!stepOf(book, item.nodeId)?.step.discretion;
  const writesBenchmark = !!form?.writable.includes(PENALTY_FIELDS.benchmark);
  const schema = form?.schema;
  const shownSchema = useMemo(
    () => (schema && discretion ? withBenchmarkChoice(schema, book.discretion) : schema),
    [schema, discretion, book.discretion],
  );
  const { modal } = App.useApp();
  const stored = form ? state.forms.find((f) => f.key === form.key)?.values : undefined;
  // Made once per work item: reloads after a draft keep what is being typed.
  const [formily] = useState(() => createForm({ values: { ...stored, ...item.draft?.data } }));
  const [fields] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'draft' | 'submit'>();
  // FORM-2: a file field stores the id of a file uploaded to this case as the step's attachment.
  const files = useContext(CaseFilesContext);
  const uploader: Uploader = async (file) => {
    if (!files) throw new Error('不在办件页面，不能上传');
    const { file: stored } = await uploadCaseFile(
      files.caseId,
      { kind: 'attachment', workItemId: item.id },
      file,
    );
    files.uploaded();
    return { fileId: stored.id, name: stored.name };
  };

  /** Only what the step may write goes out: the server refuses changes to anything else. */
  const data = () => {
    if (!form?.writable.length) return {};
    const all = submittedValues(formily);
    return { data: Object.fromEntries(form.writable.map((k) => [k, all[k]])) };
  };

  async function send(kind: 'draft' | 'submit') {
    setError(undefined);
    let values: Values;
    try {
      if (kind === 'submit') await formily.validate();
      values = kind === 'submit' ? await fields.validateFields() : fields.getFieldsValue();
    } catch {
      setError('请先补全或更正标红的内容');
      return;
    }
    if (kind === 'submit' && discretion && !(await fineConfirmed())) return;
    const opinion = optional('opinion', values.opinion);
    const outcome = values.outcome ? { outcome: values.outcome } : {};
    const command =
      kind === 'draft'
        ? { type: 'saveDraft', workItemId: item.id, ...data(), ...opinion, ...outcome }
        : actions.final
          ? {
              type: 'conclude',
              workItemId: item.id,
              // A 督办, complaint or ex officio case closes; the engine records it as 办结.
              decision: {
                result: closing ? 'granted' : values.result,
                text: values.decisionText!.trim(),
              },
              ...data(),
              ...opinion,
            }
          : { type: 'complete', workItemId: item.id, ...data(), ...opinion, ...outcome };
    setBusy(kind);
    try {
      const done = kind === 'draft' ? '草稿已保存' : actions.final ? '已办结' : '已提交';
      await act(command, done);
    } catch (e) {
      if (!isStale(e)) setError((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  }

  /** A fine outside the chosen row's range: a reason is needed and supervision will be told. */
  function fineConfirmed(): Promise<boolean> {
    const p = penaltyOf(formily.values as Record<string, unknown>, book.discretion);
    if (!p.outside || !p.row) return Promise.resolve(true);
    const range = fineRangeText(p.range);
    return new Promise((resolve) => {
      modal.confirm({
        title: '罚款超出裁量基准的幅度',
        content:
          `拟罚款 ${p.fine!.toLocaleString('zh-CN')} 元，超出「${benchmarkText(p.row!)}」的裁量幅度（${range}）。` +
          (p.reason.length >= 5
            ? '已填写理由；提交后将报送电子监察预警。'
            : '须在「超出裁量幅度的理由」中书面说明理由（不少于 5 个字），否则不能作出决定；提交后将报送电子监察预警。'),
        okText: '仍然提交',
        cancelText: '返回修改',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  }

  return (
    <Card
      size="small"
      title={`${actions.final ? '办结' : '办理'}：${item.name}`}
      data-testid={`handle-${item.nodeId}`}
      style={{ marginTop: 16, borderColor: '#91caff' }}
      extra={<Space wrap>{extra}</Space>}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="handle-error"
        />
      )}
      {form && discretion && (
        <DiscretionPicker form={formily} benchmarks={book.discretion} editable={writesBenchmark} />
      )}
      {form && shownSchema && (
        <>
          {/* Read-only fields left empty say so with a dash, not Formily's 「N/A」. */}
          <PreviewText.Placeholder value="—">
            <UploaderContext.Provider value={uploader}>
              <FormRenderer schema={shownSchema} form={formily} permissions={form.permissions} />
            </UploaderContext.Provider>
          </PreviewText.Placeholder>
          <Divider style={{ margin: '8px 0 16px' }} />
        </>
      )}
      <Form
        form={fields}
        layout="vertical"
        initialValues={{
          opinion: item.draft?.opinion,
          outcome: item.draft?.outcome,
          result: 'granted',
        }}
      >
        {actions.needsOutcome && !actions.final && (
          <Form.Item
            name="outcome"
            label="办理结果"
            rules={[{ required: true, message: '请选择同意或不同意' }]}
          >
            <Radio.Group
              options={[
                { value: 'approve', label: '同意' },
                { value: 'reject', label: '不同意' },
              ]}
            />
          </Form.Item>
        )}
        {actions.final && closing && (
          // 督办 and complaints end with a closing word, not a grant or denial (PROC-6, SUP-4).
          <Form.Item
            name="decisionText"
            label="办结意见"
            rules={[{ required: true, whitespace: true, message: '请填写办结意见' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} showCount />
          </Form.Item>
        )}
        {actions.final && !closing && (
          <>
            <Form.Item name="result" label="办结决定" rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'granted', label: '准予' },
                  { value: 'denied', label: '不予' },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="decisionText"
              label="决定内容"
              rules={[{ required: true, whitespace: true, message: '请填写决定内容' }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} showCount />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="opinion"
          label="办理意见"
          rules={
            actions.opinionRequired
              ? [{ required: true, whitespace: true, message: '本环节须填写办理意见' }]
              : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
      <Space>
        <Button loading={busy === 'draft'} disabled={!!busy} onClick={() => void send('draft')}>
          保存草稿
        </Button>
        <Button
          type="primary"
          loading={busy === 'submit'}
          disabled={!!busy}
          onClick={() => void send('submit')}
        >
          {actions.final ? '办结' : '提交'}
        </Button>
      </Space>
    </Card>
  );
}
