import { Alert, Badge, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { withQuery } from '../api/client';
import { useRemote } from '../api/use-remote';
import { useAbility } from '../identity/session';
import {
  formatAt,
  LEVEL_LABELS,
  RULE_KIND_LABELS,
  useAlertStream,
  type AlertChange,
  type AlertRow,
} from './alerts';

interface AlertList {
  items: AlertRow[];
  total: number;
  countsByDepartment: {
    departmentId: string;
    departmentName: string;
    yellow: number;
    red: number;
  }[];
}

const CHANGE_LABELS = { raised: '新预警', escalated: '升级为红牌', cleared: '已解除' } as const;

export function LevelTag({ level }: { level: AlertRow['level'] }) {
  return <Tag color={level === 'red' ? 'red' : 'gold'}>{LEVEL_LABELS[level]}</Tag>;
}

/** 窗口登记 of a 督办 about the alert's department and case, its 督办单 filled in from the alert. */
export function orderLink(process: string, a: AlertRow): string {
  const params = new URLSearchParams({
    item: process,
    target: a.departmentId,
    'data.source': 'alert',
    'data.itemName': a.itemName,
    'data.itemCode': a.itemCode,
    'data.reason': `${a.ruleName}：${a.detail}`,
  });
  if (a.caseNo) params.set('data.relatedCaseNo', a.caseNo);
  return `/work/register?${params.toString()}`;
}

/**
 * 预警监控 (SUP-2): the county's yellow and red cards as they are raised, escalated and cleared —
 * pushed by the server, filterable, counted by department, risk points marked.
 */
export function AlertsPage() {
  const ability = useAbility();
  const [level, setLevel] = useState<string>();
  const [state, setState] = useState<string>('open');
  const [departmentId, setDepartmentId] = useState<string>();
  const [ruleKind, setRuleKind] = useState<string>();
  const [page, setPage] = useState(1);
  const remote = useRemote<AlertList>(
    withQuery('/api/supervision/alerts', {
      level,
      state,
      departmentId,
      ruleKind,
      page,
      pageSize: 20,
    }),
  );
  const { reload } = remote;
  // Supervisors may turn an alert into a 督办 on the county's 督办 process.
  const processes = useRemote<{ processes: { name: string }[] }>(
    ability.can('read', 'SupervisionExemption')
      ? '/api/supervision/orders?kind=supervisionOrder&pageSize=1'
      : undefined,
  );
  const orderProcess = processes.data?.processes[0]?.name;
  const [feed, setFeed] = useState<(AlertChange & { at: number })[]>([]);
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onChange = useCallback(
    (change: AlertChange) => {
      setFeed((f) => [{ ...change, at: Date.now() }, ...f].slice(0, 8));
      // Several changes arrive together after a scan: one reload for all of them.
      clearTimeout(pending.current);
      pending.current = setTimeout(reload, 200);
    },
    [reload],
  );
  useEffect(() => () => clearTimeout(pending.current), []);
  useAlertStream(onChange);

  const counts = remote.data?.countsByDepartment ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="各部门在办预警">
        {counts.length === 0 ? (
          <Typography.Text type="secondary">当前没有预警</Typography.Text>
        ) : (
          <Space wrap data-testid="department-counts">
            {counts.map((c) => (
              <Tag
                key={c.departmentId}
                style={{ cursor: 'pointer', padding: '4px 8px' }}
                color={departmentId === c.departmentId ? 'blue' : undefined}
                onClick={() => {
                  setDepartmentId(departmentId === c.departmentId ? undefined : c.departmentId);
                  setPage(1);
                }}
              >
                {c.departmentName} <Badge color="gold" text={`黄 ${c.yellow}`} />
                <Badge color="red" text={`红 ${c.red}`} />
              </Tag>
            ))}
          </Space>
        )}
      </Card>
      {feed.length > 0 && (
        <Card size="small" title="实时动态" data-testid="alert-feed">
          {feed.map((f) => (
            <div key={`${f.alert.id}:${f.kind}:${f.at}`}>
              <LevelTag level={f.alert.level} />
              {CHANGE_LABELS[f.kind]}：{f.alert.departmentName} · {f.alert.caseName}
              {f.alert.stepName ? ` ·「${f.alert.stepName}」` : ''} — {f.alert.detail}
            </div>
          ))}
        </Card>
      )}
      <Card
        size="small"
        title="预警列表"
        extra={
          <Space wrap>
            <Select
              aria-label="级别"
              placeholder="全部级别"
              allowClear
              style={{ width: 120 }}
              value={level}
              onChange={(v) => (setLevel(v), setPage(1))}
              options={[
                { value: 'yellow', label: '黄牌预警' },
                { value: 'red', label: '红牌报警' },
              ]}
            />
            <Select
              aria-label="状态"
              style={{ width: 110 }}
              value={state}
              onChange={(v) => (setState(v), setPage(1))}
              options={[
                { value: 'open', label: '未解除' },
                { value: 'cleared', label: '已解除' },
              ]}
            />
            <Select
              aria-label="规则类型"
              placeholder="全部类型"
              allowClear
              style={{ width: 130 }}
              value={ruleKind}
              onChange={(v) => (setRuleKind(v), setPage(1))}
              options={Object.entries(RULE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Space>
        }
      >
        {remote.error && <Alert type="error" showIcon message={remote.error.message} />}
        <AlertTable
          rows={remote.data?.items ?? []}
          loading={remote.loading && !remote.data}
          total={remote.data?.total ?? 0}
          page={page}
          onPage={setPage}
          {...(orderProcess ? { orderProcess } : {})}
        />
      </Card>
    </Space>
  );
}

export function AlertTable(props: {
  rows: AlertRow[];
  loading: boolean;
  total: number;
  page: number;
  onPage: (page: number) => void;
  compact?: boolean;
  /** The county's 督办 process: each alert may start one (SUP-5). */
  orderProcess?: string;
}) {
  return (
    <Table<AlertRow>
      size="small"
      rowKey="id"
      data-testid="alert-table"
      loading={props.loading}
      dataSource={props.rows}
      rowClassName={(a) => (a.riskPoint ? 'alert-risk-row' : '')}
      onRow={(a) => (a.riskPoint ? { style: { background: '#fff1f0' } } : {})}
      pagination={{
        current: props.page,
        pageSize: 20,
        total: props.total,
        onChange: props.onPage,
        hideOnSinglePage: true,
      }}
      locale={{ emptyText: '没有符合条件的预警' }}
      scroll={{ x: true }}
      columns={[
        { title: '级别', dataIndex: 'level', render: (_, a) => <LevelTag level={a.level} /> },
        {
          title: '办件',
          dataIndex: 'caseName',
          render: (_, a) => <Link to={`/cases/${a.caseId}`}>{a.caseNo ?? a.caseName}</Link>,
        },
        ...(props.compact ? [] : [{ title: '部门', dataIndex: 'departmentName' }]),
        { title: '环节', dataIndex: 'stepName', render: (v?: string) => v ?? '—' },
        {
          title: '规则',
          dataIndex: 'ruleName',
          render: (_, a) => (
            <Space size={4}>
              {a.ruleName}
              {a.riskPoint && <Tag color="volcano">风险点：{a.riskPoint.type}</Tag>}
            </Space>
          ),
        },
        { title: '情况', dataIndex: 'detail' },
        ...(props.compact
          ? []
          : [
              {
                title: '责任人',
                dataIndex: 'userNames',
                render: (v: string[]) => v.join('、') || '—',
              },
            ]),
        {
          title: '时间',
          dataIndex: 'raisedAt',
          render: (_, a) => (
            <span>
              {formatAt(a.escalatedAt ?? a.raisedAt)}
              {a.state === 'cleared' && <Tag style={{ marginLeft: 4 }}>已解除</Tag>}
            </span>
          ),
        },
        ...(props.orderProcess
          ? [
              {
                title: '操作',
                render: (_: unknown, a: AlertRow) => (
                  <Link to={orderLink(props.orderProcess!, a)}>发起督办</Link>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
