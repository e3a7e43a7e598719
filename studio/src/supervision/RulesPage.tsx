import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useRemote } from '../api/use-remote';
import { useAbility } from '../identity/session';
import { RULE_KIND_LABELS } from './alerts';

interface Rule {
  id: string;
  name: string;
  kind: string;
  description: string;
  itemIds: string[];
  params: Record<string, unknown>;
  condition?: string;
  level: 'yellow' | 'red';
  notify: { staff: boolean; head: boolean };
  enabled: boolean;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

interface Values {
  name: string;
  kind: string;
  description?: string;
  condition?: string;
  level: 'yellow' | 'red';
  notifyStaff: boolean;
  notifyHead: boolean;
  enabled: boolean;
  subjects?: string[];
  warnLeft?: number;
  warnShareUsed?: number;
  toleranceYuan?: number;
  riskTypes?: string;
  patterns?: string[];
}

const PATTERNS = [
  { value: 'fastCompletion', label: '办理过快' },
  { value: 'nightWork', label: '夜间办理' },
  { value: 'repeatedReturns', label: '反复退回' },
];

function paramsOf(v: Values): Record<string, unknown> {
  switch (v.kind) {
    case 'timeliness':
      return {
        subjects: v.subjects ?? [],
        warnLeft: v.warnLeft ?? 1,
        warnShareUsed: (v.warnShareUsed ?? 80) / 100,
      };
    case 'fee':
      return { toleranceFen: Math.round((v.toleranceYuan ?? 0) * 100) };
    case 'riskPoint':
      return {
        riskTypes: (v.riskTypes ?? '')
          .split(/[，,、\s]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'suspicious':
      return { patterns: v.patterns ?? [] };
    case 'content':
      return { materials: true };
    default:
      return {};
  }
}

function valuesOf(r: Rule): Values {
  const p = r.params;
  return {
    name: r.name,
    kind: r.kind,
    description: r.description,
    condition: r.condition,
    level: r.level,
    notifyStaff: r.notify.staff,
    notifyHead: r.notify.head,
    enabled: r.enabled,
    subjects: p.subjects as string[] | undefined,
    warnLeft: p.warnLeft as number | undefined,
    warnShareUsed: typeof p.warnShareUsed === 'number' ? p.warnShareUsed * 100 : undefined,
    toleranceYuan: typeof p.toleranceFen === 'number' ? p.toleranceFen / 100 : undefined,
    riskTypes: Array.isArray(p.riskTypes) ? (p.riskTypes as string[]).join('、') : undefined,
    patterns: p.patterns as string[] | undefined,
  };
}

/** 监察规则 (SUP-3): each kind with its parameters and an optional FEEL condition; saved as versions. */
export function RulesPage() {
  const { message } = App.useApp();
  const ability = useAbility();
  const remote = useRemote<{ items: Rule[] }>('/api/supervision/rules?pageSize=200');
  const [editing, setEditing] = useState<Rule | 'new'>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      name: v.name,
      kind: v.kind,
      description: v.description ?? '',
      ...(v.condition?.trim() ? { condition: v.condition.trim() } : {}),
      params: paramsOf(v),
      level: v.level,
      notify: { staff: v.notifyStaff, head: v.notifyHead },
      enabled: v.enabled,
    };
    try {
      if (editing === 'new') await api.post('/api/supervision/rules', body);
      else
        await api.put(`/api/supervision/rules/${editing!.id}`, {
          ...body,
          version: editing!.version,
        });
      message.success('规则已保存');
      setEditing(undefined);
      remote.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <Card
      title="监察规则"
      extra={
        ability.can('create', 'SupervisionRule') && (
          <Button
            type="primary"
            onClick={() => {
              setError(undefined);
              form.setFieldsValue({
                name: '',
                kind: 'fee',
                level: 'yellow',
                notifyStaff: true,
                notifyHead: false,
                enabled: true,
                condition: '',
                description: '',
              });
              setEditing('new');
            }}
          >
            新增规则
          </Button>
        )
      }
    >
      <Table<Rule>
        size="small"
        rowKey="id"
        data-testid="rules-table"
        loading={remote.loading && !remote.data}
        dataSource={remote.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: string) => RULE_KIND_LABELS[k] ?? k },
          { title: '说明', dataIndex: 'description' },
          {
            title: '条件',
            dataIndex: 'condition',
            render: (c?: string) => (c ? <code>{c}</code> : '—'),
          },
          {
            title: '级别',
            dataIndex: 'level',
            render: (_, r) =>
              r.kind === 'timeliness' ? '黄牌→红牌' : r.level === 'red' ? '红牌' : '黄牌',
          },
          {
            title: '状态',
            dataIndex: 'enabled',
            render: (e: boolean) => (e ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
          },
          {
            title: '版本',
            dataIndex: 'version',
            render: (v: number, r) => `第 ${v} 版（${r.updatedBy}）`,
          },
          {
            title: '',
            key: 'edit',
            render: (_, r) =>
              ability.can('update', 'SupervisionRule') && (
                <Button
                  size="small"
                  onClick={() => {
                    setError(undefined);
                    form.setFieldsValue(valuesOf(r));
                    setEditing(r);
                  }}
                >
                  修改
                </Button>
              ),
          },
        ]}
      />
      <Modal
        title={editing === 'new' ? '新增监察规则' : `修改规则：${editing?.name ?? ''}`}
        open={!!editing}
        okText="保存"
        onOk={() => void save()}
        onCancel={() => setEditing(undefined)}
        width={640}
        forceRender
      >
        {error && (
          <div role="alert" style={{ color: '#cf1322', marginBottom: 12 }} data-testid="rule-error">
            {error}
          </div>
        )}
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label="规则名称"
            rules={[{ required: true, message: '请输入名称' }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="kind" label="规则类型">
            <Select
              disabled={editing !== 'new'}
              options={Object.entries(RULE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          {kind === 'timeliness' && (
            <Space wrap>
              <Form.Item name="subjects" label="时限">
                <Select
                  mode="multiple"
                  style={{ minWidth: 240 }}
                  options={[
                    { value: 'legal', label: '法定时限' },
                    { value: 'promised', label: '承诺时限' },
                    { value: 'step', label: '环节时限' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="warnLeft" label="剩余不超过（个单位）时预警">
                <InputNumber min={0} max={365} />
              </Form.Item>
              <Form.Item name="warnShareUsed" label="已用达到（%）时预警">
                <InputNumber min={0} max={100} />
              </Form.Item>
            </Space>
          )}
          {kind === 'fee' && (
            <Form.Item name="toleranceYuan" label="允许误差（元）">
              <InputNumber min={0} step={0.01} />
            </Form.Item>
          )}
          {kind === 'riskPoint' && (
            <Form.Item name="riskTypes" label="风险类型（留空为全部，多个用顿号分隔）">
              <Input placeholder="廉政风险、效能风险" />
            </Form.Item>
          )}
          {kind === 'suspicious' && (
            <Form.Item name="patterns" label="异常类型">
              <Select mode="multiple" options={PATTERNS} />
            </Form.Item>
          )}
          <Form.Item
            name="condition"
            label="附加条件（FEEL，可留空）"
            extra="可用：itemCode、itemName、departmentName、stepName、channel、remaining、amountFen、standardFen、pattern、riskType 等"
          >
            <Input.TextArea rows={2} maxLength={1000} placeholder="例如 amountFen > 50000" />
          </Form.Item>
          {kind !== 'timeliness' && (
            <Form.Item name="level" label="级别">
              <Select
                options={[
                  { value: 'yellow', label: '黄牌预警' },
                  { value: 'red', label: '红牌报警' },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item name="description" label="说明">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Space size="large">
            <Form.Item name="notifyStaff" label="通知责任人" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="notifyHead" label="通知部门负责人" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="enabled" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
