import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { withQuery } from '../api/client';
import { useRemote } from '../api/use-remote';
import { MetTag, timeText, type Fault } from './FaultsPage';

interface Department {
  key: string;
  name: string;
  received: number;
  accepted: number;
  concluded: number;
  onTime: number;
  onTimeRate: number | null;
  overdue: number;
}

interface FaultClassFigures {
  faultClass: string;
  label: string;
  count: number;
  resolved: number;
  responseMet: number;
  responseMissed: number;
  resolutionMet: number;
  resolutionMissed: number;
  meanResponseMinutes: number | null;
  meanResolutionMinutes: number | null;
  outageMinutes: number;
}

interface Report {
  month: string;
  countyName: string;
  departments: Department[];
  total: Department;
  logins: {
    days: { date: string; logins: number; users: number }[];
    successes: number;
    failures: number;
    lockouts: number;
    activeUsers: number;
    operations: number;
  };
  api: {
    since: string;
    requests: number;
    clientErrors: number;
    serverErrors: number;
    meanMs: number | null;
    withinHalfSecond: number | null;
    routes: {
      method: string;
      route: string;
      requests: number;
      errors: number;
      meanMs: number | null;
    }[];
    note: string;
  };
  faults: { byClass: FaultClassFigures[]; items: Fault[] };
}

const rate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const num = (n: number | null) => (n === null ? '—' : n);

/**
 * 运行报告 (OPS-2): a month's use by department, logins, API figures and faults, as the
 * Word and Excel files the administrator downloads carry them.
 */
export function ReportPage() {
  // The month in the address, so a report can be linked to; last month by default.
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? dayjs().subtract(1, 'month').format('YYYY-MM');
  const setMonth = (m: string) => setParams({ month: m }, { replace: true });
  const path = withQuery('/api/operations/reports/monthly', { month });
  const { data: r, error, loading } = useRemote<Report>(path);

  return (
    <Card
      title="运行报告"
      loading={loading && !r}
      extra={
        <Space>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            aria-label="报告月份"
          />
          <Button
            icon={<FileWordOutlined />}
            href={withQuery('/api/operations/reports/monthly.docx', { month })}
            download
          >
            下载 Word
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            href={withQuery('/api/operations/reports/monthly.xlsx', { month })}
            download
          >
            下载 Excel
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error.message} />}
      {r && r.month === month && <ReportBody r={r} />}
    </Card>
  );
}

