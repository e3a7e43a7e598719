import { CanonicalJsonError } from './canonical-json';
import { entryHash, genesisHash, type TrailHead } from './chain';
import type { TrailEntry } from './entry';

export type TrailProblem =
  /** Not an entry at all: a field missing or of the wrong type. */
  | 'malformed'
  /** The entry names another case: copied from it. */
  | 'otherCase'
  /** Not the seq its position needs: an entry removed, inserted or moved. */
  | 'sequence'
  /** The entry's content does not give its hash: a field was changed. */
  | 'altered'
  /** prevHash is not the previous entry's hash (or the genesis): the chain was cut or rebuilt. */
  | 'brokenLink'
  /** Fewer entries than the head the case records: entries removed from the end. */
  | 'truncated'
  /** More entries than the head the case records, or a last hash that is not the head's. */
  | 'headMismatch';

export type TrailVerification =
  | { ok: true; head: TrailHead | null }
  | { ok: false; firstBadSeq: number; reason: TrailProblem; message: string };

const MESSAGES: Record<TrailProblem, string> = {
  malformed: '记录格式不完整',
  otherCase: '记录属于另一办件',
  sequence: '序号不连续：有记录被删除、插入或调换了顺序',
  altered: '记录内容与其摘要不符：有字段被改动',
  brokenLink: '前一摘要对不上：链条在此断开或被重建',
  truncated: '记录少于办件所载的末端：末尾的记录被删除',
  headMismatch: '记录与办件所载的末端不符：末尾有未登记的记录，或链条被整体重建',
};

const bad = (firstBadSeq: number, reason: TrailProblem): TrailVerification => ({
  ok: false,
  firstBadSeq,
  reason,
  message: `第 ${firstBadSeq} 条${MESSAGES[reason]}`,
});

function wellFormed(e: unknown): e is TrailEntry {
  if (!e || typeof e !== 'object') return false;
  const r = e as Record<string, unknown>;
  return (
    typeof r.caseId === 'string' &&
    typeof r.seq === 'number' &&
    typeof r.at === 'string' &&
    typeof r.action === 'string' &&
    typeof r.actor === 'object' &&
    r.actor !== null &&
    typeof r.prevHash === 'string' &&
    typeof r.hash === 'string'
  );
}

function recomputed(entry: TrailEntry): string | undefined {
  try {
    return entryHash(entry as unknown as Record<string, unknown>);
  } catch (err) {
    if (err instanceof CanonicalJsonError) return undefined;
    throw err;
  }
}

/**
 * Checks a case's trail in the order given (RUN-7): each entry belongs to the case, has the next
 * seq, hashes to its hash and links to the one before. `firstBadSeq` is the position (from 1) of
 * the first entry that fails; every entry before it is intact. Removing entries from the end
 * leaves a valid shorter chain: pass the head the case document records to detect that too.
 */
export function verifyTrail(
  caseId: string,
  entries: readonly unknown[],
  options: { head?: TrailHead | null } = {},
): TrailVerification {
  let prevHash = genesisHash(caseId);
  for (const [i, entry] of entries.entries()) {
    const position = i + 1;
    if (!wellFormed(entry)) return bad(position, 'malformed');
    if (entry.caseId !== caseId) return bad(position, 'otherCase');
    if (entry.seq !== position) return bad(position, 'sequence');
    if (recomputed(entry) !== entry.hash) return bad(position, 'altered');
    if (entry.prevHash !== prevHash) return bad(position, 'brokenLink');
    prevHash = entry.hash;
  }
  const last = entries[entries.length - 1] as TrailEntry | undefined;
  const head = last ? { seq: last.seq, hash: last.hash } : null;
  if (options.head !== undefined) {
    const expected = options.head;
    const expectedSeq = expected?.seq ?? 0;
    if (entries.length < expectedSeq) return bad(entries.length + 1, 'truncated');
    if (entries.length > expectedSeq) return bad(expectedSeq + 1, 'headMismatch');
    if (expected && head && expected.hash !== head.hash) return bad(expected.seq, 'headMismatch');
  }
  return { ok: true, head };
}
