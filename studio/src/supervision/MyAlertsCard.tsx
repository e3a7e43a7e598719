import { Card } from 'antd';
import { useCallback, useState } from 'react';
import { useRemote } from '../api/use-remote';
import { useAlertStream, type AlertRow } from './alerts';
import { AlertTable } from './AlertsPage';

/**
 * 我的预警 (SUP-10): the cards raised on the signed-in person's own work, and a department head's
 * on the department's, kept current by the server's pushes. Hidden while there are none.
 */
export function MyAlertsCard() {
  const [page, setPage] = useState(1);
  const remote = useRemote<{ items: AlertRow[]; total: number }>(
    `/api/supervision/alerts?mine=true&state=open&pageSize=20&page=${page}`,
  );
  const { reload } = remote;
  useAlertStream(
    useCallback(() => reload(), [reload]),
    true,
  );
  if (!remote.data?.total) return null;
  return (
    <Card
      size="small"
      title={`我的预警（${remote.data.total}）`}
      data-testid="my-alerts"
      style={{ marginBottom: 16, borderColor: '#ffa39e' }}
    >
      <AlertTable
        rows={remote.data.items}
        loading={false}
        total={remote.data.total}
        page={page}
        onPage={setPage}
        compact
      />
    </Card>
  );
}
