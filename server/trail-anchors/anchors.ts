import type { Logger } from 'pino';
import type { AnyBulkWriteOperation } from 'mongodb';
import { verifyTrail } from '../../runtime/trail';
import {
  verifyAnchoredTrail,
  type AnchoredHashes,
  type AnchoredTrailVerification,
} from '../../runtime/trail/anchored';
import {
  leafHash,
  merkleRoot,
  merkleTree,
  rootFromProof,
  type AnchorLeaf,
  type ProofStep,
} from '../../runtime/trail/merkle';
import type { CaseDoc } from '../cases/case-model';
import type { CaseService } from '../cases/service';
import type { PersonalDataCipher } from '../identity/personal-data';
import type { AnchorCollections, AnchorDoc, CaseAnchorsDoc, LeafDoc } from './models';
import {
  ANCHOR_SCHEME,
  AnchorKeyError,
  anchorHash,
  loadAnchorKey,
  statementOf,
  verifyAnchorSignature,
  type AnchorKey,
} from './signing';

/**
 * Who may anchor now. One node runs the job today; with several nodes a lease in the database
 * (a document with an expiry, taken by one guarded update) goes here, and anchor numbers, being
 * `_id`s, already refuse a second writer of the same number.
 */
export interface AnchorLease {
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}
export const singleNode: AnchorLease = {
  acquire: () => Promise.resolve(true),
  release: () => Promise.resolve(),
};

export interface AnchorSummary {
  no: number;
  at: string;
  leafCount: number;
  root: string;
  /** Cases whose stored trail did not verify and were left out (logged). */
  refused: number;
}

export interface CaseProofRecord {
  anchor: AnchorDoc & { hash: string };
  leaf: AnchorLeaf;
  leafIndex: number;
  leafHash: string;
  proof: ProofStep[];
}

/** A case's trail against everything: its chain, both heads, and its anchors (RUN-7). */
export type CaseTrailCheck = AnchoredTrailVerification & {
  /** Problems with the anchor records themselves: removed, altered, or not signed. */
  anchorProblems: string[];
  anchors: number[];
};

const BATCH = 500;

export interface TrailAnchorsDeps {
  collections: AnchorCollections;
  /** Absent for a reader that only checks (audit:trails): it never anchors nor makes a key. */
  cases?: Pick<CaseService, 'store' | 'index' | 'whenReady'>;
  cipher: PersonalDataCipher;
  logger: Logger;
  clock?: () => Date;
  lease?: AnchorLease;
  /**
   * Builds the tree and each leaf's proof (as JSON text). The server hands this to its worker
   * pool: over 200,000 leaves it takes seconds, which must not block the event loop.
   */
  tree?: (leafHashes: string[]) => Promise<{ root: string; proofs: string[] }>;
}

/** In process: fine for a few thousand leaves (tests, audit). */
export const treeInProcess = async (leafHashes: string[]) => {
  const { root, proofs } = merkleTree(leafHashes);
  return { root, proofs: proofs.map((p) => JSON.stringify(p)) };
};

/** Cases checked between two turns of the event loop while an anchor is built. */
const CASES_PER_TURN = 200;

/**
 * Anchors the cases' trails outside the database (RUN-7, docs/transparency.md): every few
 * minutes, and on demand, one SM3 Merkle root over the heads of the cases whose trail grew,
 * signed with the county's SM2 key, linked to the anchor before.
 *
 * Which cases grew is found in memory: the case index holds every case's version, and this
 * process remembers the version it last anchored of each. A scan of the cases collection would
 * parse every case on the embedded database (docs/database.md); this reads only the cases whose
 * version moved. After a restart the remembered versions are read once from `trailAnchorCases`
 * (small documents, like the views the index loads).
 */
export class TrailAnchors {
  private anchored: Map<string, { seq: number; hash: string; version: number }> | null = null;
  private running: Promise<AnchorSummary | null> | null = null;
  private keyPromise: Promise<AnchorKey> | null = null;
  private readonly clock: () => Date;

