/**
 * The notices and decisions the platform makes (RUN-10; 行政许可法 第三十二条、第三十八条), and
 * which case event makes which (docs/documents.md).
 */
export const DOCUMENT_KINDS = {
  'acceptance-notice': { name: '受理通知书', word: '受' },
  'refusal-notice': { name: '不予受理通知书', word: '不受' },
  'correction-notice': { name: '补正材料通知书', word: '补' },
  'grant-decision': { name: '准予行政许可决定书', word: '许' },
  'denial-decision': { name: '不予行政许可决定书', word: '不许' },
  'service-receipt': { name: '送达回证', word: '送' },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const KINDS = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];
export const isDocumentKind = (k: unknown): k is DocumentKind =>
  typeof k === 'string' && Object.hasOwn(DOCUMENT_KINDS, k);

/** Decisions: made once per case, whichever of the service task and 办结 asks first. */
export const DECISIONS: readonly DocumentKind[] = ['grant-decision', 'denial-decision'];

/** Kinds that make sense for a case in a status (the 生成 button offers these). */
export function kindsFor(status: string, result?: 'granted' | 'denied'): DocumentKind[] {
  const after = ['inProgress', 'suspended', 'concluded', 'correction'];
  const kinds: DocumentKind[] = [];
  if (after.includes(status)) kinds.push('acceptance-notice');
  if (status === 'refused') kinds.push('refusal-notice');
  if (status === 'correction' || status === 'pendingAcceptance') kinds.push('correction-notice');
  if (status === 'concluded' && result === 'granted') kinds.push('grant-decision');
  if (status === 'concluded' && result === 'denied') kinds.push('denial-decision');
  if (status !== 'preReview' && status !== 'preReviewReturned') kinds.push('service-receipt');
  return kinds;
}
