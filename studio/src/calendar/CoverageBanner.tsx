import { Alert, Button } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useRemote } from '../api/use-remote';
import { COVERAGE_CHANGED, type Coverage } from './calendar-api';

/**
 * From 1 October (the server's date), while next year's holidays are not in the calendar, an
 * administrator is told so on every page: cases whose deadline reaches that year are refused.
 */
export function CoverageBanner() {
  const { data, reload } = useRemote<Coverage>('/api/calendar/coverage');
  useEffect(() => {
    window.addEventListener(COVERAGE_CHANGED, reload);
    return () => window.removeEventListener(COVERAGE_CHANGED, reload);
  }, [reload]);
  if (!data?.nextYearMissing) return null;
  return (
    <Alert
      data-testid="coverage-banner"
      type="warning"
      showIcon
      banner
      style={{ marginBottom: 16 }}
      message={`${data.nextYear} 年的节假日安排尚未导入工作日历`}
      description={`期限跨入 ${data.nextYear} 年的办件将无法受理或计算期限。请在国务院办公厅关于 ${data.nextYear} 年部分节假日安排的通知发布后，到「日历管理」导入。`}
      action={
        <Link to={`/calendar?year=${data.nextYear}&import=1`}>
          <Button size="small" type="primary">
            去导入
          </Button>
        </Link>
      }
    />
  );
}
