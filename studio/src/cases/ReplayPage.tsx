import { PageContainer } from '@ant-design/pro-components';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Result,
  Row,
  Slider,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useRemote } from '../api/use-remote';
import { CaseDiagramView } from './CaseDiagramView';
import { verifyCaseTrail } from './cases-api';
import { APPLICATION_CHANNELS, timeText, TRAIL_ACTIONS, TRAIL_COLOR, TRAIL_COLORS } from './labels';
import { TrailEntryView } from './TrailCard';
import type { CaseDetail, TrailCheck, TrailEntry } from './types';
import { useBook } from './use-book';

/** Entries that finish the step they name: it shows as passed from then on. */
const FINISHING = new Set(['accept', 'complete', 'conclude', 'refuse']);

/**
 * Where the case stood on its diagram just after entry `i`: steps passed, and the step acted on —
 * or, for an entry of no step (a notice made, a fee), the steps still open then.
 */
export function positionAt(trail: TrailEntry[], i: number): { done: string[]; active: string[] } {
  const done = new Set<string>();
  const open = new Set<string>();
  for (const e of trail.slice(0, i + 1)) {
    const step = e.process?.step?.id;
    if (!step) continue;
    if (FINISHING.has(e.action) || e.process?.stepEndedAt) {
      done.add(step);
      open.delete(step);
    } else open.add(step);
  }
  const current = trail[i]?.process?.step?.id;
  const active = current ? [current] : [...open];
  return { done: [...done].filter((s) => !active.includes(s)), active };
}

/** The entry's data (canonical JSON text), shown key by key. */
function dataRows(e: TrailEntry): { key: string; value: string }[] {
  if (!e.data) return [];
  let parsed: unknown;
  try {
    parsed = typeof e.data === 'string' ? JSON.parse(e.data) : e.data;
  } catch {
    return [{ key: '数据', value: String(e.data) }];
  }
  if (!parsed || typeof parsed !== 'object') return [{ key: '数据', value: String(parsed) }];
  return Object.entries(parsed as Record<string, unknown>).map(([key, value]) => ({
    key,
    value: typeof value === 'string' ? value : JSON.stringify(value),
  }));
}

function files(e: TrailEntry): { fileId: string; name: string }[] {
  return [
    ...(e.application?.materials ?? []).flatMap((m) => m.files),
    ...(e.process?.attachments ?? []),
    ...(e.result?.attachments ?? []),
  ];
}

