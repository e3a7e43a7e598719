import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import type { CaseState } from '../state';

/**
 * 制作文书 (RUN-10): the platform records in the trail a notice or decision it made for the case
 * after the fact (受理通知书 on acceptance, 决定书 on conclusion …), with its number and the
 * digest of its PDF. Only the system issues it; a document recorded once is not recorded again,
 * so the server may repeat the command after a failure.
 */
export interface RecordDocumentCommand {
  type: 'recordDocument';
  documentId: string;
  /** Template kind, e.g. acceptance-notice. */
  kind: string;
  /** 受理通知书 … */
  name: string;
  /** 文书编号, e.g. 龙安全受〔2026〕12号. */
  number: string;
  /** Stored PDF and its SM3 digest: pins the document's content into the chain. */
  fileId: string;
  sm3: string;
  size: number;
  sealed: boolean;
}

const ALL: CaseState['status'][] = [
  'preReview',
  'preReviewReturned',
  'pendingAcceptance',
  'correction',
  'inProgress',
  'suspended',
  'concluded',
  'refused',
  'withdrawn',
  'terminated',
];

export const recordDocument: CommandHandler<RecordDocumentCommand> = {
  type: 'recordDocument',
  label: '记录文书',
  allowedIn: ALL,
  run(tx, c) {
    if (tx.actor.kind !== 'system') throw new CaseError('not_permitted', '文书只能由系统记录');
    if (!c.documentId || !c.number || !/^[0-9a-f]{64}$/.test(c.sm3))
      throw new CaseError('invalid_command', '文书记录缺少编号或摘要');
    const seen = tx.state.documents ?? [];
    if (seen.includes(c.documentId)) return;
    tx.state.documents = [...seen, c.documentId];
    tx.record({
      action: 'document',
      process: tx.processInfo(undefined, {
        opinion: `制作《${c.name}》${c.number}${c.sealed ? '，已加盖电子印章' : ''}`,
        attachments: [
          { fileId: c.fileId, name: `${c.name}（${c.number}）.pdf`, sm3: c.sm3, size: c.size },
        ],
      }),
    });
  },
};
