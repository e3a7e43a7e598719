import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Tag, Typography } from 'antd';
import { api, type Page } from '../api/client';
import { periodQuery } from '../audit/period';
import { formatTime } from './format';

interface LogRow {
  id: string;
  at: string;
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  msg: string;
  module?: string;
  reqId?: string;
  userId?: string;
  node: string;
  context?: string;
}

interface Filters {
  level?: string;
  q?: string;
  period?: unknown;
  current?: number;
  pageSize?: number;
}

/** The level filter means "this level and above", as operators read logs. */
const LEVELS = {
  debug: { text: '调试' },
  info: { text: '信息' },
  warn: { text: '警告' },
  error: { text: '错误' },
  fatal: { text: '严重' },
};
const LEVEL_COLORS: Record<string, string> = {
  trace: 'default',
  debug: 'default',
  info: 'blue',
  warn: 'orange',
  error: 'red',
  fatal: 'magenta',
};

/** The kept context as readable JSON; the text as stored if it is not JSON (truncated). */
function contextText(context: string): string {
  try {
    return JSON.stringify(JSON.parse(context), null, 2);
  } catch {
    return context;
  }
}

const columns: ProColumns<LogRow>[] = [
  {
    title: '时间',
    dataIndex: 'at',
    search: false,
    width: 170,
    render: (_, r) => formatTime(r.at),
  },
  { title: '时间段', dataIndex: 'period', valueType: 'dateTimeRange', hideInTable: true },
  {
    title: '级别',
    dataIndex: 'level',
    formItemProps: { label: '级别（及以上）' },
    valueEnum: LEVELS,
    width: 90,
    render: (_, r) => (
      <Tag color={LEVEL_COLORS[r.level]} data-testid="log-level" data-level={r.level}>
        {LEVELS[r.level as keyof typeof LEVELS]?.text ?? r.level}
      </Tag>
    ),
  },
  {
    title: '模块',
    dataIndex: 'module',
    search: false,
    width: 110,
    render: (_, r) => r.module ?? '—',
  },
  {
    title: '内容',
    dataIndex: 'q',
    fieldProps: { placeholder: '在内容与上下文中查找' },
    render: (_, r) => <Typography.Text>{r.msg || '—'}</Typography.Text>,
  },
  {
    title: '请求编号',
    dataIndex: 'reqId',
    search: false,
    width: 150,
    ellipsis: true,
    render: (_, r) => <Typography.Text type="secondary">{r.reqId ?? '—'}</Typography.Text>,
  },
  { title: '节点', dataIndex: 'node', search: false, width: 140, ellipsis: true },
];

/** 运行日志 (OPS-1, ROLE-5): what the server logged, kept for LOG_RETENTION_DAYS; newest first. */
export function SystemLogsPage() {
  const { message } = App.useApp();
  return (
    <PageContainer
      title="运行日志"
      subTitle="服务器运行与系统日志，最新的在前；身份证号、手机号已脱敏"
    >
      <ProTable<LogRow, Filters>
        rowKey="id"
        columns={columns}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: false }}
        expandable={{
          rowExpandable: (r) => !!r.context,
          expandedRowRender: (r) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {contextText(r.context!)}
            </pre>
          ),
        }}
        request={async ({ current, pageSize, level, q, period }) => {
          const result = await api.get<Page<LogRow>>('/api/operations/logs', {
            page: current,
            pageSize,
            level,
            q,
            ...periodQuery(period),
          });
          return { data: result.items, total: result.total, success: true };
        }}
        onRequestError={(e) => void message.error(e.message)}
      />
    </PageContainer>
  );
}
