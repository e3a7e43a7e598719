import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Grid, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, type Page } from '../api/client';
import { useAbility } from '../identity/session';
import { loadQueue } from './cases-api';
import { STATUS_COLORS, timeText } from './labels';
import { RemainingTag } from './RemainingTag';
import type { ExOfficioStage, QueueRow, WorkQueue } from './types';

interface Filters {
  q?: string;
  itemId?: string;
  overdue?: 'true' | 'false';
  stage?: ExOfficioStage;
  current?: number;
  pageSize?: number;
}

/** The items a filter may pick: those the user may read (their department's, or all). */
async function itemOptions({ keyWords }: { keyWords?: string }) {
  const page = await api.get<Page<{ id: string; name: string; code?: string }>>('/api/items', {
    q: keyWords,
    status: 'approved',
    pageSize: 50,
  });
  return page.items.map((i) => ({ label: i.name, value: i.id }));
}

/**
 * One work queue, paged, with the filters the API offers (text, item, overdue), and the
 * 执法办案 stage (RUN-17) when one is chosen above it.
 */
export function QueueTable({ queue, stage }: { queue: WorkQueue; stage?: ExOfficioStage }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const mayReadItems = useAbility().can('read', 'Item');
  const open = (r: QueueRow) => navigate(`/cases/${r.caseId}`);
  const screens = Grid.useBreakpoint();
  const narrow = screens.xs === true;

  const columns: ProColumns<QueueRow>[] = [
    {
      title: '关键词',
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: '办件编号、名称或申请人' },
    },
    {
      title: '事项',
      dataIndex: 'itemId',
      hideInTable: true,
      hideInSearch: !mayReadItems,
      valueType: 'select',
      request: itemOptions,
      debounceTime: 300,
      fieldProps: { showSearch: true },
    },
    {
      title: '是否超期',
      dataIndex: 'overdue',
      hideInTable: true,
      valueType: 'select',
      valueEnum: { true: { text: '已超期' }, false: { text: '未超期' } },
    },
    {
      // On a phone (375 px) one column says it all: the wide table showed only the number.
      title: '办件',
      key: 'compact',
      search: false,
      responsive: ['xs'],
      render: (_, r) => (
        <Space direction="vertical" size={2} data-testid="queue-compact">
          <Link to={`/cases/${r.caseId}`} onClick={(e) => e.stopPropagation()}>
            {r.caseNo ?? r.applicationNo ?? '未受理'}
          </Link>
          <Typography.Text>{r.caseName}</Typography.Text>
          <Space size={4} wrap>
            {r.stepName && <Typography.Text type="secondary">{r.stepName}</Typography.Text>}
            {queue === 'done' ? (
              <Tag color={STATUS_COLORS[r.caseStatus]}>{r.caseStatusLabel}</Tag>
            ) : (
              <RemainingTag
                remaining={r.remaining}
                unit={r.remainingUnit}
                state={r.timeState}
                stopped={r.stopped}
                due={r.dueAt}
              />
            )}
          </Space>
        </Space>
      ),
    },
    {
      title: '办件编号',
      dataIndex: 'caseNo',
      search: false,
      responsive: ['sm'],
      width: 250,
      render: (_, r) => (
        <Link
          to={`/cases/${r.caseId}`}
          onClick={(e) => e.stopPropagation()}
          style={{ whiteSpace: 'nowrap' }}
        >
          {r.caseNo ?? r.applicationNo ?? '未受理'}
        </Link>
      ),
    },
    {
      title: '办件名称 / 事项',
      dataIndex: 'caseName',
      search: false,
      responsive: ['sm'],
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{r.caseName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.itemName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '申请人 / 当事人',
      dataIndex: 'applicantName',
      search: false,
      responsive: ['sm'],
      width: 150,
    },
    {
      title: '当前环节',
      dataIndex: 'stepName',
      search: false,
      responsive: ['sm'],
      width: 130,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.stepName ?? '—'}
          {r.stageLabel && <Tag color="purple">{r.stageLabel}</Tag>}
          {r.mine && queue !== 'done' && <Tag color="blue">已签收</Tag>}
        </Space>
      ),
    },
    {
      title: queue === 'done' ? '办件状态' : '剩余时限',
      dataIndex: 'remaining',
      search: false,
      responsive: ['sm'],
      width: 170,
      render: (_, r) =>
        queue === 'done' ? (
          <Tag color={STATUS_COLORS[r.caseStatus]}>{r.caseStatusLabel}</Tag>
        ) : (
          <RemainingTag
            remaining={r.remaining}
            unit={r.remainingUnit}
            state={r.timeState}
            stopped={r.stopped}
            due={r.dueAt}
          />
        ),
    },
    {
      title: queue === 'done' ? '办理时间' : '接收时间',
      dataIndex: 'since',
      search: false,
      responsive: ['sm'],
      width: 150,
      render: (_, r) => timeText(r.since),
    },
  ];

  return (
    <ProTable<QueueRow, Filters>
      rowKey={(r) => `${r.caseId}:${r.workItemId ?? 'case'}`}
      columns={columns}
      search={{ labelWidth: 'auto' }}
      scroll={narrow ? undefined : { x: 1000 }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true }}
      options={false}
      // A new stage asks again from the first page.
      params={{ stage }}
      onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
      request={async ({ current, pageSize, q, itemId, overdue }) => {
        const page = await loadQueue(queue, {
          page: current,
          pageSize,
          q,
          itemId,
          overdue,
          stage,
        });
        return { data: page.items, total: page.total, success: true };
      }}
      onRequestError={(e) => void message.error(e.message)}
    />
  );
}
