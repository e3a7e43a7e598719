import { Card, DatePicker, Input, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { withQuery } from '../api/client';
import { useRemote } from '../api/use-remote';
import { CASE_STATUS_LABELS, STATUS_COLORS, timeText } from '../cases/labels';
import { useUnits } from '../organisation/use-units';
import type { CaseStatus } from '../../../runtime/cases/state';

interface CaseRow {
  id: string;
  caseNo?: string;
  applicationNo?: string;
  caseName: string;
  applicantName: string;
  itemName: string;
  status: CaseStatus;
  statusLabel: string;
  handlingUnit: { id: string; name: string };
  appliedAt: string;
  overdue: boolean;
}

const ALERTS = [
  { value: 'any', label: '有预警' },
  { value: 'yellow', label: '黄牌预警' },
  { value: 'red', label: '红牌报警' },
];

/**
 * 办件查询 (SUP-1): every case of the county for a supervisor — by number, item or applicant,
 * department, state, period received and open alert — each opened or replayed.
 */
export function CaseSearchPage() {
  const { units } = useUnits();
  const [q, setQ] = useState('');
  const [departmentId, setDepartmentId] = useState<string>();
  const [status, setStatus] = useState<CaseStatus[]>([]);
  const [alert, setAlert] = useState<string>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const remote = useRemote<{ items: CaseRow[]; total: number }>(
    withQuery('/api/cases', {
      q: q || undefined,
      departmentId,
      status: status.length ? status.join(',') : undefined,
      alert,
      from: range?.[0]?.startOf('day').toISOString(),
      to: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
      page,
      pageSize: 20,
    }),
  );
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => (set(v), setPage(1));
  const departments = (units ?? []).filter((u) => u.kind === 'department' || u.kind === 'township');

  return (
    <Card title="办件查询">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="查找办件"
          placeholder="办件编号、申请人或事项"
          allowClear
          onSearch={(v) => reset(setQ)(v.trim())}
          style={{ width: 260 }}
        />
        <Select
          aria-label="办理部门"
          placeholder="办理部门"
          allowClear
          showSearch
          optionFilterProp="label"
          value={departmentId}
          onChange={reset(setDepartmentId)}
          options={departments.map((u) => ({ value: u.id, label: u.name }))}
          style={{ width: 240 }}
        />
        <Select<CaseStatus[]>
          aria-label="办件状态"
          mode="multiple"
          placeholder="办件状态"
          allowClear
          value={status}
          onChange={reset(setStatus)}
          options={Object.entries(CASE_STATUS_LABELS).map(([value, label]) => ({
            value: value as CaseStatus,
            label,
          }))}
          style={{ minWidth: 200 }}
        />
        <DatePicker.RangePicker
          aria-label="申请日期"
          placeholder={['申请起始日', '申请截止日']}
          value={range}
          onChange={reset(setRange)}
        />
        <Select
          aria-label="预警"
          placeholder="预警"
          allowClear
          value={alert}
          onChange={reset(setAlert)}
          options={ALERTS}
          style={{ width: 120 }}
        />
      </Space>
      <Table<CaseRow>
        size="small"
        rowKey="id"
        data-testid="case-search-table"
        loading={remote.loading && !remote.data}
        dataSource={remote.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: remote.data?.total,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 件`,
        }}
        columns={[
          {
            title: '办件编号',
            render: (_, r) => r.caseNo ?? r.applicationNo ?? '—',
            width: 200,
          },
          { title: '办件名称', dataIndex: 'caseName' },
          { title: '申请人', dataIndex: 'applicantName', width: 160 },
          { title: '办理部门', render: (_, r) => r.handlingUnit.name, width: 200 },
          {
            title: '状态',
            width: 110,
            render: (_, r) => (
              <Space size={4}>
                <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
                {r.overdue && <Tag color="error">超期</Tag>}
              </Space>
            ),
          },
          { title: '申请时间', width: 150, render: (_, r) => timeText(r.appliedAt) },
          {
            title: '操作',
            width: 110,
            render: (_, r) => (
              <Space>
                <Link to={`/cases/${r.id}`}>查看</Link>
                <Link to={`/cases/${r.id}/replay`}>回放</Link>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
