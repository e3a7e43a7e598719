import { FullscreenOutlined } from '@ant-design/icons';
import { Button, Col, List, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRemote } from '../api/use-remote';
import { formatAt, LEVEL_LABELS, useAlertStream, type AlertRow } from './alerts';

interface Today {
  date: string;
  received: number;
  accepted: number;
  concluded: number;
  open: number;
  overdue: number;
  yellow: number;
  red: number;
  raisedToday: number;
  departments: { id: string; name: string; yellow: number; red: number }[];
}

const REFRESH_MS = 30_000;
const FEED = 12;

const panel = {
  background: '#0f1c33',
  border: '1px solid #1f3a63',
  borderRadius: 8,
  padding: 16,
  height: '100%',
};

function Figure({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <div style={panel} data-testid="wall-figure" data-label={label}>
      <div style={{ color: '#9fb3d1', fontSize: 16 }}>{label}</div>
      <div style={{ color: color ?? '#e6f0ff', fontSize: 44, fontWeight: 600, lineHeight: 1.3 }}>
        {value}
      </div>
    </div>
  );
}

/**
 * 监察大屏: the supervision centre's wall — the day's figures, cards open by department and the
 * alerts as they come (server-sent events); the figures are asked again on every alert and every
 * half minute.
 */
export function WallPage() {
  const today = useRemote<Today>('/api/supervision/today');
  const initial = useRemote<{ items: AlertRow[] }>(
    `/api/supervision/alerts?state=open&pageSize=${FEED}`,
  );
  const [feed, setFeed] = useState<{ kind: string; alert: AlertRow }[]>([]);
  const [clock, setClock] = useState(() => new Date());
  const box = useRef<HTMLDivElement>(null);
  const { reload } = today;

  useEffect(() => {
    const timer = setInterval(() => {
      setClock(new Date());
      reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  useAlertStream(
    useCallback(
      (change) => {
        setFeed((f) => [change, ...f].slice(0, FEED));
        reload();
      },
      [reload],
    ),
  );

  const t = today.data;
  // What came live first, then the open cards there were on arrival.
  const seen = new Set(feed.map((f) => f.alert.id));
  const shown = [
    ...feed,
    ...(initial.data?.items ?? [])
      .filter((a) => !seen.has(a.id))
      .map((alert) => ({ kind: 'open', alert })),
  ].slice(0, FEED);
  const kindText = {
    raised: '新预警',
    escalated: '升级为红牌',
    cleared: '已解除',
    open: '在办预警',
  };
  return (
    <div
      ref={box}
      style={{ background: '#08132a', padding: 24, borderRadius: 8, minHeight: '80vh' }}
      data-testid="wall"
    >
      <Row justify="space-between" align="middle" style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ color: '#e6f0ff', margin: 0 }}>
          电子监察大屏
        </Typography.Title>
        <Space>
          <Typography.Text style={{ color: '#9fb3d1', fontSize: 18 }}>
            {clock.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}
          </Typography.Text>
          <Button
            icon={<FullscreenOutlined />}
            onClick={() => void box.current?.requestFullscreen?.().catch(() => undefined)}
          >
            全屏
          </Button>
        </Space>
      </Row>
      {t && (
        <Row gutter={[16, 16]}>
          <Col span={6}>
            <Figure label="今日收件" value={t.received} />
          </Col>
          <Col span={6}>
            <Figure label="今日受理" value={t.accepted} />
          </Col>
          <Col span={6}>
            <Figure label="今日办结" value={t.concluded} color="#52c41a" />
          </Col>
          <Col span={6}>
            <Figure label="今日新预警" value={t.raisedToday} color="#faad14" />
          </Col>
          <Col span={6}>
            <Figure label="在办件" value={t.open} />
          </Col>
          <Col span={6}>
            <Figure label="超期在办" value={t.overdue} color="#ff4d4f" />
          </Col>
          <Col span={6}>
            <Figure label="黄牌（未解除）" value={t.yellow} color="#faad14" />
          </Col>
          <Col span={6}>
            <Figure label="红牌（未解除）" value={t.red} color="#ff4d4f" />
          </Col>
          <Col span={10}>
            <div style={panel}>
              <div style={{ color: '#9fb3d1', fontSize: 16, marginBottom: 8 }}>
                各部门未解除的预警
              </div>
              <List
                size="small"
                dataSource={t.departments}
                locale={{ emptyText: <span style={{ color: '#9fb3d1' }}>暂无</span> }}
                renderItem={(d) => (
                  <List.Item style={{ borderColor: '#1f3a63' }}>
                    <span style={{ color: '#e6f0ff' }}>{d.name}</span>
                    <Space>
                      <Tag color="gold">黄 {d.yellow}</Tag>
                      <Tag color="red">红 {d.red}</Tag>
                    </Space>
                  </List.Item>
                )}
              />
            </div>
          </Col>
          <Col span={14}>
            <div style={panel} data-testid="wall-feed">
              <div style={{ color: '#9fb3d1', fontSize: 16, marginBottom: 8 }}>实时预警</div>
              <List
                size="small"
                dataSource={shown}
                locale={{ emptyText: <span style={{ color: '#9fb3d1' }}>暂无预警</span> }}
                renderItem={({ kind, alert }) => (
                  <List.Item style={{ borderColor: '#1f3a63' }}>
                    <Space size={8} wrap>
                      <Tag color={alert.level === 'red' ? 'red' : 'gold'}>
                        {LEVEL_LABELS[alert.level]}
                      </Tag>
                      <span style={{ color: '#9fb3d1' }}>
                        {kindText[kind as keyof typeof kindText]}
                      </span>
                      <span style={{ color: '#e6f0ff' }}>
                        {alert.departmentName}：{alert.caseName}
                        {alert.stepName && `「${alert.stepName}」`}
                      </span>
                      <span style={{ color: '#9fb3d1' }}>{alert.detail}</span>
                      <span style={{ color: '#6f84a6' }}>
                        {formatAt(alert.escalatedAt ?? alert.raisedAt)}
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            </div>
          </Col>
        </Row>
      )}
    </div>
  );
}
