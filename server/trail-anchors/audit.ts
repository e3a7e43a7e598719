import { PersonalText } from '../cases/personal-text';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import pino from 'pino';
import { caseOfStored, type StoredCase } from '../cases/case-model';
import type { PersonalDataCipher } from '../identity/personal-data';
import { TrailAnchors } from './anchors';
import { anchorCollections } from './models';

export interface TrailAuditFailure {
  caseId: string;
  caseNo?: string;
  firstBadSeq?: number;
  reason: string;
  message: string;
}

export interface TrailAuditReport {
  cases: number;
  anchors: number;
  /** The anchor chain itself: removed, altered or unsigned anchors, leaves that miss the root. */
  chainProblems: string[];
  failures: TrailAuditFailure[];
}

/**
 * What `npm run audit:trails` checks (RUN-7): the anchor chain (numbers without gaps, links,
 * signatures, every anchor's leaves against its root), then every case: its chain, the head the
 * document keeps, the engine state's head, and its anchored hashes (docs/transparency.md). A case
 * the anchors hold that is no longer in the database fails too. Reads everything once: meant to
 * run beside the server, off hours on a large county.
 */
export async function auditTrails(
  connection: Connection,
  cipher: PersonalDataCipher,
): Promise<TrailAuditReport> {
  const collections = anchorCollections(connection);
  const personal = new PersonalText(cipher);
  const anchors = new TrailAnchors({ collections, cipher, logger: pino({ level: 'silent' }) });
  const { count, problems } = await anchors.checkChain();
  const failures: TrailAuditFailure[] = [];
  const seen = new Set<string>();
  const cases = connection.collection('cases') as unknown as Collection<StoredCase>;
  for await (const stored of cases.find({})) {
    seen.add(stored._id);
    const doc = caseOfStored(stored, personal);
    const check = await anchors.checkCase(doc);
    const base = { caseId: doc._id, caseNo: doc.caseNo ?? doc.applicationNo };
    if (!check.ok)
      failures.push({
        ...base,
        firstBadSeq: check.firstBadSeq,
        reason: check.reason,
        message: check.message,
      });
    for (const message of check.anchorProblems)
      failures.push({ ...base, reason: 'anchorRecords', message });
  }
  for await (const anchored of collections.cases.find({}, { projection: { _id: 1 } }))
    if (!seen.has(anchored._id))
      failures.push({
        caseId: anchored._id,
        reason: 'caseMissing',
        message: `办件已锚定到第 ${anchored.seq ?? '?'} 条，库中却没有这件办件：被删除`,
      });
  return { cases: seen.size, anchors: count, chainProblems: problems, failures };
}

/** The report as people read it: one line per problem, and a closing count. */
export function formatAudit(report: TrailAuditReport): string {
  const lines = [
    ...report.chainProblems.map((p) => `锚定链：${p}`),
    ...report.failures.map(
      (f) =>
        `办件 ${f.caseNo ?? f.caseId}（${f.caseId}）：${f.firstBadSeq ? `第 ${f.firstBadSeq} 条，` : ''}${f.reason}：${f.message}`,
    ),
  ];
  const bad = report.chainProblems.length + report.failures.length;
  lines.push(
    bad
      ? `校验未通过：${report.cases} 件办件、${report.anchors} 个锚定中发现 ${bad} 处问题`
      : `校验通过：${report.cases} 件办件的操作痕迹与 ${report.anchors} 个已签名的锚定一致`,
  );
  return lines.join('\n');
}
