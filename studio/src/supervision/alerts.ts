import { useEffect, useRef } from 'react';

/** A supervision alert as the server answers it (SUP-2). */
export interface AlertRow {
  id: string;
  caseId: string;
  caseNo?: string;
  caseName: string;
  itemName: string;
  itemCode: string;
  departmentId: string;
  departmentName: string;
  stepName?: string;
  userNames: string[];
  ruleName: string;
  ruleKind: string;
  level: 'yellow' | 'red';
  state: 'open' | 'cleared';
  riskPoint?: { type: string; description: string };
  detail: string;
  raisedAt: string;
  escalatedAt?: string;
  clearedAt?: string;
}

export interface AlertChange {
  kind: 'raised' | 'escalated' | 'cleared';
  alert: AlertRow;
}

export const RULE_KIND_LABELS: Record<string, string> = {
  timeliness: '时效',
  content: '内容',
  process: '流程',
  fee: '收费',
  riskPoint: '风险点',
  suspicious: '异常办理',
  discretion: '自由裁量',
};

export const LEVEL_LABELS = { yellow: '黄牌预警', red: '红牌报警' } as const;

const when = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
export const formatAt = (iso?: string) => (iso ? when.format(new Date(iso)) : '');

/**
 * Listens to the alerts' server-sent events while mounted. EventSource reconnects by itself after
 * a dropped connection; `onChange` is read through a ref so a new closure does not reconnect.
 */
export function useAlertStream(onChange: (change: AlertChange) => void, mine = false): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);
  useEffect(() => {
    const source = new EventSource(`/api/supervision/alerts/stream${mine ? '?mine=true' : ''}`);
    source.addEventListener('alert', (e) => {
      latest.current(JSON.parse((e as MessageEvent<string>).data) as AlertChange);
    });
    return () => source.close();
  }, [mine]);
}
