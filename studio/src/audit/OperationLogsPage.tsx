import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { TRAIL_ACTIONS } from '../../../runtime/trail/entry';
import { App, Tag } from 'antd';
import { useMemo } from 'react';
import { api, type Page } from '../api/client';
import { useAllPages } from '../api/use-remote';
import type { Post } from '../organisation/types';
import { useUnits } from '../organisation/use-units';
import { ChangesTable, type Changes, type Names } from './ChangesTable';
import { ACTIONS, RESOURCES } from './labels';
import { periodQuery } from './period';

interface OperationLog {
  id: string;
  at: string;
  username: string;
  userName: string;
  action: string;
  resource: string;
  resourceId?: string;
  summary: string;
  changes?: Changes;
  method: string;
  path: string;
  ip?: string;
}

interface Filters {
  resource?: string;
  period?: unknown;
  current?: number;
  pageSize?: number;
}

/**
 * Entries written before the log named actions in Chinese say 「complete、automatic」: their
 * engine words are read out as the trail names them.
 */
function summaryText(summary: string): string {
  return summary.replace(/\b[a-zA-Z]+\b/g, (w) =>
    Object.hasOwn(TRAIL_ACTIONS, w)
      ? TRAIL_ACTIONS[w as keyof typeof TRAIL_ACTIONS]
      : (ACTIONS[w] ?? w),
  );
}

const hasChanges = (r: OperationLog) => Boolean(r.changes && Object.keys(r.changes).length);

const columns: ProColumns<OperationLog>[] = [
  { title: '时间', dataIndex: 'at', valueType: 'dateTime', search: false, width: 170 },
  { title: '时间', dataIndex: 'period', valueType: 'dateTimeRange', hideInTable: true },
  {
    title: '操作人',
    dataIndex: 'userName',
    search: false,
    width: 150,
    render: (_, r) => `${r.userName}（${r.username}）`,
  },
  {
    title: '对象',
    dataIndex: 'resource',
    valueType: 'select',
    valueEnum: Object.fromEntries(Object.entries(RESOURCES).map(([k, text]) => [k, { text }])),
    width: 90,
    render: (_, r) => <Tag>{RESOURCES[r.resource] ?? r.resource}</Tag>,
  },
  {
    title: '动作',
    dataIndex: 'action',
    search: false,
    width: 90,
    render: (_, r) => ACTIONS[r.action] ?? r.action,
  },
  {
    title: '摘要',
    dataIndex: 'summary',
    search: false,
    ellipsis: true,
    render: (_, r) => summaryText(r.summary),
  },
  { title: 'IP', dataIndex: 'ip', search: false, width: 130 },
];

export function OperationLogsPage() {
  const { message } = App.useApp();
  const { byId } = useUnits();
  const posts = useAllPages<Post>('/api/posts');
  const names = useMemo<Names>(() => {
    const postById = new Map((posts.data ?? []).map((p) => [p.id, p.name]));
    return { unit: (id) => byId.get(id)?.name, post: (id) => postById.get(id) };
  }, [byId, posts.data]);
  return (
    <PageContainer title="操作日志" subTitle="经接口所做的每一项修改，可展开查看修改前后的值">
      <ProTable<OperationLog, Filters>
        rowKey="id"
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: false }}
        expandable={{
          rowExpandable: hasChanges,
          expandedRowRender: (r) => (
            <ChangesTable changes={r.changes ?? {}} names={names} resource={r.resource} />
          ),
        }}
        request={async ({ current, pageSize, resource, period }) => {
          const result = await api.get<Page<OperationLog>>('/api/logs/operations', {
            page: current,
            pageSize,
            resource,
            ...periodQuery(period),
          });
          return { data: result.items, total: result.total, success: true };
        }}
        onRequestError={(e) => void message.error(e.message)}
      />
    </PageContainer>
  );
}
