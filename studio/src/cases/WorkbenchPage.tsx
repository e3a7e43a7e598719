import { PageContainer } from '@ant-design/pro-components';
import { Alert, Badge, Button, Card, Space, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useRemote } from '../api/use-remote';
import { useSignedIn } from '../identity/session';
import { MyAlertsCard } from '../supervision/MyAlertsCard';
import { QueueTable } from './QueueTable';
import type { QueueCount, WorkQueue } from './types';

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
  // Any staff member may register a case (基层代收): the role, not that ability, marks the window.
  const atWindow = useSignedIn().me.user.roles.includes('frontline');
  const counts = useRemote<{ items: QueueCount[] }>('/api/work-queues');
  const [params, setParams] = useSearchParams();
  const items = counts.data?.items ?? [];
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
        atWindow && (
          <Link to="/work/register">
            <Button type="primary" tabIndex={-1}>
              窗口登记
            </Button>
          </Link>
        )
      }
    >
      {counts.error && <Alert type="error" showIcon message={counts.error.message} />}
      <MyAlertsCard />
      <Card loading={!counts.data && !counts.error} styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={active}
          onChange={(queue) => {
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
                <QueueTable queue={q.queue} />
              </div>
            ),
          }))}
        />
      </Card>
    </PageContainer>
  );
}
