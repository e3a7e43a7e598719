import type { Collection, Db } from 'mongodb';
import type { Logger } from 'pino';
import { GroupCommit } from '../database/group-commit';
import { isDuplicateKey } from '../database/unique';

/**
 * One entry of the change feed: the cases one node wrote in one go, numbered in order. Why a
 * collection and not MongoDB's change streams: the embedded database has none, and one mechanism
 * tested here beats two of which one is not (docs/deployment.md).
 */
export interface FeedEntry {
  /**
   * The sequence number, zero-padded to 12 digits: dense, each taken by an insert only after the
   * one before exists. Text because FerretDB looks up only a text or ObjectId `_id` by its index:
   * tailing is then one indexed lookup per entry, never a scan of the collection.
   */
  _id: string;
  node: string;
  at: Date;
  /** `caseId:version` of each case written (FerretDB stores no nested arrays). */
  cases: string[];
  /** Supervision alerts the node raised, escalated or cleared (their ids). */
  alerts?: string[];
}

export interface ChangeFeedOptions {
  /** This process, as the lease and the status page name it. */
  node: string;
  /** Told of other nodes' writes, in order; may be slow (reads the cases). */
  changed(cases: [string, number][]): Promise<void>;
  /** Told of alerts other nodes wrote, so live consoles on this node show them. */
  alertsChanged?(ids: string[]): Promise<void>;
  /** The feed lost entries this node had not read (it was away longer than the feed keeps). */
  lost(): Promise<void>;
  logger: Logger;
  pollMs?: number;
  /** Milliseconds now; injectable so a test can be away for a while. */
  clock?: () => number;
}

const seqId = (n: number) => String(n).padStart(12, '0');

/** Entries older than this are removed by the node holding the background lease. */
export const FEED_KEEP_MS = 10 * 60_000;
export const FEED_POLL_MS = 200;
const TRIES = 50;

/**
 * How several server nodes on one database keep their in-memory case index (and their copies of
 * cases) current (issue 12, OPS-6): each node appends the cases it wrote to a sequence-numbered
 * collection and tails it, applying what the other nodes wrote. Appending does not hold up the
 * command; concurrent writes share one entry.
 */
export class ChangeFeed {
  readonly collection: Collection<FeedEntry>;
  /** The highest sequence number this node has read (or knows is its own). */
  private read = 0;
  private next = 1;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private readonly group: GroupCommit<string>;
  /** Appends that failed: the other nodes will not hear of these cases until a reload. */
  failed = 0;
  /** When a poll last reached the end of the feed. */
  private caughtUpAt: number;

  constructor(
    db: Db,
    private readonly options: ChangeFeedOptions,
  ) {
    this.collection = db.collection<FeedEntry>('case_feed');
    this.group = new GroupCommit((cases) => this.append(cases), 500);
    this.caughtUpAt = this.now();
  }

  private now(): number {
    return this.options.clock?.() ?? Date.now();
  }

  /** Where tailing begins: call before the index is loaded, so nothing falls between. */
  async mark(): Promise<void> {
    this.read = await this.last();
    this.next = this.read + 1;
  }

  /** Starts tailing. */
  start(): () => void {
    const every = this.options.pollMs ?? FEED_POLL_MS;
    this.timer = setInterval(() => void this.poll(), every);
    this.timer.unref();
    return () => this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A case this node wrote: on its way to the feed, without holding up the command. */
  published(caseId: string, version: number): void {
    this.group.add([`c${caseId}:${version}`]).catch((err: unknown) => {
      this.failed += 1;
      this.options.logger.error(
        { err, caseId },
        '办件变更未能写入变更流，其他节点将在重新载入前看不到',
      );
    });
  }

  /** A supervision alert this node wrote. */
  publishedAlert(alertId: string): void {
    this.group.add([`a${alertId}`]).catch((err: unknown) => {
      this.failed += 1;
      this.options.logger.error({ err, alertId }, '监察预警变更未能写入变更流');
    });
  }

  /** Resolves when what was published so far is in the feed. */
  settled(): Promise<void> {
    return this.group.settled();
  }

  /** Reads and applies what other nodes wrote since the last poll; one poll at a time. */
  poll(): Promise<void> {
    this.polling ??= this.readNew()
      .catch((err: unknown) => this.options.logger.error({ err }, '读取办件变更流失败'))
      .finally(() => (this.polling = null));
    return this.polling;
  }

  /** Removes entries older than FEED_KEEP_MS (one node does it: the lease holder). */
  async prune(now: Date): Promise<number> {
    const res = await this.collection.deleteMany({
      at: { $lt: new Date(now.getTime() - FEED_KEEP_MS) },
    });
    return res.deletedCount;
  }

  private async readNew(): Promise<void> {
    // Entries are pruned only when older than FEED_KEEP_MS: a node that read the feed more
    // recently than half that cannot have missed any, so only a node that was away looks for a gap.
    if (this.now() - this.caughtUpAt > FEED_KEEP_MS / 2) {
      const [first] = await this.collection
        .find({ _id: { $gt: seqId(this.read) } }, { projection: { _id: 1 } })
        .sort({ _id: 1 })
        .limit(1)
        .toArray();
      if (first && Number(first._id) > this.read + 1) {
        this.options.logger.warn(
          { from: this.read, to: Number(first._id) },
          '变更流已清理了本节点未读的部分：重新载入办件索引',
        );
        this.read = (await this.last()) || this.read;
        this.caughtUpAt = this.now();
        await this.options.lost();
        return;
      }
    }
    const theirs: [string, number][] = [];
    const alerts: string[] = [];
    for (let n = 0; n < 500; n++) {
      const entry = await this.collection.findOne({ _id: seqId(this.read + 1) });
      if (!entry) {
        this.caughtUpAt = this.now();
        break;
      }
      this.read += 1;
      if (entry.node === this.options.node) continue;
      for (const c of entry.cases) {
        const at = c.lastIndexOf(':');
        theirs.push([c.slice(0, at), Number(c.slice(at + 1))]);
      }
      alerts.push(...(entry.alerts ?? []));
    }
    if (theirs.length) await this.options.changed(theirs);
    if (alerts.length) await this.options.alertsChanged?.(alerts);
  }

  /** Takes the next number by inserting it: the unique `_id` lets one node have each number. */
  private async append(items: string[]): Promise<void> {
    const cases = items.filter((i) => i[0] === 'c').map((i) => i.slice(1));
    const alerts = items.filter((i) => i[0] === 'a').map((i) => i.slice(1));
    for (let i = 0; i < TRIES; i++) {
      const seq = Math.max(this.next, this.read + 1);
      try {
        await this.collection.insertOne({
          _id: seqId(seq),
          node: this.options.node,
          at: new Date(),
          cases,
          ...(alerts.length ? { alerts } : {}),
        });
        this.next = seq + 1;
        return;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        this.next = (await this.last()) + 1;
      }
    }
    throw new Error(`变更流序号争用 ${TRIES} 次未果`);
  }

  private async last(): Promise<number> {
    const [top] = await this.collection
      .find({}, { projection: { _id: 1 } })
      .sort({ _id: -1 })
      .limit(1)
      .toArray();
    return top ? Number(top._id) : 0;
  }
}
