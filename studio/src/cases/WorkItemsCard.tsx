import { Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { WorkItem } from '../../../runtime/cases/state';
import { HandlePanel } from './actions/HandlePanel';
import type { CaseActions } from './case-actions';
import type { Dialog } from './CaseDialog';
import type { CaseBook } from './definition';
import { CANCEL_REASONS, timeText, WORK_ITEM_STATUS } from './labels';
import { RemainingTag } from './RemainingTag';
import type { CaseDetail } from './types';
import type { Act } from './use-act';

interface Props {
  detail: CaseDetail;
  book: CaseBook;
  actions: CaseActions;
  act: Act;
  open: (dialog: Dialog) => void;
}

/** The case's work items (待办/已办 by step), 签收 and 取回 on them, and the user's 办理 panel. */
export function WorkItemsCard({ detail, book, actions, act, open }: Props) {
  // Cancelled items stay listed: a refused, returned or taken-back step is part of the story.
  const items = [...detail.state.workItems].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const times = new Map(detail.timeliness?.workItems.map((t) => [t.workItemId, t]));
  const mine = items.filter((w) => actions.items.get(w.id)?.handle);

  const rowActions = (w: WorkItem) => {
    const a = actions.items.get(w.id);
    if (!a) return null;
    return (
      <Space size={4}>
        {a.claim && (
          <Button
            size="small"
            type="primary"
            onClick={() =>
              void act({ type: 'claim', workItemId: w.id }, `已签收「${w.name}」`).catch(
                () => undefined,
              )
            }
          >
            签收
          </Button>
        )}
        {a.takeBack && (
          <Popconfirm
            title={`取回「${w.name}」？`}
            description="下一环节尚无人签收，取回后由您重新办理。"
            okText="取回"
            cancelText="取消"
            onConfirm={() =>
              act({ type: 'takeBack', workItemId: w.id }, '已取回').catch(() => undefined)
            }
          >
            <Button size="small">取回</Button>
          </Popconfirm>
        )}
      </Space>
    );
  };

  const extra = (w: WorkItem) => {
    const a = actions.items.get(w.id)!;
    return [
      a.returnTo.length > 0 && (
        <Button
          key="return"
          size="small"
          onClick={() => open({ kind: 'return', item: w, targets: a.returnTo })}
        >
          退回
        </Button>
      ),
      a.reassign && (
        <Button
          key="reassign"
          size="small"
          onClick={() => open({ kind: 'reassign', item: w, departmentId: w.unit.id })}
        >
          转办
        </Button>
      ),
      a.suspend.length > 0 && (
        <Button
          key="suspend"
          size="small"
          onClick={() => open({ kind: 'suspend', item: w, procedures: a.suspend })}
        >
          暂停
        </Button>
      ),
      a.addSigner && (
        <Button key="addSigner" size="small" onClick={() => open({ kind: 'addSigner', item: w })}>
          加签
        </Button>
      ),
      a.correction && (
        <Button
          key="correction"
          size="small"
          onClick={() => open({ kind: 'correction', workItemId: w.id, phase: 'handling' })}
        >
          补正告知
        </Button>
      ),
    ];
  };

  return (
    <Card title="办理环节" size="small" style={{ marginBottom: 16 }} data-testid="work-items">
      <Table<WorkItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: 900 }}
        columns={[
          { title: '环节', dataIndex: 'name', width: 110 },
          { title: '办理单位', width: 230, render: (_, w) => w.unit.name },
          {
            title: '状态',
            width: 90,
            render: (_, w) => (
              <Tag color={WORK_ITEM_STATUS[w.status]?.color}>
                {WORK_ITEM_STATUS[w.status]?.text}
              </Tag>
            ),
          },
          { title: '办理人', width: 90, render: (_, w) => w.assignee?.name ?? '—' },
          { title: '开始时间', width: 140, render: (_, w) => timeText(w.createdAt) },
          {
            title: '剩余时限 / 完成时间',
            width: 170,
            render: (_, w) => {
              if (w.completedAt) return timeText(w.completedAt);
              const t = times.get(w.id);
              return t ? (
                <RemainingTag
                  remaining={t.remaining}
                  unit={t.unit}
                  state={t.state}
                  stopped={t.stopped}
                  due={t.due}
                />
              ) : (
                '—'
              );
            },
          },
          {
            title: '意见',
            render: (_, w) => {
              const text =
                w.opinion ??
                (w.outcome && (w.outcome === 'approve' ? '同意' : '不同意')) ??
                (w.cancelReason && CANCEL_REASONS[w.cancelReason]);
              return (
                <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 240 }}>
                  {text || '—'}
                </Typography.Text>
              );
            },
          },
          { title: '操作', width: 120, render: (_, w) => rowActions(w) },
        ]}
      />
      {mine.map((w) => (
        <HandlePanel
          key={w.id}
          state={detail.state}
          book={book}
          item={w}
          actions={actions.items.get(w.id)!}
          act={act}
          extra={extra(w)}
        />
      ))}
    </Card>
  );
}
