import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { createForm } from '@formily/core';
import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { creditCodeProblem } from '../../../../runtime/personal-data/credit-code';
import {
  ID_NUMBER_PROBLEM_TEXT,
  idNumberProblem,
} from '../../../../runtime/personal-data/id-number';
import { ID_TYPES } from '../../../../runtime/trail/entry';
import { ApiError } from '../../api/client';
import { FormRenderer } from '../../forms/FormRenderer';
import { submittedValues } from '../../forms/formily-schema';
import { loadItemVersion } from '../cases-api';
import { initiationOf } from '../../../../runtime/catalog/item';
import {
  FORM_LABEL,
  isExOfficioType,
  searchItems,
  type ApplicantValues,
  type ChosenItem,
  type ItemRow,
  type MaterialCheck,
} from './intake';

/** Focus on the first field of a step when it appears: the keyboard goes on where the eye is. */
export function useFocusFirst() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>(
      'input:not([disabled]):not([type="hidden"]), textarea:not([disabled])',
    );
    first?.focus();
  }, []);
  return ref;
}

export function StepButtons({ back, next }: { back?: () => void; next: string }) {
  return (
    <Space style={{ marginTop: 16 }}>
      {back && <Button onClick={back}>上一步</Button>}
      <Button type="primary" htmlType="submit">
        {next}
      </Button>
    </Space>
  );
}

/** Published items applied for: 依职权 items are opened by 立案, never registered (RUN-17). */
const registrable = (r: ItemRow) => r.currentVersion >= 1 && !isExOfficioType(r.type, r.initiation);

