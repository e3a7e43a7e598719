import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, withQuery } from '../api/client';
import { useRemote } from '../api/use-remote';
import { useSignedIn } from '../identity/session';
import { RULE_KIND_LABELS } from './alerts';

interface Exemption {
  id: string;
  itemName: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: { userId: string; name: string };
  decidedBy?: { name: string };
}

interface CoverageRow {
  itemId: string;
  itemCode: string;
  itemName: string;
  rules: { ruleId: string; name: string; kind: string }[];
  exempted: boolean;
  exemption?: Exemption;
}

const STATUS = {
  pending: <Tag color="processing">待批准</Tag>,
  approved: <Tag color="default">已免监察</Tag>,
  rejected: <Tag color="error">已驳回</Tag>,
};

/**
 * 事项覆盖 (SUP-9): every item and the rules that watch it. An item leaves supervision only with a
 * reason, once a second supervisor approves: the server refuses the requester's own approval.
 */
export function CoveragePage() {
  const { message } = App.useApp();
  const { user } = useSignedIn().me;
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const remote = useRemote<{ items: CoverageRow[]; total: number }>(
    withQuery('/api/supervision/coverage', { q: q || undefined, page, pageSize: 20 }),
  );
  const [asking, setAsking] = useState<CoverageRow>();
  const [form] = Form.useForm<{ reason: string }>();

  const decide = async (e: Exemption, verb: 'approve' | 'reject') => {
    try {
      await api.post(`/api/supervision/exemptions/${e.id}/${verb}`, {});
      message.success(verb === 'approve' ? '已批准免监察' : '已驳回');
      remote.reload();
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  return (
    <Card
      title="事项监察覆盖"
      extra={
        <Input.Search
          aria-label="查找事项"
          placeholder="事项名称或编码"
          allowClear
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
          style={{ width: 260 }}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        每个事项都在监察之下，除非有理由并经另一名监察人员批准免于监察。
      </Typography.Paragraph>
      <Table<CoverageRow>
        size="small"
        rowKey="itemId"
        data-testid="coverage-table"
        loading={remote.loading && !remote.data}
        dataSource={remote.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: remote.data?.total, onChange: setPage }}
        columns={[
          { title: '事项编码', dataIndex: 'itemCode', render: (v: string) => v || '—' },
          { title: '事项名称', dataIndex: 'itemName' },
          {
            title: '适用规则',
            dataIndex: 'rules',
            render: (_, r) =>
              r.exempted ? (
                <Tag>免于监察</Tag>
              ) : (
                <Space size={[4, 4]} wrap>
                  {r.rules.map((rule) => (
                    <Tag key={rule.ruleId} color="blue" title={RULE_KIND_LABELS[rule.kind]}>
                      {rule.name}
                    </Tag>
                  ))}
                </Space>
              ),
          },
          {
            title: '免监察',
            key: 'exemption',
            render: (_, r) => {
              const e = r.exemption;
              if (!e)
                return (
                  <Button size="small" onClick={() => setAsking(r)}>
                    申请免监察
                  </Button>
                );
              return (
                <Space direction="vertical" size={2}>
                  <span>
                    {STATUS[e.status]} {e.reason}（{e.requestedBy.name} 申请
                    {e.decidedBy ? `，${e.decidedBy.name} 批准` : ''}）
                  </span>
                  {e.status === 'pending' && e.requestedBy.userId !== user.id && (
                    <Space>
                      <Button size="small" type="primary" onClick={() => void decide(e, 'approve')}>
                        批准
                      </Button>
                      <Button size="small" danger onClick={() => void decide(e, 'reject')}>
                        驳回
                      </Button>
                    </Space>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <Modal
        title={`申请免监察：${asking?.itemName ?? ''}`}
        open={!!asking}
        okText="提交申请"
        onCancel={() => setAsking(undefined)}
        destroyOnHidden
        onOk={async () => {
          const { reason } = await form.validateFields();
          try {
            await api.post('/api/supervision/exemptions', { itemId: asking!.itemId, reason });
            message.success('已提交，待另一名监察人员批准');
            setAsking(undefined);
            form.resetFields();
            remote.reload();
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label="理由"
            rules={[{ required: true, min: 5, message: '请写明理由（至少 5 个字）' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
