import { Button, Card, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { withQuery } from '../api/client';
import { useRemote } from '../api/use-remote';
import { STATUS_COLORS, timeText } from '../cases/labels';
import type { CaseStatus } from '../../../runtime/cases/state';

type Kind = 'supervisionOrder' | 'complaint';

interface OrderRow {
  id: string;
  caseNo?: string;
  caseName: string;
  department: { name: string };
  target?: { id: string; name: string };
  itemName?: string;
  itemCode?: string;
  relatedCaseNo?: string;
  staff?: string;
  startedAt: string;
  endedAt?: string;
  status: CaseStatus;
  statusLabel: string;
  result?: string;
}

interface Answer {
  items: OrderRow[];
  total: number;
  processes: { id: string; name: string }[];
}

const KINDS: { key: Kind; label: string; start: string }[] = [
  { key: 'supervisionOrder', label: '督办记录', start: '发起督办' },
  { key: 'complaint', label: '投诉记录', start: '登记投诉' },
];

/**
 * 督办与投诉 (SUP-4, SUP-5, SUP-8): each record with the supervising department, the unit it is
 * about, the matter, who watches it, when it began and ended, its state and result. Each runs on
 * its configured flowchart; a new one starts at 窗口登记 with the process chosen.
 */
export function OrdersPage() {
  const [kind, setKind] = useState<Kind>('supervisionOrder');
  const [page, setPage] = useState(1);
  const remote = useRemote<Answer>(
    withQuery('/api/supervision/orders', { kind, page, pageSize: 20 }),
  );
  const start = KINDS.find((k) => k.key === kind)!.start;
  return (
    <Card
      title="督办与投诉"
      extra={
        <Space>
          {(remote.data?.processes ?? []).map((p) => (
            <Link key={p.id} to={`/work/register?item=${encodeURIComponent(p.name)}`}>
              <Button type="primary">
                {start}：{p.name}
              </Button>
            </Link>
          ))}
        </Space>
      }
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => (setKind(k as Kind), setPage(1))}
        items={KINDS.map((k) => ({ key: k.key, label: k.label }))}
      />
      <Table<OrderRow>
        size="small"
        rowKey="id"
        data-testid="orders-table"
        loading={remote.loading && !remote.data}
        dataSource={remote.data?.items ?? []}
        scroll={{ x: 1500 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: remote.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: '编号',
            width: 200,
            render: (_, r) => <Link to={`/cases/${r.id}`}>{r.caseNo ?? '—'}</Link>,
          },
          { title: '督办部门', width: 140, render: (_, r) => r.department.name },
          {
            title: kind === 'complaint' ? '被投诉单位' : '被督办单位',
            width: 180,
            render: (_, r) => r.target?.name ?? '—',
          },
          {
            title: '事项',
            width: 280,
            render: (_, r) =>
              [
                r.itemName,
                r.itemCode && `（${r.itemCode}）`,
                r.relatedCaseNo && ` 办件 ${r.relatedCaseNo}`,
              ]
                .filter(Boolean)
                .join('') || r.caseName,
          },
          { title: '监控人员', dataIndex: 'staff', width: 90 },
          { title: '开始', width: 140, render: (_, r) => timeText(r.startedAt) },
          { title: '结束', width: 140, render: (_, r) => (r.endedAt ? timeText(r.endedAt) : '—') },
          {
            title: '状态',
            width: 90,
            render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>,
          },
          {
            title: '结果',
            dataIndex: 'result',
            width: 220,
            ellipsis: true,
            render: (v?: string) => v ?? '—',
          },
        ]}
      />
    </Card>
  );
}
