import { Alert, Card, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect } from 'react';
import { useRemote } from '../api/use-remote';
import { formatTime } from './messages';

interface DeliveryRow {
  id: string;
  templateLabel: string;
  channelLabel: string;
  recipient: string;
  subject: string;
  text: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: { at: string; outcome: 'sent' | 'failed'; error?: string }[];
  nextAttemptAt: string | null;
  createdAt: string;
}

const STATUS = {
  pending: { color: 'processing', label: '待发送' },
  sent: { color: 'success', label: '已发送' },
  failed: { color: 'error', label: '发送失败' },
} as const;

/** 通知记录 (RUN-15): what the case's events told whom, on which channel, with every attempt. */
export function NotificationsCard({ caseId, version }: { caseId: string; version: number }) {
  const remote = useRemote<{ items: DeliveryRow[] }>(
    `/api/cases/${encodeURIComponent(caseId)}/notifications`,
  );
  const { reload } = remote;
  // A command made new notices: look again (they follow the case by a moment).
  useEffect(() => {
    const timer = setTimeout(reload, 1500);
    return () => clearTimeout(timer);
  }, [version, reload]);

  return (
    <Card title="通知记录" size="small" style={{ marginTop: 16 }}>
      {remote.error && <Alert type="error" showIcon message={remote.error.message} />}
      <Table<DeliveryRow>
        size="small"
        rowKey="id"
        loading={remote.loading && !remote.data}
        dataSource={remote.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无通知' }}
        scroll={{ x: true }}
        columns={[
          { title: '通知', dataIndex: 'templateLabel' },
          { title: '通道', dataIndex: 'channelLabel' },
          { title: '收件人', dataIndex: 'recipient' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: DeliveryRow['status'], row) => (
              <Tooltip
                title={
                  row.attempts.length
                    ? row.attempts
                        .map(
                          (a, i) =>
                            `第 ${i + 1} 次 ${formatTime(a.at)}：${a.outcome === 'sent' ? '成功' : `失败 ${a.error ?? ''}`}`,
                        )
                        .join('\n')
                    : '尚未发送'
                }
              >
                <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>
              </Tooltip>
            ),
          },
          {
            title: '尝试',
            render: (_, row) =>
              row.attempts.length +
              (row.status === 'pending' && row.nextAttemptAt && row.attempts.length
                ? `（下次 ${formatTime(row.nextAttemptAt)}）`
                : ''),
          },
          {
            title: '内容',
            dataIndex: 'text',
            render: (text: string, row) => (
              <Typography.Paragraph ellipsis={{ rows: 1, tooltip: text }} style={{ margin: 0 }}>
                {row.subject}
              </Typography.Paragraph>
            ),
          },
          { title: '生成时间', dataIndex: 'createdAt', render: (at: string) => formatTime(at) },
        ]}
      />
    </Card>
  );
}
