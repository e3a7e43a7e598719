import type { Mitigation } from '../../runtime/cases/state';

/**
 * The notices, decisions and records the platform makes (RUN-10, RUN-17; 行政许可法 第三十二条、
 * 第三十八条, 行政处罚法 第四十四条、第五十九条、第六十四条, 行政强制法 第二十四条), and which case
 * event makes which (docs/documents.md).
 */
export const DOCUMENT_KINDS = {
  'acceptance-notice': { name: '受理通知书', word: '受' },
  'refusal-notice': { name: '不予受理通知书', word: '不受' },
  'correction-notice': { name: '补正材料通知书', word: '补' },
  'grant-decision': { name: '准予行政许可决定书', word: '许' },
  'denial-decision': { name: '不予行政许可决定书', word: '不许' },
  'service-receipt': { name: '送达回证', word: '送' },
  // Ex officio cases (RUN-17): 立案 against a party, 调查, 告知, 听证, 决定.
  'filing-approval': { name: '立案审批表', word: '立' },
  'inquiry-record': { name: '询问笔录', word: '询' },
  'inspection-record': { name: '现场检查笔录', word: '检' },
  'penalty-notice': { name: '行政处罚告知书', word: '罚告' },
  'hearing-notice': { name: '听证通知书', word: '听' },
  'penalty-decision': { name: '行政处罚决定书', word: '罚' },
  'no-penalty-decision': { name: '不予行政处罚决定书', word: '不罚' },
  'seizure-decision': { name: '查封扣押决定书', word: '强' },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const KINDS = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];
export const isDocumentKind = (k: unknown): k is DocumentKind =>
  typeof k === 'string' && Object.hasOwn(DOCUMENT_KINDS, k);

/** Decisions: made once per case, whichever of the service task and 办结 asks first. */
export const DECISIONS: readonly DocumentKind[] = [
  'grant-decision',
  'denial-decision',
  'penalty-decision',
  'no-penalty-decision',
];

/** Sealed as a decision is (any step marked 电子印章), though a case may have several. */
export const SEALED_AS_DECISIONS: readonly DocumentKind[] = [...DECISIONS, 'seizure-decision'];

/** Signed by hand, never sealed: the receipt, the records and the internal 立案审批表. */
export const HAND_SIGNED: readonly DocumentKind[] = [
  'service-receipt',
  'filing-approval',
  'inquiry-record',
  'inspection-record',
];

/** Not served on anyone: kept in the file, so not listed on a 送达回证. */
export const INTERNAL: readonly DocumentKind[] = [
  'service-receipt',
  'filing-approval',
  'inquiry-record',
  'inspection-record',
];

/** What an application (依申请) case is about: never made for an ex officio case. */
export const APPLICATION_KINDS: readonly DocumentKind[] = [
  'acceptance-notice',
  'refusal-notice',
  'correction-notice',
  'grant-decision',
  'denial-decision',
];

/** What of an ex officio case decides its documents: its penalty's mitigation, when decided. */
export interface ExOfficioFacts {
  penalty?: { mitigation: Mitigation };
}

/** An ex officio case's facts for `kindsFor`, or undefined for an application. */
export const exOfficioFacts = (state: {
  exOfficio?: unknown;
  penalty?: { mitigation: Mitigation };
}): ExOfficioFacts | undefined =>
  state.exOfficio ? (state.penalty ? { penalty: state.penalty } : {}) : undefined;

/**
 * The decision an ex officio case's penalty calls for: 行政处罚决定书, or 不予行政处罚决定书 when
 * the penalty was exempted (行政处罚法 第三十三条); none before a penalty is decided.
 */
export const penaltyDecisionKind = (facts: ExOfficioFacts): DocumentKind | undefined =>
  !facts.penalty
    ? undefined
    : facts.penalty.mitigation === 'exempt'
      ? 'no-penalty-decision'
      : 'penalty-decision';

/**
 * Kinds that make sense for a case in a status (the 生成 button offers these): the application
 * kinds for a case applied for, the ex officio kinds for a case opened by the department
 * (`exOfficio` given).
 */
export function kindsFor(
  status: string,
  result?: 'granted' | 'denied',
  exOfficio?: ExOfficioFacts,
): DocumentKind[] {
  const kinds: DocumentKind[] = [];
  if (exOfficio) {
    kinds.push('filing-approval');
    const open = status === 'inProgress' || status === 'suspended';
    if (open)
      kinds.push(
        'inquiry-record',
        'inspection-record',
        'penalty-notice',
        'hearing-notice',
        'seizure-decision',
      );
    const decision = penaltyDecisionKind(exOfficio);
    if (decision && (open || status === 'concluded')) kinds.push(decision);
    kinds.push('service-receipt');
    return kinds;
  }
  const after = ['inProgress', 'suspended', 'concluded', 'correction'];
  if (after.includes(status)) kinds.push('acceptance-notice');
  if (status === 'refused') kinds.push('refusal-notice');
  if (status === 'correction' || status === 'pendingAcceptance') kinds.push('correction-notice');
  if (status === 'concluded' && result === 'granted') kinds.push('grant-decision');
  if (status === 'concluded' && result === 'denied') kinds.push('denial-decision');
  if (status !== 'preReview' && status !== 'preReviewReturned') kinds.push('service-receipt');
  return kinds;
}
