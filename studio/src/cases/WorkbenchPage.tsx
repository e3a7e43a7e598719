import { PageContainer } from '@ant-design/pro-components';
import { Alert, Badge, Button, Card, Segmented, Space, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useRemote } from '../api/use-remote';
import { useSignedIn } from '../identity/session';
import { MyAlertsCard } from '../supervision/MyAlertsCard';
import { QueueTable } from './QueueTable';
import type { ExOfficioStage, QueueCount, StageCount, WorkQueue } from './types';

/** Everyone's queues; the window's (预审, 受理, 办结) for frontline staff, or when they hold work. */
const ALWAYS: WorkQueue[] = ['todo', 'done', 'correction', 'suspended'];
const WINDOW: WorkQueue[] = ['preReview', 'acceptance', 'conclusion'];
/**
 * Where work waits first, when the address names no tab: 待办结 before 待办, since the last
 * steps are in both (issue 13) and concluding is what waits on them.
 */
const FIRST: WorkQueue[] = ['acceptance', 'preReview', 'conclusion', 'todo', 'correction'];

/** 工作台 (RUN-3): the user's work queues with their counts, each a paged list of cases. */
export function WorkbenchPage() {
  const { me, ability } = useSignedIn();
  // Any staff member may register a case (基层代收): the role, not that ability, marks the window.
  const atWindow = me.user.roles.includes('frontline');
  // 立案 (RUN-17): whoever holds a post may open an ex officio case; the server checks the item.
  const mayOpen = ability.can('create', 'Case') && me.user.postIds.length > 0;
  const counts = useRemote<{ items: QueueCount[]; stages?: StageCount[] }>('/api/work-queues');
  const [params, setParams] = useSearchParams();
  const items = counts.data?.items ?? [];
  // 执法办案: the ex officio steps by stage, when the user has any.
  const stages = counts.data?.stages ?? [];
  const lawWork = stages.reduce((n, s) => n + s.count, 0) > 0;
  const wantedStage = params.get('stage') as ExOfficioStage | null;
  const stage =
    (lawWork && wantedStage && stages.some((s) => s.stage === wantedStage) && wantedStage) ||
    undefined;
  const shown = items.filter(
    (q) => ALWAYS.includes(q.queue) || (WINDOW.includes(q.queue) && (atWindow || q.count > 0)),
  );
  const wanted = params.get('queue') as WorkQueue | null;
  const active =
    (wanted && shown.some((q) => q.queue === wanted) && wanted) ||
    FIRST.find((q) => shown.some((s) => s.queue === q && s.count > 0)) ||
    'todo';

  return (
    <PageContainer
      title="工作台"
      subTitle="待办、已办与窗口受理的办件"
      extra={
        <Space>
          {mayOpen && (
            <Link to="/work/open">
              <Button tabIndex={-1} data-testid="open-case">
                立案
              </Button>
            </Link>
          )}
          {atWindow && (
            <Link to="/work/register">
              <Button type="primary" tabIndex={-1}>
                窗口登记
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      {counts.error && <Alert type="error" showIcon message={counts.error.message} />}
      <MyAlertsCard />
      <Card loading={!counts.data && !counts.error} styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={active}
          onChange={(queue) => {
            // The stage filters 待办 alone.
            setParams({ queue }, { replace: true });
            counts.reload();
          }}
          destroyOnHidden
          items={shown.map((q) => ({
            key: q.queue,
            label: (
              <Space size={6} data-testid={`tab-${q.queue}`}>
                {q.label}
                <Badge
                  count={q.count}
                  showZero
                  color={q.count ? (q.queue === 'done' ? '#8c8c8c' : '#1677ff') : '#d9d9d9'}
                  overflowCount={999}
                />
              </Space>
            ),
            children: (
              <div data-testid={`queue-${q.queue}`}>
                {q.queue === 'todo' && lawWork && (
                  <Space style={{ marginBottom: 12 }} wrap>
                    <span>执法办案</span>
                    <Segmented<string>
                      data-testid="stage-filter"
                      value={stage ?? 'all'}
                      onChange={(v) => {
                        setParams(v === 'all' ? { queue: 'todo' } : { queue: 'todo', stage: v }, {
                          replace: true,
                        });
                        counts.reload();
                      }}
                      options={[
                        { value: 'all', label: '全部待办' },
                        ...stages.map((s) => ({
                          value: s.stage,
                          label: (
                            <span data-testid={`stage-${s.stage}`}>
                              {s.label}
                              <Badge
                                count={s.count}
                                showZero
                                size="small"
                                color={s.count ? '#722ed1' : '#d9d9d9'}
                                style={{ marginLeft: 4 }}
                              />
                            </span>
                          ),
                        })),
                      ]}
                    />
                  </Space>
                )}
                <QueueTable queue={q.queue} {...(q.queue === 'todo' && stage ? { stage } : {})} />
              </div>
            ),
          }))}
        />
      </Card>
    </PageContainer>
  );
}
