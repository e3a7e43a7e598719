import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { withQuery } from '../api/client';
import { useRemote } from '../api/use-remote';
import type { StatisticsRow as RuntimeRow } from '../../../runtime/supervision/statistics';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

type Dimension = 'department' | 'item' | 'period' | 'step' | 'post';
type Sort = 'received' | 'concluded' | 'onTimeRate' | 'overdue' | 'meanDays' | 'p90Days' | 'red';

export type StatisticsRow = RuntimeRow & { rank?: number };

interface Answer {
  items: StatisticsRow[];
  total: number;
  page: number;
  pageSize: number;
  totals: StatisticsRow;
}

const DIMENSIONS: { value: Dimension; label: string }[] = [
  { value: 'department', label: '按部门' },
  { value: 'item', label: '按事项' },
  { value: 'period', label: '按月份' },
  { value: 'step', label: '按环节' },
  { value: 'post', label: '按岗位' },
];

const SORTS: { value: Sort; label: string }[] = [
  { value: 'received', label: '收件量' },
  { value: 'concluded', label: '办结量' },
  { value: 'onTimeRate', label: '按时办结率' },
  { value: 'meanDays', label: '平均用时' },
  { value: 'p90Days', label: '90%用时' },
  { value: 'overdue', label: '超期件数' },
  { value: 'red', label: '红牌数' },
];

const rate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const days = (d: number | null) => (d === null ? '—' : d);

/** Steps and posts count the steps handled, not cases. */
const stepWise = (by: Dimension) => by === 'step' || by === 'post';

function Chart({ rows, by }: { rows: StatisticsRow[]; by: Dimension }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    const top = rows.slice(0, 12);
    const counted = stepWise(by)
      ? [{ name: '办理环节数', type: 'bar' as const, data: top.map((r) => r.concluded) }]
      : [
          { name: '收件', type: 'bar' as const, data: top.map((r) => r.received) },
          { name: '办结', type: 'bar' as const, data: top.map((r) => r.concluded) },
          { name: '超期', type: 'bar' as const, data: top.map((r) => r.overdue) },
        ];
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 36, bottom: 72 },
      xAxis: {
        type: 'category',
        data: top.map((r) => r.name),
        axisLabel: {
          interval: 0,
          rotate: top.length > 6 ? 30 : 0,
          width: 120,
          overflow: 'truncate',
        },
      },
      yAxis: [
        { type: 'value', name: '件' },
        { type: 'value', name: '工作日', splitLine: { show: false } },
      ],
      series: [
        ...counted,
        {
          name: '平均用时（工作日）',
          type: 'line' as const,
          yAxisIndex: 1,
          data: top.map((r) => r.meanDays),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows, by]);
  return <div ref={box} style={{ height: 320 }} data-testid="statistics-chart" />;
}

/**
 * 绩效统计 (SUP-6): figures per department, item, month, step or post over a period, ranked by
 * the chosen figure, charted and exported; the server derives them from the trails.
 */
export function StatisticsPage() {
  const [by, setBy] = useState<Dimension>('department');
  const [sort, setSort] = useState<Sort>('received');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const query = {
    by,
    sort,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
  const remote = useRemote<Answer>(
    withQuery('/api/supervision/statistics', { ...query, page, pageSize: 20 }),
  );
  const totals = remote.data?.totals;
  const rows = remote.data?.items ?? [];
  const cases = !stepWise(by);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="绩效统计"
        extra={
          <Button href={withQuery('/api/supervision/statistics.xlsx', query)} download>
            导出 Excel
          </Button>
        }
      >
        <Space wrap size={16} style={{ marginBottom: 16 }}>
          <Segmented<Dimension>
            options={DIMENSIONS}
            value={by}
            onChange={(v) => (setBy(v), setPage(1))}
          />
          <DatePicker.RangePicker
            aria-label="收件日期"
            placeholder={['收件起始日', '收件截止日']}
            value={range}
            onChange={(v) => (setRange(v), setPage(1))}
          />
          <Space>
            <Typography.Text>排名依据</Typography.Text>
            <Select<Sort>
              aria-label="排名依据"
              options={SORTS}
              value={sort}
              onChange={(v) => (setSort(v), setPage(1))}
              style={{ width: 140 }}
            />
          </Space>
        </Space>
        {remote.error && <Alert type="error" showIcon message={remote.error.message} />}
        {totals && (
          <Row gutter={16} data-testid="statistics-totals">
            <Col span={4}>
              <Statistic title="收件" value={totals.received} />
            </Col>
            <Col span={4}>
              <Statistic title="办结" value={totals.concluded} />
            </Col>
            <Col span={4}>
              <Statistic title="按时办结率" value={rate(totals.onTimeRate)} />
            </Col>
            <Col span={4}>
              <Statistic
                title="平均 / 90% 用时（工作日）"
                value={`${days(totals.meanDays)} / ${days(totals.p90Days)}`}
              />
            </Col>
            <Col span={4}>
              <Statistic title="超期" value={totals.overdue} />
            </Col>
            <Col span={4}>
              <Statistic title="黄牌 / 红牌" value={`${totals.yellow} / ${totals.red}`} />
            </Col>
          </Row>
        )}
      </Card>
      <Card size="small" title="图表（当前页）">
        <Chart rows={rows} by={by} />
      </Card>
      <Card size="small">
        <Typography.Paragraph type="secondary">
          {cases
            ? '按收件日期统计办件；用时自受理至办结，按工作日计，扣除补正、暂停等不计时间。'
            : '统计办理的环节（受理、办理、办结）及其用时；退回与预警计入所在环节。'}
        </Typography.Paragraph>
        <Table<StatisticsRow>
          size="small"
          rowKey="key"
          data-testid="statistics-table"
          loading={remote.loading && !remote.data}
          dataSource={rows}
          scroll={{ x: 1200 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: remote.data?.total,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            { title: '名次', dataIndex: 'rank', width: 60 },
            {
              title: DIMENSIONS.find((d) => d.value === by)!.label.slice(1),
              dataIndex: 'name',
              render: (name: string, r) =>
                r.departmentName && by !== 'department' ? (
                  <>
                    {name}
                    <Typography.Text type="secondary">（{r.departmentName}）</Typography.Text>
                  </>
                ) : (
                  name
                ),
            },
            ...(cases
              ? [
                  { title: '收件', dataIndex: 'received', width: 70 },
                  { title: '受理', dataIndex: 'accepted', width: 70 },
                  { title: '办结', dataIndex: 'concluded', width: 70 },
                  {
                    title: '按时办结率',
                    dataIndex: 'onTimeRate',
                    width: 100,
                    render: rate,
                  },
                  { title: '超期', dataIndex: 'overdue', width: 70 },
                ]
              : [{ title: '办理环节数', dataIndex: 'concluded', width: 100 }]),
            { title: '平均用时', dataIndex: 'meanDays', width: 90, render: days },
            { title: '90%用时', dataIndex: 'p90Days', width: 90, render: days },
            { title: '退回', dataIndex: 'returned', width: 70 },
            ...(cases ? [{ title: '催办', dataIndex: 'urged', width: 70 }] : []),
            { title: '黄牌', dataIndex: 'yellow', width: 70 },
            { title: '红牌', dataIndex: 'red', width: 70 },
            ...(by === 'department'
              ? [
                  { title: '督办', dataIndex: 'orders', width: 70 },
                  { title: '投诉', dataIndex: 'complaints', width: 70 },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
