import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  FAULT_CLASS_LABELS,
  FAULT_CLASSES,
  FAULT_STATE_LABELS,
  FAULT_STATES,
  type FaultClass,
  type FaultState,
} from '../../../runtime/operations/faults';
import { api, withQuery, type Page } from '../api/client';
import { placeServerError } from '../api/form-errors';
import { useRemote } from '../api/use-remote';

interface Person {
  userId: string;
  name: string;
}

export interface Fault {
  id: string;
  number: string;
  faultClass: FaultClass;
  classLabel: string;
  title: string;
  description: string;
  affected: string;
  occurredAt: string;
  reportedAt: string;
  reportedBy: string;
  recordedBy: Person;
  state: FaultState;
  stateLabel: string;
  respondedAt?: string;
  respondedBy?: Person;
  notes: { at: string; by: Person; text: string }[];
  resolvedAt?: string;
  resolvedBy?: Person;
  resolution?: string;
  cause?: string;
  targets: { respond: { text: string }; resolve: { text: string } };
  respondBy: string | null;
  resolveBy: string | null;
  responseMinutes: number | null;
  resolutionMinutes: number | null;
  outageMinutes: number | null;
  responseMet: boolean | null;
  resolutionMet: boolean | null;
  version: number;
}

type Command = 'new' | 'respond' | 'note' | 'resolve';

const CLASS_COLORS: Record<FaultClass, string> = { A: 'red', B: 'orange', C: 'blue' };
const STATE_COLORS: Record<FaultState, string> = {
  reported: 'red',
  responding: 'processing',
  resolved: 'success',
};

export const timeText = (iso?: string | null) =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';

/** 达标 / 超时, or nothing while the time is still running. */
export function MetTag({ met, minutes }: { met: boolean | null; minutes: number | null }) {
  return (
    <Space size={4}>
      {minutes === null ? null : <span>{minutes} 分钟</span>}
      {met === true && <Tag color="success">达标</Tag>}
      {met === false && <Tag color="error">超时</Tag>}
    </Space>
  );
}

const TITLES: Record<Command, string> = {
  new: '登记故障',
  respond: '响应故障',
  note: '记录处理情况',
  resolve: '登记恢复',
};

const iso = (d?: Dayjs | null) => (d ? d.toISOString() : undefined);

/**
 * 故障登记 (OPS-3): faults of the platform by class, each answered (响应), worked on (处理中)
 * and restored (恢复) in turn; the list says whether the class's times were kept.
 */
