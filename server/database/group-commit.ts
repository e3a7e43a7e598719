/**
 * Group commit of inserts: documents added while a write is under way go together in the next
 * one, and each caller's promise settles when the write holding its documents has. Under load one
 * insertMany carries the documents of many requests; alone, a caller waits for one write, as before.
 * Why: an insert of many documents costs the database about what an insert of one does
 * (docs/database.md, measured with bench/cases-http.ts).
 */
export class GroupCommit<T> {
  private pending: { docs: T[]; settle: (err?: unknown) => void }[] = [];
  /** The loop writing what is pending, while there is any. */
  private draining: Promise<void> | null = null;

  /**
   * `write` may answer one outcome per document (undefined: written; else the error): a caller
   * whose documents all were written succeeds even when others of the same write failed.
   */
  constructor(
    private readonly write: (docs: T[]) => Promise<void | unknown[]>,
    private readonly maxDocs = 100,
  ) {}

  add(docs: T[]): Promise<void> {
    if (!docs.length) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ docs, settle: (err) => (err === undefined ? resolve() : reject(err)) });
      // The callers of this turn of the event loop join the same write.
      this.draining ??= new Promise<void>((r) => setImmediate(r)).then(() => this.drain());
    });
  }

  /** Resolves when everything added so far is written (or has failed). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.pending.length) {
      const batch: typeof this.pending = [];
      let size = 0;
      while (
        this.pending.length &&
        (size === 0 || size + this.pending[0]!.docs.length <= this.maxDocs)
      ) {
        const next = this.pending.shift()!;
        size += next.docs.length;
        batch.push(next);
      }
      try {
        const outcomes = await this.write(batch.flatMap((b) => b.docs));
        let at = 0;
        for (const b of batch) {
          const failed = outcomes?.slice(at, at + b.docs.length).find((e) => e !== undefined);
          at += b.docs.length;
          b.settle(failed);
        }
      } catch (err) {
        for (const b of batch) b.settle(err ?? new Error('写入失败'));
      }
    }
    this.draining = null;
  }
}
