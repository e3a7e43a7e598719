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
  /** The sequence number: dense, each one taken by an insert only after the one before exists. */
  _id: number;
  node: string;
  at: Date;
  /** `caseId:version` of each case written (FerretDB stores no nested arrays). */
  cases: string[];
}

export interface ChangeFeedOptions {
  /** This process, as the lease and the status page name it. */
  node: string;
  /** Told of other nodes' writes, in order; may be slow (reads the cases). */
  changed(cases: [string, number][]): Promise<void>;
  /** The feed lost entries this node had not read (it was away longer than the feed keeps). */
  lost(): Promise<void>;
  logger: Logger;
  pollMs?: number;
}

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

  constructor(
    db: Db,
    private readonly options: ChangeFeedOptions,
  ) {
    this.collection = db.collection<FeedEntry>('case_feed');
    this.group = new GroupCommit((cases) => this.append(cases), 500);
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
    this.group.add([`${caseId}:${version}`]).catch((err: unknown) => {
      this.failed += 1;
      this.options.logger.error(
        { err, caseId },
        '办件变更未能写入变更流，其他节点将在重新载入前看不到',
      );
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
    const entries = await this.collection
      .find({ _id: { $gt: this.read } })
      .sort({ _id: 1 })
      .limit(200)
      .toArray();
    if (!entries.length) return;
    if (this.read > 0 && entries[0]!._id > this.read + 1) {
      this.options.logger.warn(
        { from: this.read, to: entries[0]!._id },
        '变更流已清理了本节点未读的部分：重新载入办件索引',
      );
      this.read = entries.at(-1)!._id;
      await this.options.lost();
      return;
    }
    const theirs = entries
      .filter((e) => e.node !== this.options.node)
      .flatMap((e) => e.cases)
      .map((c): [string, number] => {
        const at = c.lastIndexOf(':');
        return [c.slice(0, at), Number(c.slice(at + 1))];
      });
    if (theirs.length) await this.options.changed(theirs);
    this.read = entries.at(-1)!._id;
    if (entries.length === 200) await this.readNew();
  }

  /** Takes the next number by inserting it: the unique `_id` lets one node have each number. */
  private async append(cases: string[]): Promise<void> {
    for (let i = 0; i < TRIES; i++) {
      const seq = Math.max(this.next, this.read + 1);
      try {
        await this.collection.insertOne({
          _id: seq,
          node: this.options.node,
          at: new Date(),
          cases,
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
    return top?._id ?? 0;
  }
}
