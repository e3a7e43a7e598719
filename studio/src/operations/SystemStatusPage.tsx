import { ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useRemote } from '../api/use-remote';
import { formatBytes, formatDuration, formatTime } from './format';

type State = 'ok' | 'warn' | 'error' | 'none';

interface Job {
  name: string;
  label: string;
  everySeconds: number;
  state: State;
  message: string;
  runs: number;
  failures: number;
  running: boolean;
  lastFinishedAt?: string;
  lastDurationMs?: number;
}

interface Certificate {
  state: State;
  message: string;
  notAfter?: string;
  daysLeft?: number;
}

export interface SystemStatus {
  checkedAt: string;
  overall: State;
  database: {
    state: State;
    reachable: boolean;
    kind: string;
    name?: string;
    pingMs?: number;
    version?: string;
    ferretdbVersion?: string;
    dataSizeBytes?: number;
    collections?: number;
    message: string;
  };
  node: {
    state: State;
    id: string;
    pid: number;
    startedAt: string;
    uptimeSeconds: number;
    version: string;
    commit?: string;
    nodeVersion: string;
    memory: { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number };
    eventLoop: { meanMs: number; p99Ms: number; maxMs: number };
    message: string;
  };
  /** Several nodes: each as it last reported (address, lastSeenAt, leading); else this process. */
  nodes: {
    id: string;
    host?: string;
    pid?: number;
    startedAt?: string;
    address?: string;
    lastSeenAt?: string;
    leading?: boolean;
    self: boolean;
    state: State;
  }[];
  /** The node holding the background lease. */
  leader?: string | null;
  jobs: { state: State; items: Job[] };
  disk: {
    state: State;
    path: string;
    freeBytes?: number;
    totalBytes?: number;
    freeRatio?: number;
    message: string;
  };
  certificates: {
    state: State;
    https: Certificate & { configured: boolean };
    anchorKey: { state: State; message: string };
    departmentSystemKeys: { state: State; message: string };
  };
  cases: { state: State; open: number };
  logs: {
    state: State;
    errorsLast24h?: number;
    retentionDays: number;
    dropped: number;
    buffered: number;
    message: string;
  };
}

const REFRESH_MS = 30_000;

export const STATE_COLORS: Record<State, string> = {
  ok: '#52c41a',
  warn: '#faad14',
  error: '#ff4d4f',
  none: '#bfbfbf',
};
export const STATE_LABELS: Record<State, string> = {
  ok: '正常',
  warn: '注意',
  error: '故障',
  none: '未配置',
};

function StateTag({ state }: { state: State }) {
  const color = { ok: 'success', warn: 'warning', error: 'error', none: 'default' }[state];
  return (
    <Tag color={color} data-testid="state-tag" style={{ marginInlineEnd: 0 }}>
      {STATE_LABELS[state]}
    </Tag>
  );
}

/** A card whose colour says its state; its height is set by its row, so refreshes never move it. */
function StatusCard({
  id,
  title,
  state,
  children,
}: {
  id: string;
  title: string;
  state: State;
  children: ReactNode;
}) {
  return (
    <Card
      title={title}
      extra={<StateTag state={state} />}
      data-testid={`status-card-${id}`}
      data-state={state}
      style={{ height: '100%', borderTop: `4px solid ${STATE_COLORS[state]}` }}
      styles={{ body: { minHeight: 180 } }}
    >
      {children}
    </Card>
  );
}

const ONE_LINE = { column: 1, size: 'small' as const, styles: { label: { width: 110 } } };

