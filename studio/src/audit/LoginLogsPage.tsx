import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Typography } from 'antd';
import { api, type Page } from '../api/client';
import { LOGIN_OUTCOMES, LOGIN_VIA } from './labels';
import { periodQuery } from './period';

interface LoginLog {
  id: string;
  at: string;
  username: string;
  outcome: keyof typeof LOGIN_OUTCOMES;
  reason?: string;
  via: string;
  ip?: string;
  userAgent?: string;
}

interface Filters {
  username?: string;
  outcome?: string;
  period?: unknown;
  current?: number;
  pageSize?: number;
}

const columns: ProColumns<LoginLog>[] = [
  { title: '时间', dataIndex: 'at', valueType: 'dateTime', search: false, width: 170 },
  { title: '时间', dataIndex: 'period', valueType: 'dateTimeRange', hideInTable: true },
  { title: '用户名', dataIndex: 'username', width: 140 },
  { title: '结果', dataIndex: 'outcome', valueEnum: LOGIN_OUTCOMES, width: 120 },
  { title: '原因', dataIndex: 'reason', search: false, render: (_, r) => r.reason ?? '—' },
  {
    title: '方式',
    dataIndex: 'via',
    search: false,
    width: 110,
    render: (_, r) => LOGIN_VIA[r.via] ?? r.via,
  },
  { title: 'IP', dataIndex: 'ip', search: false, width: 140 },
  {
    title: '终端',
    dataIndex: 'userAgent',
    search: false,
    ellipsis: true,
    render: (_, r) => <Typography.Text type="secondary">{r.userAgent ?? '—'}</Typography.Text>,
  },
];

export function LoginLogsPage() {
  const { message } = App.useApp();
  return (
    <PageContainer title="登录日志" subTitle="登录成功、失败、锁定与退出，最新的在前">
      <ProTable<LoginLog, Filters>
        rowKey="id"
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: false }}
        request={async ({ current, pageSize, username, outcome, period }) => {
          const result = await api.get<Page<LoginLog>>('/api/logs/logins', {
            page: current,
            pageSize,
            username,
            outcome,
            ...periodQuery(period),
          });
          return { data: result.items, total: result.total, success: true };
        }}
        onRequestError={(e) => void message.error(e.message)}
      />
    </PageContainer>
  );
}
