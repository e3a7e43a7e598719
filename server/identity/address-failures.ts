import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from '../database/unique';
import { AppError } from '../http/errors';
import { LOCKOUT } from './lockout';

/**
 * Failed logins of one client address in one quarter hour, across all accounts, staff and
 * applicants (ROLE-4). One document per address and window, so counting is a single `$inc`
 * upsert by `_id`: atomic on MongoDB, ordered per `_id` on the embedded database.
 */
export interface AddressFailures {
  /** `${address}|${windowStart in ms}` */
  _id: string;
  address: string;
  windowStart: Date;
  count: number;
  /** When the window ends; the purge job removes the document after that. */
  expiresAt: Date;
}

const schema = new Schema<AddressFailures>(
  {
    _id: { type: String, required: true },
    address: { type: String, required: true },
    windowStart: { type: Date, required: true },
    count: { type: Number, required: true, default: 0 },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'login_failures_by_address', versionKey: false },
);
// No TTL index on the embedded database: expired windows are purged by the session purge job.
schema.index({ expiresAt: 1 });

export type AddressFailuresModel = Model<AddressFailures>;
export const addressFailuresModel = (c: Connection): AddressFailuresModel =>
  (c.models.AddressFailures as AddressFailuresModel | undefined) ??
  c.model<AddressFailures>('AddressFailures', schema);

/**
 * Windows are fixed quarter hours of the clock (…:00, :15, :30, :45), not sliding ones: a spray
 * that straddles a boundary may reach up to twice the limit, never more.
 */
export class AddressLimit {
  constructor(
    readonly model: AddressFailuresModel,
    /** Failures an address may have in a window before its attempts are refused. */
    readonly limit: number,
    readonly windowMs = LOCKOUT.windowMs,
  ) {}

  private window(address: string, now: Date) {
    const start = Math.floor(now.getTime() / this.windowMs) * this.windowMs;
    return {
      _id: `${address}|${start}`,
      windowStart: new Date(start),
      expiresAt: new Date(start + this.windowMs),
    };
  }

  /** When the address is refused: minutes until its window ends; undefined when it may try. */
  async blocked(address: string | undefined, now: Date): Promise<number | undefined> {
    if (!address) return undefined;
    const w = this.window(address, now);
    const found = await this.model.findById(w._id, { count: 1 }).lean().exec();
    if (!found || found.count < this.limit) return undefined;
    return Math.max(1, Math.ceil((w.expiresAt.getTime() - now.getTime()) / 60_000));
  }

  /** Counts one failed login of the address; returns the window's count after it. */
  async record(address: string | undefined, now: Date): Promise<number> {
    if (!address) return 0;
    const w = this.window(address, now);
    for (let round = 0; ; round++) {
      try {
        const after = await this.model
          .findOneAndUpdate(
            { _id: w._id },
            {
              $inc: { count: 1 },
              $setOnInsert: { address, windowStart: w.windowStart, expiresAt: w.expiresAt },
            },
            { upsert: true, returnDocument: 'after', lean: true },
          )
          .exec();
        return after?.count ?? 1;
      } catch (err) {
        // MongoDB may refuse one of two simultaneous upserts of a new _id; the retry finds it.
        if (!isDuplicateKey(err) || round >= 2) throw err;
      }
    }
  }
}

/** Removes windows that have ended (run by the background jobs). */
export async function purgeAddressFailures(
  model: AddressFailuresModel,
  now = new Date(),
): Promise<number> {
  const { deletedCount } = await model.deleteMany({ expiresAt: { $lte: now } }).exec();
  return deletedCount;
}

/** The answer to a login from an address past its limit (no account is looked at). */
export const addressRefused = (minutes: number, limit: number) =>
  new AppError(429, 'too_many_failures', `该地址登录失败次数过多，请 ${minutes} 分钟后再试`, {
    minutes,
    limit,
  });
