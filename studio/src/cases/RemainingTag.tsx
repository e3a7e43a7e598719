import { Tag, Tooltip } from 'antd';
import type { LimitUnit } from '../../../runtime/catalog/item';
import { dueText, remainingText, TIME_COLORS, TIME_LABELS } from './labels';
import type { TimeState } from './types';

interface Props {
  remaining?: number;
  unit?: LimitUnit;
  state?: TimeState;
  stopped?: boolean;
  due?: string | null;
}

/** Remaining time in green, yellow or red (RUN-6); grey while a pause stops the clock. */
export function RemainingTag({ remaining, unit, state, stopped, due }: Props) {
  if (remaining === undefined || !unit || !state) return <span>—</span>;
  const text = remainingText(remaining, unit);
  const tag = stopped ? (
    <Tag data-time-state="stopped">暂停计时 · {text}</Tag>
  ) : (
    <Tag color={TIME_COLORS[state]} data-time-state={state}>
      {text}
    </Tag>
  );
  const tip = `${TIME_LABELS[state]}${due ? `，${dueText(due)} 到期` : ''}`;
  return <Tooltip title={tip}>{tag}</Tooltip>;
}
