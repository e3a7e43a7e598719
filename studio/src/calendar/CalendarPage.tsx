import { UploadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, Result, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useRemote } from '../api/use-remote';
import type { CalendarDay, Coverage, OfficialYears } from './calendar-api';
import { ImportDialog } from './ImportDialog';
import { MonthGrid } from './MonthGrid';
import { OverridesCard } from './OverridesCard';

/** `2004—2026`, or with gaps `2004—2026、2028`. */
function describeYears(years: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < years.length;) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    runs.push(j > i ? `${years[i]}—${years[j]}` : `${years[i]}`);
    i = j + 1;
  }
  return runs.join('、');
}

/** 日历管理 (RUN-6): a year's working days, the imported notices, the county's changes. */
export function CalendarPage() {
  const [params, setParams] = useSearchParams();
  const coverage = useRemote<Coverage>('/api/calendar/coverage');
  const years = useRemote<OfficialYears>('/api/calendar/official-years');
  const thisYear = coverage.data ? Number(coverage.data.today.slice(0, 4)) : undefined;
  const year = Number(params.get('year')) || thisYear;
  const days = useRemote<{ days: CalendarDay[] }>(
    year ? `/api/calendar/days?from=${year}-01-01&to=${year}-12-31` : undefined,
  );
  const [importing, setImporting] = useState(false);

  // The banner's link opens the import dialog at once.
  const dialogOpen = importing || params.get('import') === '1';

  const choose = (y: number) => setParams({ year: String(y) });
  const reloadAll = () => {
    coverage.reload();
    years.reload();
    days.reload();
  };
  const options = [
    ...new Set([
      ...(coverage.data?.coveredYears ?? []),
      ...(thisYear ? [thisYear, thisYear + 1] : []),
    ]),
  ]
    .sort((a, b) => b - a)
    .map((y) => ({ value: y, label: `${y} 年` }));

  return (
    <PageContainer
      title="日历管理"
      content="办件期限按此日历计算工作日：国务院办公厅每年的节假日安排，加上本县的调整。"
      extra={
        <Space>
          <Select
            aria-label="年份"
            data-testid="year-select"
            style={{ width: 120 }}
            value={year}
            options={options}
            onChange={choose}
          />
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            导入节假日安排
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={year ? `${year} 年` : '日历'}>
          {!year || (days.loading && !days.data) ? (
            <Skeleton active />
          ) : days.error ? (
            <Result
              status="warning"
              title={
                days.error.code === 'calendar_not_covered'
                  ? `${year} 年的节假日安排尚未导入`
                  : '日历读取失败'
              }
              subTitle={days.error.message}
              extra={
                <Button type="primary" onClick={() => setImporting(true)}>
                  导入 {year} 年的安排
                </Button>
              }
            />
          ) : (
            <>
              <Space style={{ marginBottom: 12 }} wrap>
                <Tag color="red">休 国务院安排的放假日</Tag>
                <Tag color="blue">班 调休上班日</Tag>
                <Tag color="orange">橙框 本县调整</Tag>
                <Typography.Text type="secondary">灰色为周末</Typography.Text>
              </Space>
              <MonthGrid year={year} days={days.data?.days ?? []} />
            </>
          )}
        </Card>
        <Card size="small" title="已覆盖的年份">
          <Typography.Paragraph>
            chinese-days 自带：{describeYears(years.data?.packageYears ?? [])} 年。
            {years.data?.countyYears.length
              ? ` 本县声明自行录入：${years.data.countyYears.map((c) => c.year).join('、')} 年。`
              : ''}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="year"
            pagination={false}
            data-testid="official-years"
            dataSource={years.data?.items ?? []}
            locale={{ emptyText: '尚未导入任何年份' }}
            columns={[
              {
                title: '年份',
                dataIndex: 'year',
                width: 80,
                render: (y: number) => (
                  <Button type="link" size="small" onClick={() => choose(y)}>
                    {y}
                  </Button>
                ),
              },
              {
                title: '依据的通知',
                render: (_, r) => (
                  <>
                    {r.source.title.startsWith('演示数据') && <Tag color="orange">演示</Tag>}
                    {r.source.title}
                    {r.source.number ? `（${r.source.number}）` : ''}
                  </>
                ),
              },
              { title: '发布日期', render: (_, r) => r.source.issuedOn, width: 110 },
              {
                title: '天数',
                width: 150,
                render: (_, r) => `放假 ${r.holidays}，调休 ${r.workdays}`,
              },
              { title: '导入人', dataIndex: 'enteredByName', width: 90 },
              { title: '导入时间', width: 110, render: (_, r) => r.at.slice(0, 10) },
            ]}
          />
        </Card>
        <OverridesCard onChanged={() => days.reload()} />
      </Space>
      <ImportDialog
        open={dialogOpen}
        initialYear={year ?? new Date().getFullYear()}
        onClose={() => {
          setImporting(false);
          if (params.get('import')) setParams(year ? { year: String(year) } : {});
        }}
        onImported={(y) => {
          setImporting(false);
          setParams({ year: String(y) });
          reloadAll();
        }}
      />
    </PageContainer>
  );
}