/** 系统状态 (OPS-1): this node, its database and background work; asked again every 30 s. */
export function SystemStatusPage() {
  const remote = useRemote<SystemStatus>('/api/operations/status');
  const { reload } = remote;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const s = remote.data;

  return (
    <PageContainer
      title="系统状态"
      subTitle="每 30 秒自动刷新"
      extra={
        <Space>
          <Typography.Text type="secondary" data-testid="checked-at">
            {s ? `检查于 ${formatTime(s.checkedAt)}` : ' '}
          </Typography.Text>
          <Button icon={<ReloadOutlined />} loading={remote.loading} onClick={reload}>
            刷新
          </Button>
        </Space>
      }
    >
      {/* The message keeps its place whether or not there is an error, so cards do not jump. */}
      <div style={{ minHeight: 40, marginBottom: 8 }}>
        {remote.error ? (
          <Alert type="error" showIcon message={`无法读取系统状态：${remote.error.message}`} />
        ) : s ? (
          <Alert
            type={s.overall === 'ok' ? 'success' : s.overall === 'error' ? 'error' : 'warning'}
            showIcon
            data-testid="overall"
            data-state={s.overall}
            message={
              s.overall === 'ok'
                ? '各项运行正常'
                : s.overall === 'error'
                  ? '有故障，请查看标红的项目'
                  : '有需要留意的项目，请查看标黄的项目'
            }
          />
        ) : null}
      </div>
      {!s ? (
        <Row gutter={[16, 16]}>
          {[1, 2, 3, 4, 5, 6].map((n) => (
            <Col key={n} xs={24} md={12} xl={8}>
              <Card loading style={{ height: 260 }} />
            </Col>
          ))}
        </Row>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12} xl={8}>
            <StatusCard id="database" title="数据库" state={s.database.state}>
              <Descriptions {...ONE_LINE}>
                <Descriptions.Item label="状态">{s.database.message}</Descriptions.Item>
                <Descriptions.Item label="往返时间">
                  {s.database.pingMs !== undefined ? `${s.database.pingMs} 毫秒` : '—'}
                </Descriptions.Item>
                <Descriptions.Item label="类型">
                  {s.database.kind === 'embedded' ? '内置数据库（FerretDB）' : '外部 MongoDB'}
                  {s.database.name ? `，库名 ${s.database.name}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="版本">
                  {s.database.ferretdbVersion ?? s.database.version ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label="数据量">
                  {formatBytes(s.database.dataSizeBytes)}
                  {s.database.collections !== undefined ? `，${s.database.collections} 个集合` : ''}
                </Descriptions.Item>
              </Descriptions>
            </StatusCard>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <StatusCard id="node" title="本节点" state={s.node.state}>
              <Descriptions {...ONE_LINE}>
                <Descriptions.Item label="状态">{s.node.message}</Descriptions.Item>
                <Descriptions.Item label="已运行">
                  {formatDuration(s.node.uptimeSeconds)}（进程 {s.node.pid}）
                </Descriptions.Item>
                <Descriptions.Item label="内存">
                  常驻 {formatBytes(s.node.memory.rssBytes)}，堆{' '}
                  {formatBytes(s.node.memory.heapUsedBytes)}/
                  {formatBytes(s.node.memory.heapTotalBytes)}
                </Descriptions.Item>
                <Descriptions.Item label="事件循环延迟">
                  平均 {s.node.eventLoop.meanMs} 毫秒，p99 {s.node.eventLoop.p99Ms} 毫秒
                </Descriptions.Item>
                <Descriptions.Item label="版本">
                  {s.node.version}
                  {s.node.commit ? `（${s.node.commit.slice(0, 8)}）` : ''}，Node{' '}
                  {s.node.nodeVersion}
                </Descriptions.Item>
              </Descriptions>
            </StatusCard>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <StatusCard id="disk" title="磁盘" state={s.disk.state}>
              <Descriptions {...ONE_LINE}>
                <Descriptions.Item label="状态">{s.disk.message}</Descriptions.Item>
                <Descriptions.Item label="剩余 / 总量">
                  {formatBytes(s.disk.freeBytes)} / {formatBytes(s.disk.totalBytes)}
                  {s.disk.freeRatio !== undefined
                    ? `（剩余 ${Math.round(s.disk.freeRatio * 100)}%）`
                    : ''}
                </Descriptions.Item>
                <Descriptions.Item label="数据目录">
                  <Typography.Text ellipsis={{ tooltip: s.disk.path }} style={{ maxWidth: 220 }}>
                    {s.disk.path}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </StatusCard>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <StatusCard id="certificates" title="证书与密钥" state={s.certificates.state}>
              <Descriptions {...ONE_LINE}>
                <Descriptions.Item label="HTTPS 证书">
                  <Space size={4}>
                    <StateTag state={s.certificates.https.state} />
                    {s.certificates.https.message}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label="锚定签名密钥">
                  {s.certificates.anchorKey.message}
                </Descriptions.Item>
                <Descriptions.Item label="部门系统密钥">
                  {s.certificates.departmentSystemKeys.message}
                </Descriptions.Item>
              </Descriptions>
            </StatusCard>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <StatusCard
              id="work"
              title="办件与日志"
              state={s.logs.state === 'none' ? s.cases.state : s.logs.state}
            >
              <Descriptions {...ONE_LINE}>
                <Descriptions.Item label="在办件">{s.cases.open} 件</Descriptions.Item>
                <Descriptions.Item label="近 24 小时错误">
                  {s.logs.errorsLast24h ?? '—'} 条
                </Descriptions.Item>
                <Descriptions.Item label="运行日志">{s.logs.message}</Descriptions.Item>
                <Descriptions.Item label="保存期限">{s.logs.retentionDays} 天</Descriptions.Item>
                <Descriptions.Item label="丢弃的日志">
                  {s.logs.dropped} 行（待写入 {s.logs.buffered} 行）
                </Descriptions.Item>
              </Descriptions>
            </StatusCard>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <StatusCard id="nodes" title="服务节点" state={s.node.state}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={s.nodes}
                columns={[
                  {
                    title: '节点',
                    dataIndex: 'id',
                    ellipsis: true,
                    render: (v: string, n: SystemStatus['nodes'][number]) => (
                      <>
                        {v}
                        {n.self && <Tag style={{ marginLeft: 4 }}>本节点</Tag>}
                        {n.leading && <Tag color="blue">后台任务</Tag>}
                      </>
                    ),
                  },
                  {
                    title: '最近报到',
                    width: 150,
                    render: (_: unknown, n: SystemStatus['nodes'][number]) => {
                      const at = n.lastSeenAt ?? n.startedAt;
                      return at ? formatTime(at) : '—';
                    },
                  },
                  {
                    title: '状态',
                    dataIndex: 'state',
                    width: 70,
                    render: (v: State) => <StateTag state={v} />,
                  },
                ]}
              />
            </StatusCard>
          </Col>
          <Col span={24}>
            <StatusCard id="jobs" title="后台任务（本节点）" state={s.jobs.state}>
              <Table<Job>
                size="small"
                rowKey="name"
                pagination={false}
                dataSource={s.jobs.items}
                columns={[
                  { title: '任务', dataIndex: 'label' },
                  {
                    title: '间隔',
                    dataIndex: 'everySeconds',
                    width: 100,
                    render: (v: number) => formatDuration(v),
                  },
                  {
                    title: '上次完成',
                    dataIndex: 'lastFinishedAt',
                    width: 170,
                    render: (v?: string) => (v ? formatTime(v) : '—'),
                  },
                  {
                    title: '耗时',
                    dataIndex: 'lastDurationMs',
                    width: 100,
                    render: (v?: number) => (v === undefined ? '—' : `${v} 毫秒`),
                  },
                  {
                    title: '次数 / 失败',
                    width: 110,
                    render: (_, j) => `${j.runs} / ${j.failures}`,
                  },
                  {
                    title: '状态',
                    dataIndex: 'state',
                    width: 80,
                    render: (v: State) => <StateTag state={v} />,
                  },
                  { title: '说明', dataIndex: 'message', ellipsis: true },
                ]}
              />
            </StatusCard>
          </Col>
        </Row>
      )}
    </PageContainer>
  );
}