/** 1 — the item: search by name, code or pinyin initials; its approved version is loaded. */
export function ItemStep({
  chosen,
  onNext,
  query,
}: {
  chosen?: ChosenItem;
  onNext: (item: ChosenItem) => void;
  /** Found and chosen at once when it names exactly one item (发起督办 from the records page). */
  query?: string;
}) {
  const ref = useFocusFirst();
  const [form] = Form.useForm<{ itemId: string }>();
  const [rows, setRows] = useState<ItemRow[]>(chosen ? [chosen.row] : []);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string>();
  const asked = useRef(0);

  const search = async (q: string) => {
    const n = ++asked.current;
    setSearching(true);
    try {
      const page = await searchItems(q);
      if (n === asked.current) setRows(page.items.filter(registrable));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      if (n === asked.current) setSearching(false);
    }
  };

  useEffect(() => {
    if (!query || chosen) return;
    let live = true;
    searchItems(query).then(
      (page) => {
        const found = page.items.filter(registrable);
        if (!live) return;
        setRows(found);
        if (found.length === 1) form.setFieldsValue({ itemId: found[0]!.id });
      },
      (e: unknown) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [query, chosen, form]);

  async function finish({ itemId }: { itemId: string }) {
    const row = rows.find((r) => r.id === itemId);
    if (!row) return;
    setError(undefined);
    try {
      const version = await loadItemVersion(row.id, row.currentVersion);
      if (!version) setError('无权读取本事项的定义，不能在此登记');
      else if (initiationOf(version.content) === 'exOfficio')
        setError(`「${row.name}」是依职权事项，由执法人员在工作台「立案」，不在窗口登记`);
      else onNext({ row, version: version as ChosenItem['version'] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <div ref={ref}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: { itemId: string }) => void finish(v)}
        initialValues={{ itemId: chosen?.row.id }}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form.Item
          name="itemId"
          label="办理事项（输入名称、编码或拼音首字母）"
          rules={[{ required: true, message: '请选择办理事项' }]}
        >
          <Select
            showSearch
            filterOption={false}
            onSearch={(q) => void search(q)}
            onFocus={() => {
              if (!rows.length) void search('');
            }}
            loading={searching}
            notFoundContent={searching ? '正在查找…' : '没有找到已发布的事项'}
            placeholder="如：危险化学品 / 33030300AJ / wxhxp"
            data-testid="intake-item"
            options={rows.map((r) => ({
              value: r.id,
              label: `${r.name}${r.code ? `（${r.code}）` : ''}`,
            }))}
          />
        </Form.Item>
        <StepButtons next="下一步" />
      </Form>
    </div>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

/** GB 11643 for resident IDs (check digit included), GB 32100 for credit codes. */
export function idRule(getType: () => string | undefined) {
  return {
    validator(_: unknown, value: string | undefined) {
      const v = value?.trim() ?? '';
      if (!v) return Promise.reject(new Error('请填写证件号码'));
      const type = getType();
      if (type === 'residentId') {
        const problem = idNumberProblem(v, today());
        if (problem)
          return Promise.reject(new Error(`公民身份号码${ID_NUMBER_PROBLEM_TEXT[problem]}`));
      } else if (type === 'creditCode') {
        const problem = creditCodeProblem(v);
        if (problem) return Promise.reject(new Error(`统一社会信用代码${problem}`));
      } else if (v.length > 40) {
        return Promise.reject(new Error('证件号码不超过 40 个字符'));
      }
      return Promise.resolve();
    },
  };
}

export const PERSON_ID_TYPES = Object.entries(ID_TYPES)
  .filter(([k]) => k !== 'creditCode')
  .map(([value, label]) => ({ value, label }));

interface ApplicantForm {
  type: 'person' | 'organisation';
  name: string;
  idType: ApplicantValues['idType'];
  idNumber: string;
  phone?: string;
  hasAgent: boolean;
  agentName?: string;
  agentIdType?: ApplicantValues['idType'];
  agentIdNumber?: string;
}

/** 2 — the applicant, a person or an organisation, and an agent (代理人) if any. */
export function ApplicantStep({
  value,
  onBack,
  onNext,
}: {
  value?: ApplicantValues;
  onBack: () => void;
  onNext: (v: ApplicantValues) => void;
}) {
  const ref = useFocusFirst();
  const [form] = Form.useForm<ApplicantForm>();
  const initial: Partial<ApplicantForm> = value
    ? {
        ...value,
        hasAgent: !!value.agent,
        agentName: value.agent?.name,
        agentIdType: value.agent?.idType,
        agentIdNumber: value.agent?.idNumber,
      }
    : { type: 'person', idType: 'residentId', hasAgent: false, agentIdType: 'residentId' };
  const type = Form.useWatch('type', form) ?? initial.type;
  const hasAgent = Form.useWatch('hasAgent', form) ?? initial.hasAgent;

  return (
    <div ref={ref}>
      <Form<ApplicantForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(changed: Partial<ApplicantForm>) => {
          // setFieldsValue: setFieldValue trips a false circular-reference warning in rc-field-form.
          if (changed.type === 'organisation') form.setFieldsValue({ idType: 'creditCode' });
          if (changed.type === 'person') form.setFieldsValue({ idType: 'residentId' });
          if (changed.type || changed.idType) void form.validateFields(['idNumber']).catch(() => 0);
        }}
        onFinish={(v) =>
          onNext({
            type: v.type,
            name: v.name,
            idType: v.idType,
            idNumber: v.idNumber,
            phone: v.phone,
            agent: v.hasAgent
              ? { name: v.agentName!, idType: v.agentIdType!, idNumber: v.agentIdNumber! }
              : undefined,
          })
        }
        style={{ maxWidth: 640 }}
      >
        <Form.Item name="type" label="申请人类型">
          <Radio.Group
            options={[
              { value: 'person', label: '个人' },
              { value: 'organisation', label: '法人或其他组织' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={type === 'person' ? '申请人姓名' : '单位名称'}
          rules={[{ required: true, whitespace: true, message: '请填写申请人名称' }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        {type === 'person' ? (
          <Form.Item name="idType" label="证件类型">
            <Select options={PERSON_ID_TYPES} />
          </Form.Item>
        ) : (
          <Form.Item name="idType" hidden>
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="idNumber"
          label={type === 'person' ? '证件号码' : '统一社会信用代码'}
          rules={[idRule(() => form.getFieldValue('idType') as string)]}
          validateTrigger="onBlur"
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label="联系电话"
          rules={[
            {
              pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/,
              message: '电话号码格式不正确（手机 11 位，或区号-号码）',
            },
          ]}
        >
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item name="hasAgent" valuePropName="checked">
          <Checkbox>由代理人代为申请</Checkbox>
        </Form.Item>
        {hasAgent && (
          <Space.Compact block style={{ gap: 12 }}>
            <Form.Item
              name="agentName"
              label="代理人姓名"
              rules={[{ required: true, whitespace: true, message: '请填写代理人姓名' }]}
            >
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
            <Form.Item name="agentIdType" label="代理人证件类型">
              <Select options={PERSON_ID_TYPES} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item
              name="agentIdNumber"
              label="代理人证件号码"
              rules={[idRule(() => form.getFieldValue('agentIdType') as string)]}
              validateTrigger="onBlur"
            >
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Space.Compact>
        )}
        <StepButtons back={onBack} next="下一步" />
      </Form>
    </div>
  );
}

/** Fields of the usual application form the applicant step already knows. */
function prefill(a: ApplicantValues, data?: Record<string, unknown>) {
  return {
    applicantType: a.type,
    applicantName: a.name,
    ...(a.type === 'person' ? { idNumber: a.idNumber } : { creditCode: a.idNumber }),
    ...(a.phone ? { phone: a.phone } : {}),
    ...data,
  };
}

/** 3 — the item's application form, rendered from its schema (FORM-1), checked before going on. */
export function ApplicationStep({
  item,
  applicant,
  data,
  onBack,
  onNext,
}: {
  item: ChosenItem;
  applicant: ApplicantValues;
  data?: Record<string, unknown>;
  onBack: () => void;
  onNext: (data: Record<string, unknown> | undefined) => void;
}) {
  const ref = useFocusFirst();
  const key = item.version.process.compiled?.applicationForm;
  const schema = item.version.forms.find((f) => f.key === key)?.schema;
  const [formily] = useState(() => createForm({ values: prefill(applicant, data) }));
  const [error, setError] = useState<string>();

  async function next() {
    if (!schema) return onNext(undefined);
    try {
      await formily.validate();
    } catch {
      setError('请先补全或更正标红的内容');
      return;
    }
    const all = submittedValues(formily);
    // Only the form's own fields: the engine refuses unknown keys.
    onNext(Object.fromEntries(Object.entries(all).filter(([k]) => k in schema.properties)));
  }

  return (
    <div ref={ref}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void next();
        }}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {schema ? (
          <FormRenderer schema={schema} form={formily} />
        ) : (
          <Alert type="info" showIcon message="本事项没有申请表，直接核对材料" />
        )}
        <StepButtons back={onBack} next="下一步" />
      </form>
    </div>
  );
}

/** 4 — the material checklist against the item's list: received, 原件/复印件, how many. */
export function MaterialsStep({
  item,
  checks,
  onBack,
  onNext,
}: {
  item: ChosenItem;
  checks?: MaterialCheck[];
  onBack: () => void;
  onNext: (checks: MaterialCheck[]) => void;
}) {
  const ref = useFocusFirst();
  const list = item.version.content.materials;
  const [rows, setRows] = useState<MaterialCheck[]>(
    () =>
      checks ??
      list.map((m) => ({
        materialId: m.id,
        received: false,
        form: m.originalOrCopy === 'copy' ? 'copy' : 'original',
        count: m.count ?? 1,
      })),
  );
  const set = (id: string, patch: Partial<MaterialCheck>) =>
    setRows((all) => all.map((r) => (r.materialId === id ? { ...r, ...patch } : r)));

  const cell = (id: string, render: (r: MaterialCheck) => ReactNode) => {
    const r = rows.find((x) => x.materialId === id);
    return r ? render(r) : null;
  };

  return (
    <div ref={ref}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onNext(rows);
        }}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list}
          data-testid="intake-materials"
          columns={[
            {
              title: '已收取',
              width: 80,
              render: (_, m) =>
                cell(m.id, (r) => (
                  <Checkbox
                    checked={r.received}
                    aria-label={`已收取${m.name}`}
                    onChange={(e) => set(m.id, { received: e.target.checked })}
                  />
                )),
            },
            {
              title: '材料',
              render: (_, m) => (
                <Space size={4} wrap>
                  {m.name}
                  {m.required ? <Tag color="red">必要</Tag> : <Tag>非必要</Tag>}
                  {m.originalOrCopy && (
                    <Tag>
                      清单要求：
                      {m.originalOrCopy === 'both' ? '原件和复印件' : FORM_LABEL[m.originalOrCopy]}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: '原件/复印件',
              width: 170,
              render: (_, m) =>
                cell(m.id, (r) => (
                  <Radio.Group
                    size="small"
                    value={r.form}
                    aria-label={`${m.name}原件或复印件`}
                    onChange={(e) => set(m.id, { form: e.target.value as MaterialCheck['form'] })}
                    options={[
                      { value: 'original', label: '原件' },
                      { value: 'copy', label: '复印件' },
                    ]}
                  />
                )),
            },
            {
              title: '份数',
              width: 90,
              render: (_, m) =>
                cell(m.id, (r) => (
                  <InputNumber
                    size="small"
                    min={1}
                    max={99}
                    value={r.count}
                    aria-label={`${m.name}份数`}
                    onChange={(v) => set(m.id, { count: v ?? 1 })}
                  />
                )),
            },
            {
              title: '电子件',
              width: 220,
              // RUN-7: picked here, uploaded right after 登记 and before the decision (the case
              // exists only then); the server checks type and size, the decision step shows it.
              render: (_, m) =>
                cell(m.id, (r) => (
                  <PickFiles
                    name={m.name}
                    files={r.files ?? []}
                    onChange={(files) =>
                      set(m.id, { files, ...(files.length ? { received: true } : {}) })
                    }
                  />
                )),
            },
          ]}
        />
        <StepButtons back={onBack} next="下一步" />
      </form>
    </div>
  );
}

/**
 * 选择文件 for one material: a real button (one Tab stop; Enter or Space opens the file chooser)
 * over a hidden file input, and the chosen files, each removable.
 */
function PickFiles({
  name,
  files,
  onChange,
}: {
  name: string;
  files: File[];
  onChange: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <Space direction="vertical" size={2}>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={`${name}的电子件`}
        onChange={(e) => {
          const picked = [...(e.target.files ?? [])];
          // The same file may be picked again after it was removed.
          e.target.value = '';
          if (picked.length) onChange([...files, ...picked]);
        }}
      />
      <Button
        size="small"
        icon={<UploadOutlined />}
        aria-label={`选择${name}的文件`}
        onClick={() => input.current?.click()}
      >
        选择文件
      </Button>
      {files.map((f, i) => (
        <Space key={`${f.name}-${i}`} size={2}>
          {/* A plain span: Typography's ellipsis keeps a hidden copy of the text. */}
          <span className="intake-file-name" title={f.name}>
            {f.name}
          </span>
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            aria-label={`移除${f.name}`}
            onClick={() => onChange(files.filter((_, j) => j !== i))}
          />
        </Space>
      ))}
    </Space>
  );
}

/** The chosen item in a line, above the later steps. */
export function ItemSummary({
  item,
  applicant,
}: {
  item: ChosenItem;
  applicant?: ApplicantValues;
}) {
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
      <Descriptions.Item label="事项">{item.row.name}</Descriptions.Item>
      <Descriptions.Item label="事项编码">{item.version.code}</Descriptions.Item>
      {applicant && <Descriptions.Item label="申请人">{applicant.name}</Descriptions.Item>}
    </Descriptions>
  );
}