export function FaultsPage() {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<{ faultClass?: string; state?: string; month?: string }>(
    {},
  );
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, loading, reload } = useRemote<Page<Fault>>(
    withQuery('/api/operations/faults', { ...filters, ...paging }),
  );
  const [command, setCommand] = useState<{ kind: Command; fault?: Fault }>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm();

  const open = (kind: Command, fault?: Fault) => {
    form.resetFields();
    if (kind === 'new') form.setFieldsValue({ faultClass: 'B', occurredAt: dayjs() });
    setError(undefined);
    setCommand({ kind, fault });
  };

  async function submit() {
    if (!command) return;
    const v = (await form.validateFields()) as Record<string, unknown>;
    const { kind, fault } = command;
    const at = iso(v.at as Dayjs | undefined);
    try {
      if (kind === 'new')
        await api.post('/api/operations/faults', {
          ...v,
          occurredAt: iso(v.occurredAt as Dayjs),
          reportedAt: iso(v.reportedAt as Dayjs | undefined),
          reportedBy: (v.reportedBy as string | undefined) || undefined,
        });
      else
        await api.post(`/api/operations/faults/${fault!.id}/${kind === 'note' ? 'notes' : kind}`, {
          ...v,
          version: fault!.version,
          at,
          note: (v.note as string | undefined) || undefined,
        });
      void message.success(`${TITLES[kind]}：已保存`);
      setCommand(undefined);
      reload();
    } catch (e) {
      setError(placeServerError(form, e));
    }
  }

  return (
    <Card
      title="故障登记"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          登记故障
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="故障等级"
          style={{ width: 200 }}
          options={FAULT_CLASSES.map((c) => ({ value: c, label: FAULT_CLASS_LABELS[c] }))}
          onChange={(faultClass?: string) => setFilters((f) => ({ ...f, faultClass }))}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          options={FAULT_STATES.map((s) => ({ value: s, label: FAULT_STATE_LABELS[s] }))}
          onChange={(state?: string) => setFilters((f) => ({ ...f, state }))}
        />
        <DatePicker
          picker="month"
          placeholder="报告月份"
          onChange={(d) =>
            setFilters((f) => ({ ...f, month: d ? d.format('YYYY-MM') : undefined }))
          }
        />
      </Space>
      <Table<Fault>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        expandable={{ expandedRowRender: (f) => <FaultDetails fault={f} /> }}
        columns={[
          { title: '编号', dataIndex: 'number', width: 150 },
          {
            title: '等级',
            dataIndex: 'faultClass',
            width: 70,
            render: (_, f) => (
              <Tag color={CLASS_COLORS[f.faultClass]} title={f.classLabel}>
                {f.faultClass}类
              </Tag>
            ),
          },
          { title: '故障', dataIndex: 'title', minWidth: 200 },
          { title: '影响范围', dataIndex: 'affected', width: 140 },
          {
            title: '报告时间',
            dataIndex: 'reportedAt',
            width: 140,
            render: (t: string) => timeText(t),
          },
          {
            title: '状态',
            dataIndex: 'state',
            width: 90,
            render: (_, f) => <Tag color={STATE_COLORS[f.state]}>{f.stateLabel}</Tag>,
          },
          {
            title: '响应',
            width: 130,
            render: (_, f) => <MetTag met={f.responseMet} minutes={f.responseMinutes} />,
          },
          {
            title: '恢复',
            width: 130,
            render: (_, f) => <MetTag met={f.resolutionMet} minutes={f.resolutionMinutes} />,
          },
          {
            title: '操作',
            width: 170,
            render: (_, f) => (
              <Space>
                {f.state === 'reported' && (
                  <Button size="small" type="primary" onClick={() => open('respond', f)}>
                    响应
                  </Button>
                )}
                {f.state === 'responding' && (
                  <>
                    <Button size="small" onClick={() => open('note', f)}>
                      记录进展
                    </Button>
                    <Button size="small" type="primary" onClick={() => open('resolve', f)}>
                      恢复
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={
          command ? `${TITLES[command.kind]}${command.fault ? ` ${command.fault.number}` : ''}` : ''
        }
        open={command !== undefined}
        onOk={submit}
        onCancel={() => setCommand(undefined)}
        okText="保存"
        destroyOnHidden
        width={560}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical">
          {command?.kind === 'new' && <NewFaultFields />}
          {(command?.kind === 'respond' || command?.kind === 'resolve') && (
            <Form.Item
              name="at"
              label={`${command.kind === 'respond' ? '响应' : '恢复'}时间（不填为现在）`}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          )}
          {command?.kind === 'respond' && (
            <Form.Item name="note" label="处理情况（可不填）">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          )}
          {command?.kind === 'note' && (
            <Form.Item name="text" label="处理情况" rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {command?.kind === 'resolve' && (
            <>
              <Form.Item
                name="resolution"
                label="处理结果"
                rules={[{ required: true, whitespace: true, message: '请填写处理结果' }]}
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item
                name="cause"
                label="故障原因"
                rules={[{ required: true, whitespace: true, message: '请填写故障原因' }]}
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

function NewFaultFields() {
  return (
    <>
      <Form.Item name="faultClass" label="故障等级" rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={FAULT_CLASSES.map((c) => ({ value: c, label: FAULT_CLASS_LABELS[c] }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label="故障现象"
        rules={[{ required: true, whitespace: true, message: '请填写故障现象' }]}
      >
        <Input maxLength={100} placeholder="如：门户网上申请提交失败" />
      </Form.Item>
      <Form.Item
        name="affected"
        label="影响范围"
        rules={[{ required: true, whitespace: true, message: '请填写影响范围' }]}
      >
        <Input maxLength={200} placeholder="如：政务服务专栏网上申请" />
      </Form.Item>
      <Form.Item name="description" label="详细描述">
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Space size="large">
        <Form.Item
          name="occurredAt"
          label="发生时间"
          rules={[{ required: true, message: '请选择发生时间' }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="reportedAt" label="报告时间（不填为现在）">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Space>
      <Form.Item name="reportedBy" label="报告人（不填为本人）">
        <Input maxLength={100} placeholder="如：永中街道便民服务中心 郑小红（电话）" />
      </Form.Item>
    </>
  );
}

function FaultDetails({ fault: f }: { fault: Fault }) {
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label="等级">{f.classLabel}</Descriptions.Item>
      <Descriptions.Item label="达标要求">
        响应 {f.targets.respond.text}内（{timeText(f.respondBy)} 前），恢复 {f.targets.resolve.text}
        内（{timeText(f.resolveBy)} 前）
      </Descriptions.Item>
      <Descriptions.Item label="发生时间">{timeText(f.occurredAt)}</Descriptions.Item>
      <Descriptions.Item label="报告">
        {timeText(f.reportedAt)}，{f.reportedBy}（{f.recordedBy.name}登记）
      </Descriptions.Item>
      <Descriptions.Item label="描述" span={2}>
        {f.description || '—'}
      </Descriptions.Item>
      <Descriptions.Item label="响应">
        {f.respondedAt ? `${timeText(f.respondedAt)}，${f.respondedBy?.name ?? ''}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="恢复">
        {f.resolvedAt
          ? `${timeText(f.resolvedAt)}，${f.resolvedBy?.name ?? ''}；停机 ${f.outageMinutes} 分钟`
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="处理情况" span={2}>
        {f.notes.length ? (
          <Timeline
            style={{ marginTop: 8, marginBottom: -16 }}
            items={f.notes.map((n) => ({
              children: `${timeText(n.at)} ${n.by.name}：${n.text}`,
            }))}
          />
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label="处理结果">{f.resolution ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="故障原因">{f.cause ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}
