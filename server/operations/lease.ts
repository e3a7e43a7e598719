import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { Logger } from 'pino';
import { isDuplicateKey } from '../database/unique';

/** One term of a lease: held by one node until `until` unless it renews it. */
export interface LeaseTerm {
  /** `${name}#${term}`: the unique `_id` lets exactly one node take each term. */
  _id: string;
  name: string;
  term: number;
  holder: string;
  /** Where the holder answers (its host and port), for the status page. */
  address?: string;
  since: Date;
  until: Date;
}

/** A server node as it last reported itself. */
export interface NodeSeen {
  _id: string;
  at: Date;
  leading: boolean;
  address?: string;
}

/** A lease lasts this long unless renewed; renewed every third of it. */
export const LEASE_MS = 15_000;

/** This process among the nodes: host, pid and a random part (pids repeat across hosts). */
export const NODE_ID = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * Background work on exactly one node at a time (issue 12, OPS-6): the scheduler's tick, the
 * notification sender, trail anchors, purges. Each term is a document whose `_id` names it, so
 * taking a term is an insert that only one node can make, on MongoDB and on the embedded
 * database alike; only its holder ever updates it (to renew). When the holder stops renewing,
 * another node takes the next term once `until` has passed. Clocks of the nodes are assumed to
 * agree within a second or two (NTP); the holder stops working a renewal period before its term
 * ends, so a node whose clock runs a little late does not overlap the next holder.
 */
export class Lease {
  private readonly coll: Collection<LeaseTerm>;
  private readonly nodesColl: Collection<NodeSeen>;
  private mine: LeaseTerm | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<boolean> | null = null;

  constructor(
    db: Db,
    readonly name: string,
    private readonly options: {
      node?: string;
      address?: string;
      logger: Logger;
      ms?: number;
      clock?: () => Date;
    },
  ) {
    this.coll = db.collection<LeaseTerm>('leases');
    this.nodesColl = db.collection<NodeSeen>('server_nodes');
  }

  get node(): string {
    return this.options.node ?? NODE_ID;
  }

  private get ms(): number {
    return this.options.ms ?? LEASE_MS;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** Whether this node may do the work now: it holds the term and has a third of it left. */
  held(): boolean {
    return !!this.mine && this.mine.until.getTime() - this.ms / 3 > this.now().getTime();
  }

  /** The current term, whoever holds it (the status page). */
  async current(): Promise<LeaseTerm | null> {
    const [top] = await this.coll.find({ name: this.name }).sort({ term: -1 }).limit(1).toArray();
    return top ?? null;
  }

  /** Renews the term held, or takes the next when the last one has run out. One check at a time. */
  check(): Promise<boolean> {
    this.checking ??= this.renewOrTake()
      .catch((err: unknown) => {
        this.options.logger.error({ err, lease: this.name }, '后台任务租约检查失败');
        return this.held();
      })
      .finally(() => (this.checking = null));
    return this.checking;
  }

  /** Checks every third of the lease from now on. */
  start(): void {
    this.timer = setInterval(() => void this.check(), Math.max(50, Math.floor(this.ms / 3)));
    this.timer.unref();
  }

  /** Stops renewing; on a clean shutdown the term is ended so another node takes over at once. */
  async stop(release = false): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (release && this.mine) {
      await this.coll
        .updateOne({ _id: this.mine._id, holder: this.node }, { $set: { until: new Date(0) } })
        .catch(() => undefined);
    }
    this.mine = null;
  }

  /** The node holding a term that has not run out, if any. */
  async holder(): Promise<string | null> {
    const top = await this.current();
    return top && top.until > this.now() ? top.holder : null;
  }

  /** The nodes seen within the last three lease periods (the status page). */
  async nodes(): Promise<NodeSeen[]> {
    const since = new Date(this.now().getTime() - 3 * this.ms);
    const rows = await this.nodesColl.find({ at: { $gte: since } }).toArray();
    return rows.sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  private async renewOrTake(): Promise<boolean> {
    const held = await this.renewOrTakeTerm();
    // Each node says it is alive at every check: the status page lists the nodes from this.
    await this.nodesColl.updateOne(
      { _id: this.node },
      {
        $set: {
          at: this.now(),
          leading: held,
          ...(this.options.address ? { address: this.options.address } : {}),
        },
      },
      { upsert: true },
    );
    return held;
  }

  private async renewOrTakeTerm(): Promise<boolean> {
    const now = this.now();
    const top = await this.current();
    if (top && top.holder === this.node && top.until > now) {
      const until = new Date(now.getTime() + this.ms);
      await this.coll.updateOne({ _id: top._id }, { $set: { until } });
      this.mine = { ...top, until };
      return true;
    }
    if (this.mine) {
      this.options.logger.warn({ lease: this.name, term: this.mine.term }, '后台任务租约已失去');
      this.mine = null;
    }
    if (top && top.until > now) return false;
    const term: LeaseTerm = {
      _id: `${this.name}#${(top?.term ?? 0) + 1}`,
      name: this.name,
      term: (top?.term ?? 0) + 1,
      holder: this.node,
      ...(this.options.address ? { address: this.options.address } : {}),
      since: now,
      until: new Date(now.getTime() + this.ms),
    };
    try {
      await this.coll.insertOne(term);
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    this.mine = term;
    this.options.logger.info({ lease: this.name, term: term.term }, '本节点承担后台任务');
    // Terms long past are of no use; the holder clears them.
    await this.coll.deleteMany({ name: this.name, term: { $lt: term.term - 10 } });
    return true;
  }
}
