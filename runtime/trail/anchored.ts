import type { TrailHead } from './chain';
import type { TrailEntry } from './entry';
import { verifyTrail, type TrailProblem } from './verify';

/**
 * A case's trail checked against what was anchored outside the database (RUN-7,
 * docs/transparency.md). The stored chain alone cannot tell a rewritten chain from the real one:
 * whoever edits an entry can recompute every later hash and the heads. Anchors can: each signed
 * anchor holds the hash of every entry a case had since its previous anchor, so the anchored
 * hashes cover entries 1 … anchoredSeq without gaps.
 *
 * The rule, in this order of strength:
 * - within the anchored entries the first altered entry is named exactly: the first seq whose
 *   stored hash is not the anchored one (editing entry k changes its hash, or leaves a hash its
 *   content no longer gives, which the chain check names at k; entries before k keep theirs);
 * - after the last anchored entry only the heads vouch: the engine state's own head and the
 *   document's. When they differ and the chain does not end in the state's head, an entry after
 *   the last anchored one was altered: the first not vouched for (anchoredSeq + 1) is named,
 *   with the range. Equal heads were already checked against the chain.
 * The smallest seq any check names is reported; entries before it are intact.
 */

/** Anchored hashes of one case from one anchor whose signature and inclusion were checked. */
export interface AnchoredHashes {
  anchor: number;
  seq: number;
  hashes: readonly string[];
}

export type AnchoredTrailProblem = TrailProblem | 'anchorMismatch' | 'stateHeadMismatch';

export type AnchoredTrailVerification =
  | { ok: true; head: TrailHead | null; anchoredSeq: number }
  | {
      ok: false;
      firstBadSeq: number;
      reason: AnchoredTrailProblem;
      message: string;
      anchoredSeq: number;
    };

const sameHead = (a: TrailHead | null, b: TrailHead | null) =>
  (a?.seq ?? 0) === (b?.seq ?? 0) && (a?.hash ?? null) === (b?.hash ?? null);

export function verifyAnchoredTrail(
  caseId: string,
  entries: readonly unknown[],
  options: {
    /** The head the case document records beside the trail. */
    head: TrailHead | null;
    /** The head inside the engine's state. */
    stateHead: TrailHead | null;
    anchored: readonly AnchoredHashes[];
  },
): AnchoredTrailVerification {
  type Finding = { firstBadSeq: number; reason: AnchoredTrailProblem; message: string };
  const findings: Finding[] = [];
  const chain = verifyTrail(caseId, entries, { head: options.head });
  if (!chain.ok) findings.push(chain);

  // Anchored (seq, hash) pairs; a later anchor never repeats a seq, but take the first if it did.
  const pairs = new Map<number, { hash: string; anchor: number }>();
  for (const record of options.anchored)
    record.hashes.forEach((hash, i) => {
      const seq = record.seq - record.hashes.length + 1 + i;
      if (!pairs.has(seq)) pairs.set(seq, { hash, anchor: record.anchor });
    });
  const anchoredSeq = pairs.size ? Math.max(...pairs.keys()) : 0;
  for (const seq of [...pairs.keys()].sort((a, b) => a - b)) {
    const { hash, anchor } = pairs.get(seq)!;
    const entry = entries[seq - 1] as Partial<TrailEntry> | undefined;
    if (!entry) {
      findings.push({
        firstBadSeq: seq,
        reason: 'truncated',
        message: `第 ${seq} 条已于第 ${anchor} 号锚定，但库中已无此记录：记录被删除`,
      });
      break;
    }
    if (entry.hash !== hash) {
      findings.push({
        firstBadSeq: seq,
        reason: 'anchorMismatch',
        message: `第 ${seq} 条的摘要与第 ${anchor} 号锚定的不符：该条记录被改动，其后的摘要被重新计算`,
      });
      break;
    }
  }

  const last = entries[entries.length - 1] as Partial<TrailEntry> | undefined;
  const chainHead = last ? { seq: entries.length, hash: String(last.hash) } : null;
  const stateHead = options.stateHead;
  // Heads that agree were checked against the chain above; a state head that differs from the
  // document's is the one written by the engine, not by whoever rewrote the document.
  if (!sameHead(stateHead, options.head) && !sameHead(stateHead, chainHead)) {
    const s = stateHead?.seq ?? 0;
    const atS = s ? (entries[s - 1] as Partial<TrailEntry> | undefined) : undefined;
    if (s < entries.length && (s === 0 || atS?.hash === stateHead?.hash)) {
      // Anchored entries are real even if the state's head was set back behind them.
      const from = Math.max(s, anchoredSeq) + 1;
      findings.push({
        firstBadSeq: from,
        reason: 'stateHeadMismatch',
        message: `第 ${from} 条起的记录不在办件状态所载的末端（第 ${s} 条）之内：有记录被添加，或状态被改动`,
      });
    } else {
      const from = Math.min(anchoredSeq + 1, Math.max(s, 1), entries.length + 1);
      findings.push({
        firstBadSeq: from,
        reason: 'stateHeadMismatch',
        message:
          `办件状态所载的末端（第 ${s} 条）与记录不符：第 ${from} 条至第 ${Math.max(s, from)} 条之间有记录被改动或删除` +
          (anchoredSeq ? `（已锚定的前 ${anchoredSeq} 条完好）` : '（尚无锚定可以确定是哪一条）'),
      });
    }
  }

  if (!findings.length && chain.ok) return { ok: true, head: chain.head, anchoredSeq };
  const first = findings.reduce((a, b) => (b.firstBadSeq < a.firstBadSeq ? b : a));
  return {
    ok: false,
    firstBadSeq: first.firstBadSeq,
    reason: first.reason,
    message: first.message,
    anchoredSeq,
  };
}