function ReportBody({ r }: { r: Report }) {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {r.countyName}政务服务平台运行报告（{r.month}）
      </Typography.Title>
      <Row gutter={16}>
        <Col span={4}>
          <Statistic title="收件" value={r.total.received} />
        </Col>
        <Col span={4}>
          <Statistic title="办结" value={r.total.concluded} />
        </Col>
        <Col span={4}>
          <Statistic title="按时办结率" value={rate(r.total.onTimeRate)} />
        </Col>
        <Col span={4}>
          <Statistic title="活跃用户" value={r.logins.activeUsers} />
        </Col>
        <Col span={4}>
          <Statistic title="登录次数" value={r.logins.successes} />
        </Col>
        <Col span={4}>
          <Statistic
            title="故障"
            value={r.faults.items.length}
            suffix={`件（A类 ${r.faults.byClass[0]?.count ?? 0}）`}
          />
        </Col>
      </Row>

      <section aria-label="部门办件">
        <Typography.Title level={5}>一、平台使用情况（本月收件，按部门）</Typography.Title>
        <Table<Department>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={r.departments}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{r.total.received}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{r.total.accepted}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{r.total.concluded}</Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{r.total.onTime}</Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{rate(r.total.onTimeRate)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6}>{r.total.overdue}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
          columns={[
            { title: '部门', dataIndex: 'name' },
            { title: '收件', dataIndex: 'received', width: 80 },
            { title: '受理', dataIndex: 'accepted', width: 80 },
            { title: '办结', dataIndex: 'concluded', width: 80 },
            { title: '按时办结', dataIndex: 'onTime', width: 90 },
            { title: '按时办结率', dataIndex: 'onTimeRate', width: 100, render: rate },
            { title: '超期', dataIndex: 'overdue', width: 80 },
          ]}
        />
      </section>

      <section aria-label="登录">
        <Typography.Title level={5}>二、登录与操作</Typography.Title>
        <Typography.Paragraph>
          登录成功 {r.logins.successes} 次，活跃用户 {r.logins.activeUsers} 人；登录失败{' '}
          {r.logins.failures} 次，触发锁定 {r.logins.lockouts} 次；操作日志 {r.logins.operations}{' '}
          条。
        </Typography.Paragraph>
        <Table
          rowKey="date"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[{ date: '登录次数' }, { date: '登录人数' }]}
          columns={[
            {
              title: '日期',
              dataIndex: 'date',
              fixed: 'left',
              width: 96,
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            },
            ...r.logins.days.map((d, i) => ({
              title: d.date.slice(8),
              key: d.date,
              width: 44,
              render: (_: unknown, row: { date: string }) =>
                row.date === '登录次数' ? r.logins.days[i]!.logins : r.logins.days[i]!.users,
            })),
          ]}
        />
      </section>

      <section aria-label="接口">
        <Typography.Title level={5}>三、接口请求量与响应时间</Typography.Title>
        <Alert type="info" showIcon message={r.api.note} style={{ marginBottom: 12 }} />
        <Typography.Paragraph>
          自 {timeText(r.api.since)} 起：请求 {r.api.requests} 次，4xx {r.api.clientErrors} 次，5xx{' '}
          {r.api.serverErrors} 次，平均响应 {num(r.api.meanMs)} 毫秒，0.5 秒内响应{' '}
          {rate(r.api.withinHalfSecond)}。
        </Typography.Paragraph>
        <Table
          rowKey={(x) => `${x.method} ${x.route}`}
          size="small"
          pagination={false}
          dataSource={r.api.routes}
          columns={[
            { title: '方法', dataIndex: 'method', width: 70 },
            { title: '接口', dataIndex: 'route' },
            { title: '请求数', dataIndex: 'requests', width: 90 },
            { title: '5xx', dataIndex: 'errors', width: 70 },
            { title: '平均响应（毫秒）', dataIndex: 'meanMs', width: 130, render: num },
          ]}
        />
      </section>

      <section aria-label="故障">
        <Typography.Title level={5}>四、故障情况</Typography.Title>
        <Table<FaultClassFigures>
          rowKey="faultClass"
          size="small"
          pagination={false}
          dataSource={r.faults.byClass}
          columns={[
            { title: '等级', dataIndex: 'label' },
            { title: '故障数', dataIndex: 'count', width: 80 },
            { title: '已恢复', dataIndex: 'resolved', width: 80 },
            { title: '响应达标', dataIndex: 'responseMet', width: 90 },
            { title: '响应超时', dataIndex: 'responseMissed', width: 90 },
            { title: '恢复达标', dataIndex: 'resolutionMet', width: 90 },
            { title: '恢复超时', dataIndex: 'resolutionMissed', width: 90 },
            {
              title: '平均响应（分钟）',
              dataIndex: 'meanResponseMinutes',
              width: 130,
              render: num,
            },
            {
              title: '平均恢复（分钟）',
              dataIndex: 'meanResolutionMinutes',
              width: 130,
              render: num,
            },
          ]}
        />
        <Table<Fault>
          rowKey="id"
          size="small"
          style={{ marginTop: 12 }}
          pagination={false}
          dataSource={r.faults.items}
          locale={{ emptyText: '本月无故障记录' }}
          columns={[
            { title: '编号', dataIndex: 'number', width: 150 },
            { title: '等级', dataIndex: 'faultClass', width: 60 },
            { title: '故障', dataIndex: 'title' },
            {
              title: '报告时间',
              dataIndex: 'reportedAt',
              width: 140,
              render: (t: string) => timeText(t),
            },
            {
              title: '响应',
              width: 130,
              render: (_, f) => <MetTag met={f.responseMet} minutes={f.responseMinutes} />,
            },
            {
              title: '恢复',
              width: 130,
              render: (_, f) => <MetTag met={f.resolutionMet} minutes={f.resolutionMinutes} />,
            },
            { title: '原因', dataIndex: 'cause', render: (c?: string) => c ?? '—' },
          ]}
        />
      </section>
    </Space>
  );
}