function EntryDetail({ caseId, e }: { caseId: string; e: TrailEntry }) {
  const data = dataRows(e);
  const attached = files(e);
  const p = e.process;
  return (
    <Descriptions column={1} size="small" bordered data-testid="replay-entry">
      <Descriptions.Item label="时间">{timeText(e.at)}</Descriptions.Item>
      <Descriptions.Item label="操作">{TRAIL_ACTIONS[e.action] ?? e.action}</Descriptions.Item>
      {p?.step && <Descriptions.Item label="环节">{p.step.name}</Descriptions.Item>}
      <Descriptions.Item label="办理人员">
        {e.actor.name}
        {e.actor.staffNo && `（工号 ${e.actor.staffNo}）`}
        {e.actor.post && ` · ${e.actor.post.name}`}
      </Descriptions.Item>
      {p && (
        <Descriptions.Item label="办理部门">
          {[p.department.name, p.office?.name].filter(Boolean).join(' / ')}
        </Descriptions.Item>
      )}
      {(p?.opinion ?? e.result?.opinion) && (
        <Descriptions.Item label="意见">{p?.opinion ?? e.result?.opinion}</Descriptions.Item>
      )}
      {p?.risk && (
        <Descriptions.Item label="风险点">
          {p.risk.category}：{p.risk.description}（{p.risk.control}）
        </Descriptions.Item>
      )}
      {e.application && (
        <Descriptions.Item label={e.application.channel === 'exOfficio' ? '立案' : '申请'}>
          {e.application.caseName}，{e.application.channel === 'exOfficio' ? '当事人' : ''}
          {e.application.applicant.name}
          {e.application.channel && `（${APPLICATION_CHANNELS[e.application.channel]}）`}
        </Descriptions.Item>
      )}
      {data.map((d) => (
        <Descriptions.Item key={d.key} label={`数据 ${d.key}`}>
          <Typography.Text style={{ wordBreak: 'break-all' }}>{d.value}</Typography.Text>
        </Descriptions.Item>
      ))}
      {attached.length > 0 && (
        <Descriptions.Item label="材料与附件">
          <Space direction="vertical" size={0}>
            {attached.map((f) => (
              <a
                key={f.fileId}
                href={`/api/cases/${encodeURIComponent(caseId)}/files/${encodeURIComponent(f.fileId)}`}
              >
                {f.name}
              </a>
            ))}
          </Space>
        </Descriptions.Item>
      )}
      <Descriptions.Item label="哈希">
        <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
          {e.hash}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 办件回放 (SUP-1): the case's trail entry by entry in time order, on its diagram — where it
 * stood, who acted, with what opinion, data and materials — with the chain's check on the server.
 */
export function ReplayPage() {
  const { id } = useParams();
  const remote = useRemote<CaseDetail>(id ? `/api/cases/${encodeURIComponent(id)}` : undefined);
  const detail = remote.data?.id === id ? remote.data : undefined;
  const book = useBook(detail)?.book;
  const [check, setCheck] = useState<TrailCheck | { error: string }>();
  const [at, setAt] = useState(0);
  const trail = useMemo(
    () => [...(detail?.trail ?? [])].sort((a, b) => a.seq - b.seq),
    [detail?.trail],
  );
  const position = useMemo(() => positionAt(trail, at), [trail, at]);

  useEffect(() => {
    if (!id) return;
    let live = true;
    verifyCaseTrail(id).then(
      (c) => live && setCheck(c),
      (e: unknown) => live && setCheck({ error: e instanceof ApiError ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (remote.error && !detail) {
    return (
      <Result
        status={remote.error.status === 404 ? '404' : 'error'}
        title={remote.error.message}
        extra={<Link to="/work">返回工作台</Link>}
      />
    );
  }
  if (!detail) return <Card loading />;
  const entry = trail[at];

  return (
    <PageContainer
      title={`办件回放：${detail.state.caseName}`}
      subTitle={detail.state.caseNo ?? detail.state.applicationNo}
      onBack={() => history.back()}
      extra={<Link to={`/cases/${encodeURIComponent(detail.id)}`}>办件详情</Link>}
    >
      {check && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          data-testid="replay-check"
          type={'error' in check || !check.ok ? 'error' : 'success'}
          message={
            'error' in check
              ? `无法校验痕迹链：${check.error}`
              : check.ok
                ? `痕迹链校验通过：${check.message}`
                : `痕迹链在第 ${check.firstBadSeq} 条断开：${check.message}`
          }
        />
      )}
      {trail.length === 0 ? (
        <Empty description="本办件尚无操作痕迹" />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Space style={{ width: '100%' }} size={16}>
              <Button onClick={() => setAt(0)} disabled={at === 0}>
                从头
              </Button>
              <Button onClick={() => setAt((i) => Math.max(0, i - 1))} disabled={at === 0}>
                上一步
              </Button>
              <Button
                type="primary"
                onClick={() => setAt((i) => Math.min(trail.length - 1, i + 1))}
                disabled={at >= trail.length - 1}
              >
                下一步
              </Button>
              <Typography.Text data-testid="replay-position">
                第 {at + 1} / {trail.length} 步：{TRAIL_ACTIONS[entry!.action] ?? entry!.action}
                {entry?.process?.step && `「${entry.process.step.name}」`}
              </Typography.Text>
            </Space>
            <Slider
              aria-label="回放位置"
              min={1}
              max={trail.length}
              value={at + 1}
              onChange={(v) => setAt(v - 1)}
              tooltip={{ formatter: (v) => (v ? timeText(trail[v - 1]!.at) : '') }}
            />
          </Card>
          <CaseDiagramView xml={book?.xml} active={position.active} done={position.done} />
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Card size="small" title="此步详情">
                {entry && <EntryDetail caseId={detail.id} e={entry} />}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title="全部操作（按时间）">
                <Timeline
                  items={trail.map((e, i) => ({
                    key: e.seq,
                    color: i === at ? 'red' : (TRAIL_COLORS[e.action] ?? TRAIL_COLOR),
                    children: (
                      <div
                        role="button"
                        tabIndex={0}
                        aria-current={i === at ? 'step' : undefined}
                        onClick={() => setAt(i)}
                        onKeyDown={(k) => k.key === 'Enter' && setAt(i)}
                        style={{ cursor: 'pointer', fontWeight: i === at ? 600 : undefined }}
                      >
                        <TrailEntryView e={e} />
                      </div>
                    ),
                  }))}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </PageContainer>
  );
}
