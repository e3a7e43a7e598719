import { randomUUID } from 'node:crypto';
import type { Collection, Connection } from 'mongoose';

/**
 * An item exempted from supervision (SUP-9): asked for with a reason by one supervisor, in force
 * only once a second supervisor approves it.
 */
export interface Exemption {
  _id: string;
  countyId: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: { userId: string; name: string };
  requestedAt: string;
  decidedBy?: { userId: string; name: string };
  decidedAt?: string;
  decisionNote?: string;
}

export class Exemptions {
  private readonly coll: Collection<Exemption>;
  /** Approved items per county, read on every event and scan. */
  private readonly approved = new Map<string, Promise<Set<string>>>();

  constructor(connection: Connection) {
    this.coll = connection.collection<Exemption>(
      'supervision_exemptions',
    ) as unknown as Collection<Exemption>;
  }

  exemptItems(countyId: string): Promise<Set<string>> {
    let hit = this.approved.get(countyId);
    if (!hit) {
      hit = this.coll
        .find({ countyId, status: 'approved' })
        .toArray()
        .then((rows) => new Set(rows.map((r) => r.itemId)));
      hit.catch(() => this.approved.delete(countyId));
      this.approved.set(countyId, hit);
    }
    return hit;
  }

  list(countyId: string): Promise<Exemption[]> {
    return this.coll
      .find({ countyId })
      .toArray()
      .then((rows) => rows.sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : -1)));
  }

  get(id: string): Promise<Exemption | null> {
    return this.coll.findOne({ _id: id });
  }

  async request(e: Omit<Exemption, '_id' | 'status'>): Promise<Exemption> {
    const row: Exemption = { ...e, _id: randomUUID(), status: 'pending' };
    await this.coll.insertOne(row);
    return row;
  }

  /** Decides a pending request; null when it was decided meanwhile. */
  async decide(
    row: Exemption,
    status: 'approved' | 'rejected',
    by: { userId: string; name: string },
    at: string,
    note?: string,
  ): Promise<Exemption | null> {
    const next: Exemption = {
      ...row,
      status,
      decidedBy: by,
      decidedAt: at,
      ...(note ? { decisionNote: note } : {}),
    };
    const done = await this.coll.replaceOne({ _id: row._id, status: 'pending' }, next);
    if (!done.matchedCount) return null;
    this.approved.delete(row.countyId);
    return next;
  }
}