  constructor(private readonly deps: TrailAnchorsDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  key(): Promise<AnchorKey> {
    this.keyPromise ??= loadAnchorKey(this.deps.collections.meta, this.deps.cipher, {
      create: !!this.deps.cases,
    }).catch((err: unknown) => {
      this.keyPromise = null;
      throw err;
    });
    return this.keyPromise;
  }

  /** The key, or null with the reason added to `problems` (a key record altered, say). */
  private async keyOrProblem(problems: string[]): Promise<AnchorKey | null> {
    try {
      return await this.key();
    } catch (err) {
      if (!(err instanceof AnchorKeyError)) throw err;
      problems.push(err.message);
      return null;
    }
  }

  /** Starts the periodic job; returns how to stop it. The timer never holds the process open. */
  start(intervalMs: number, when: () => boolean = () => true): () => void {
    const timer = setInterval(() => {
      if (!when()) return;
      this.anchorNow()
        .then(
          (a) =>
            a && this.deps.logger.info({ anchor: a.no, leaves: a.leafCount }, '操作痕迹已锚定'),
        )
        .catch((err: unknown) => this.deps.logger.error({ err }, '操作痕迹锚定失败'));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** One anchor now, over the cases whose trail grew; null when none did. One run at a time. */
  anchorNow(): Promise<AnchorSummary | null> {
    const run = (this.running ?? Promise.resolve(null))
      .catch(() => null)
      .then(() => this.runOnce());
    this.running = run;
    return run.finally(() => {
      if (this.running === run) this.running = null;
    });
  }

  private async loadAnchored() {
    if (this.anchored) return this.anchored;
    const map = new Map<string, { seq: number; hash: string; version: number }>();
    for await (const d of this.deps.collections.cases.find(
      {},
      { projection: { seq: 1, hash: 1, version: 1 } },
    ))
      map.set(d._id, { seq: d.seq, hash: d.hash, version: d.version });
    return (this.anchored = map);
  }

  private async runOnce(): Promise<AnchorSummary | null> {
    const lease = this.deps.lease ?? singleNode;
    if (!(await lease.acquire())) return null;
    try {
      return await this.build();
    } finally {
      await lease.release();
    }
  }

  private async build(): Promise<AnchorSummary | null> {
    const { cases, collections, logger } = this.deps;
    if (!cases) throw new Error('只读的锚定检查不能锚定');
    await cases.whenReady();
    const anchored = await this.loadAnchored();
    const key = await this.key();
    const leaves: AnchorLeaf[] = [];
    const versions = new Map<string, number>();
    let refused = 0;
    let seen = 0;
    for (const view of [...cases.index.all()]) {
      // Loads may come from memory and never yield: give other requests their turn.
      if (++seen % CASES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const before = anchored.get(view._id);
      if (before && before.version >= view.version) continue;
      // The copy this process wrote (embedded) or the database's: the engine's own record.
      const doc = await cases.store.load(view._id);
      if (!doc) continue;
      const head = doc.trailHead;
      const from = before?.seq ?? 0;
      if (!head || head.seq <= from) {
        if (before) before.version = doc.version;
        continue;
      }
      const check = verifyTrail(doc._id, doc.trail, { head });
      const stateHead = doc.state.trailHead;
      const linked = !before || doc.trail[before.seq - 1]?.hash === before.hash;
      if (!check.ok || !linked || stateHead?.seq !== head.seq || stateHead.hash !== head.hash) {
        // Anchoring a chain that does not verify would vouch for the tampering.
        refused += 1;
        logger.error(
          { caseId: doc._id, caseNo: doc.caseNo, check },
          '办件操作痕迹校验未通过，未予锚定',
        );
        continue;
      }
      leaves.push({
        caseId: doc._id,
        seq: head.seq,
        hashes: doc.trail.slice(from, head.seq).map((e) => e.hash),
      });
      versions.set(doc._id, doc.version);
    }
    if (!leaves.length) return null;

    leaves.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
    const leafHashes: string[] = [];
    for (const [i, leaf] of leaves.entries()) {
      if (i % CASES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      leafHashes.push(leafHash(leaf));
    }
    const { root, proofs } = await (this.deps.tree ?? treeInProcess)(leafHashes);
    const head = await collections.meta.findOne({ _id: 'head' });
    const previous = head?.no ? await collections.anchors.findOne({ _id: head.no }) : null;
    if (head?.no && !previous)
      logger.error({ anchor: head.no }, '上一个锚定记录不见了：锚定链被删改');
    const no = (head?.no ?? 0) + 1;
    const unsigned = {
      _id: no,
      scheme: ANCHOR_SCHEME,
      at: this.clock().toISOString(),
      leafCount: leaves.length,
      root,
      prev: previous ? anchorHash(previous) : (head?.hash ?? null),
    };
    const anchor: AnchorDoc = { ...unsigned, signature: key.sign(statementOf(unsigned)) };
    // The anchor first: a crash after it leaves cases unrecorded, so they are anchored again.
    await collections.anchors.insertOne(anchor);
    await collections.meta.updateOne(
      { _id: 'head' },
      { $set: { no, hash: anchorHash(anchor) } },
      { upsert: true },
    );
    const leafDocs: LeafDoc[] = leaves.map((leaf, index) => ({
      _id: `${leaf.caseId}:${no}`,
      caseId: leaf.caseId,
      anchor: no,
      index,
      seq: leaf.seq,
      hashes: leaf.hashes,
      proof: proofs[index]!,
    }));
    for (let i = 0; i < leafDocs.length; i += BATCH)
      await collections.leaves.insertMany(leafDocs.slice(i, i + BATCH), { ordered: false });
    const updates: AnyBulkWriteOperation<CaseAnchorsDoc>[] = leaves.map((leaf) => ({
      updateOne: {
        filter: { _id: leaf.caseId },
        update: {
          $set: {
            seq: leaf.seq,
            hash: leaf.hashes[leaf.hashes.length - 1]!,
            version: versions.get(leaf.caseId)!,
          },
          $push: { anchors: no },
        },
        upsert: true,
      },
    }));
    for (let i = 0; i < updates.length; i += BATCH)
      await collections.cases.bulkWrite(updates.slice(i, i + BATCH), { ordered: false });
    for (const leaf of leaves)
      anchored.set(leaf.caseId, {
        seq: leaf.seq,
        hash: leaf.hashes[leaf.hashes.length - 1]!,
        version: versions.get(leaf.caseId)!,
      });
    return { no, at: anchor.at, leafCount: leaves.length, root, refused };
  }

  /** The newest anchors first, `size` to a page. */
  async page(page: number, size: number): Promise<{ total: number; anchors: AnchorDoc[] }> {
    const head = await this.deps.collections.meta.findOne({ _id: 'head' });
    const total = head?.no ?? 0;
    const top = total - (page - 1) * size;
    const ids: number[] = [];
    for (let n = top; n > Math.max(0, top - size); n -= 1) ids.push(n);
    const found = ids.length
      ? await this.deps.collections.anchors.find({ _id: { $in: ids } }).toArray()
      : [];
    found.sort((a, b) => b._id - a._id);
    return { total, anchors: found };
  }

  /** A case's leaves with their proofs and anchors, as stored (nothing checked here). */
  async records(caseId: string): Promise<{ anchors: number[]; records: CaseProofRecord[] }> {
    const { collections } = this.deps;
    const entry = await collections.cases.findOne({ _id: caseId });
    const anchors = entry?.anchors ?? [];
    const records: CaseProofRecord[] = [];
    for (const no of anchors) {
      const [leafDoc, anchor] = await Promise.all([
        collections.leaves.findOne({ _id: `${caseId}:${no}` }),
        collections.anchors.findOne({ _id: no }),
      ]);
      if (!leafDoc || !anchor) continue;
      const leaf = { caseId, seq: leafDoc.seq, hashes: leafDoc.hashes };
      records.push({
        anchor: { ...anchor, hash: anchorHash(anchor) },
        leaf,
        leafIndex: leafDoc.index,
        leafHash: leafHash(leaf),
        proof: JSON.parse(leafDoc.proof) as ProofStep[],
      });
    }
    return { anchors, records };
  }

  /**
   * The anchored hashes of a case that hold up (signed anchor, leaf included under its root),
   * and what is wrong with those that do not.
   */
  async verifiedRecords(caseId: string): Promise<{
    hashes: AnchoredHashes[];
    anchors: number[];
    problems: string[];
  }> {
    const { anchors, records } = await this.records(caseId);
    const problems: string[] = [];
    const hashes: AnchoredHashes[] = [];
    const key = anchors.length ? await this.keyOrProblem(problems) : null;
    const found = new Set(records.map((r) => r.anchor._id));
    for (const no of anchors)
      if (!found.has(no)) problems.push(`第 ${no} 号锚定或本办件在其中的叶子已不在库中：被删除`);
    for (const r of key ? records : []) {
      if (!verifyAnchorSignature(r.anchor, key!.publicKey))
        problems.push(`第 ${r.anchor._id} 号锚定的签名不符：锚定记录被改动`);
      else if (rootFromProof(r.leafHash, r.proof) !== r.anchor.root)
        problems.push(`本办件在第 ${r.anchor._id} 号锚定中的叶子或证明与签名的根不符：被改动`);
      else hashes.push({ anchor: r.anchor._id, seq: r.leaf.seq, hashes: r.leaf.hashes });
    }
    // What this process anchored itself, should the records have gone.
    const remembered = this.anchored?.get(caseId);
    const covered = Math.max(0, ...hashes.map((h) => h.seq));
    if (remembered && remembered.seq > covered)
      problems.push(
        `本办件已锚定到第 ${remembered.seq} 条，库中的锚定记录只到第 ${covered} 条：被删除`,
      );
    return { hashes, anchors, problems };
  }

  /** The full check of one case (what /trail/verify and audit:trails answer). */
  async checkCase(doc: CaseDoc): Promise<CaseTrailCheck> {
    const { hashes, anchors, problems } = await this.verifiedRecords(doc._id);
    const result = verifyAnchoredTrail(doc._id, doc.trail, {
      head: doc.trailHead,
      stateHead: doc.state.trailHead,
      anchored: hashes,
    });
    return { ...result, anchorProblems: problems, anchors };
  }

  /**
   * The anchor chain: numbers 1 … head without gaps, each linked to the one before, each
   * signature valid, none beyond the head. Reads every anchor (the audit's work, not a request's).
   */
  async checkChain(): Promise<{ count: number; problems: string[] }> {
    const { collections } = this.deps;
    const problems: string[] = [];
    const head = await collections.meta.findOne({ _id: 'head' });
    const all = await collections.anchors.find({}).toArray();
    if (!head && !all.length) return { count: 0, problems };
    const key = await this.keyOrProblem(problems);
    if (!key) return { count: all.length, problems };
    const byNo = new Map(all.map((a) => [a._id, a]));
    const last = Math.max(head?.no ?? 0, ...all.map((a) => a._id));
    if ((head?.no ?? 0) < last)
      problems.push(`锚定链末端记为第 ${head?.no ?? 0} 号，库中却有第 ${last} 号：末端被改动`);
    // undefined: the anchor before is missing (already reported), so the link cannot be checked.
    let prev: string | null | undefined = null;
    for (let no = 1; no <= last; no += 1) {
      const a = byNo.get(no);
      if (!a) {
        problems.push(`第 ${no} 号锚定不在库中：被删除`);
        prev = undefined;
        continue;
      }
      if (!verifyAnchorSignature(a, key.publicKey))
        problems.push(`第 ${no} 号锚定的签名不符：被改动`);
      if (prev !== undefined && a.prev !== prev)
        problems.push(`第 ${no} 号锚定所记的上一号摘要不符：前面的锚定被删改`);
      prev = anchorHash(a);
    }
    if (head?.no && byNo.get(head.no) && head.hash !== anchorHash(byNo.get(head.no)!))
      problems.push(`锚定链末端所记摘要与第 ${head.no} 号不符`);
    // Every anchor's leaves must give its signed root: a leaf removed or changed shows here.
    const leaves = new Map<number, LeafDoc[]>();
    for await (const l of collections.leaves.find({})) {
      const list = leaves.get(l.anchor) ?? [];
      list.push(l);
      leaves.set(l.anchor, list);
    }
    for (const a of all) {
      const list = (leaves.get(a._id) ?? []).sort((x, y) => x.index - y.index);
      const hashes = list.map((l) => leafHash({ caseId: l.caseId, seq: l.seq, hashes: l.hashes }));
      if (list.length !== a.leafCount || !list.every((l, i) => l.index === i))
        problems.push(
          `第 ${a._id} 号锚定应有 ${a.leafCount} 片叶子，库中有 ${list.length} 片：叶子被删改`,
        );
      else if (merkleRoot(hashes) !== a.root)
        problems.push(`第 ${a._id} 号锚定的叶子算不出其签名的根：叶子被改动`);
    }
    return { count: all.length, problems };
  }
}
