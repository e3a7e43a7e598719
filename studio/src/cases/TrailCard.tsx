import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { verifyCaseTrail } from './cases-api';
import { LIMIT_UNIT_LABELS, type LimitUnit } from '../../../runtime/catalog/item';
import { dueText, STEP_STATES, timeText, TRAIL_ACTIONS, TRAIL_COLOR, TRAIL_COLORS } from './labels';
import type { TrailCheck, TrailEntry } from './types';

/** What a 退回 entry records: where to, and the re-opened step's limit, started again. */
interface ReturnData {
  to: { nodeId: string; name: string };
  restartedLimit?: { value: number; unit: LimitUnit; dueAt: string | null };
}

/** The entry's data is kept as canonical JSON text (it is hashed as such). */
function returnData(data: unknown): ReturnData | undefined {
  try {
    const parsed = (typeof data === 'string' ? JSON.parse(data) : data) as ReturnData | undefined;
    return parsed?.to ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** One entry as the trail card and the replay show it. */
export function TrailEntryView({ e }: { e: TrailEntry }) {
  const p = e.process;
  const actor = e.actor;
  const who = [
    actor.name,
    actor.staffNo && `（${actor.staffNo}）`,
    actor.post && ` · ${actor.post.name}`,
  ]
    .filter(Boolean)
    .join('');
  const unit = [p?.department.name, p?.office?.name].filter(Boolean).join(' / ');
  const opinion = p?.opinion ?? e.result?.opinion;
  const returned = e.action === 'return' ? returnData(e.data) : undefined;
  return (
    <div data-testid="trail-entry" data-action={e.action}>
      <Space size={8} wrap>
        <Typography.Text strong>{TRAIL_ACTIONS[e.action] ?? e.action}</Typography.Text>
        {p?.step && <Typography.Text>「{p.step.name}」</Typography.Text>}
        {p?.stepState && (
          <Typography.Text type="secondary">{STEP_STATES[p.stepState]}</Typography.Text>
        )}
        <Typography.Text type="secondary">{timeText(e.at)}</Typography.Text>
      </Space>
      <div>
        <Typography.Text type="secondary">
          {who}
          {unit && `，${unit}`}
        </Typography.Text>
      </div>
      {opinion && <div>意见：{opinion}</div>}
      {returned && (
        <div data-testid="trail-return-limit">
          退回至「{returned.to.name}」
          {returned.restartedLimit &&
            `，该环节时限重新计算：${returned.restartedLimit.value} ${LIMIT_UNIT_LABELS[returned.restartedLimit.unit]}，至 ${dueText(returned.restartedLimit.dueAt)}`}
        </div>
      )}
    </div>
  );
}

/** 操作痕迹 (RUN-7): every action in order, and the check of its SM3 chain on the server. */
export function TrailCard({ caseId, trail }: { caseId: string; trail: TrailEntry[] }) {
  const [check, setCheck] = useState<TrailCheck | { error: string }>();
  const [busy, setBusy] = useState(false);

  async function verify() {
    setBusy(true);
    try {
      setCheck(await verifyCaseTrail(caseId));
    } catch (e) {
      setCheck({ error: e instanceof ApiError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      size="small"
      title={`操作痕迹（${trail.length} 条）`}
      data-testid="trail"
      extra={
        <Button
          size="small"
          icon={<SafetyCertificateOutlined />}
          loading={busy}
          onClick={() => void verify()}
        >
          校验痕迹
        </Button>
      }
    >
      {check && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          data-testid="trail-check"
          type={'error' in check || !check.ok ? 'error' : 'success'}
          message={
            'error' in check
              ? `无法校验：${check.error}`
              : check.ok
                ? `完整：${check.message}`
                : `在第 ${check.firstBadSeq} 条断开：${check.message}`
          }
        />
      )}
      <Timeline
        items={trail.map((e) => ({
          key: e.seq,
          color: TRAIL_COLORS[e.action] ?? TRAIL_COLOR,
          children: <TrailEntryView e={e} />,
        }))}
      />
    </Card>
  );
}
