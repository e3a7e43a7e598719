import type { Model, Types } from 'mongoose';

/** ROLE-4: five failed passwords within 15 minutes lock an account for 15 minutes. */
export const LOCKOUT = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * The lockout fields of staff users and applicants alike. `failureCount` counts the password
 * attempts since `failureWindowStart` that have not proven right: each attempt is counted before
 * its hash is checked, so a burst of parallel guesses gets at most five hash checks, not one each.
 */
export const lockoutFields = {
  failureCount: { type: Number, default: 0 },
  failureWindowStart: { type: Date },
  lockedUntil: { type: Date },
};

export interface Lockable {
  _id: Types.ObjectId;
  failureCount?: number;
  failureWindowStart?: Date;
  lockedUntil?: Date;
}

/** What a password reset, an unlock or a right password does to the lockout fields. */
export const CLEAR_FAILURES = {
  $set: { failureCount: 0 },
  $unset: { failureWindowStart: 1, lockedUntil: 1 },
} as const;

/** Minutes left on a lock, or undefined when the account is not locked. */
export function lockedMinutes(account: Lockable, now: Date): number | undefined {
  if (!account.lockedUntil || account.lockedUntil <= now) return undefined;
  return minutesUntil(account.lockedUntil, now);
}

const minutesUntil = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

export type Attempt =
  | { admitted: true; windowStart: Date; count: number }
  | { admitted: false; minutes: number; lockedUntil: Date };

/**
 * Counts one password attempt, before the hash is checked, with single-document conditional
 * updates only (atomic on MongoDB; ordered per `_id` on the embedded database, so every filter
 * names the document by a top-level `_id`). An attempt beyond the fifth in the window, or on a
 * locked account, is not admitted: the caller refuses it without verifying the password.
 */
export async function admitAttempt<T extends Lockable>(
  model: Model<T>,
  account: Lockable,
  now: Date,
): Promise<Attempt> {
  const locked = lockedMinutes(account, now);
  if (locked !== undefined)
    return { admitted: false, minutes: locked, lockedUntil: account.lockedUntil! };
  const windowOpenSince = new Date(now.getTime() - LOCKOUT.windowMs);
  for (let round = 0; ; round++) {
    // Most attempts: one more in the open window.
    let counted = await model
      .findOneAndUpdate(
        { _id: account._id, failureWindowStart: { $gt: windowOpenSince } },
        { $inc: { failureCount: 1 } },
        { returnDocument: 'after', lean: true },
      )
      .exec();
    if (!counted) {
      // No open window: start one at this attempt. Of concurrent starters only one matches this
      // filter; the others find the window open and go round to the $inc above.
      counted = await model
        .findOneAndUpdate(
          {
            _id: account._id,
            $or: [{ failureWindowStart: null }, { failureWindowStart: { $lte: windowOpenSince } }],
          },
          { $set: { failureWindowStart: now, failureCount: 1 } },
          { returnDocument: 'after', lean: true },
        )
        .exec();
    }
    if (!counted) {
      // Lost the start to a concurrent attempt (or the account is gone: then stop).
      if (round < 5) continue;
      throw new Error('登录失败计数未能写入');
    }
    const state = counted as unknown as Lockable;
    const lockedNow = lockedMinutes(state, now);
    if (lockedNow !== undefined)
      return { admitted: false, minutes: lockedNow, lockedUntil: state.lockedUntil! };
    const count = state.failureCount ?? 0;
    if (count > LOCKOUT.failures) {
      // The fifth attempt of this burst is still being checked; it will set the lock if wrong.
      const until = new Date(now.getTime() + LOCKOUT.lockMs);
      return { admitted: false, minutes: minutesUntil(until, now), lockedUntil: until };
    }
    return { admitted: true, windowStart: state.failureWindowStart!, count };
  }
}

/**
 * An admitted attempt's password was wrong: it stays counted. The fifth of a window sets the lock,
 * on condition that the window is still the one it was counted in (an unlock in between wins).
 * Returns true when this failure locked the account.
 */
export async function failedAttempt<T extends Lockable>(
  model: Model<T>,
  id: Types.ObjectId,
  attempt: Extract<Attempt, { admitted: true }>,
  now: Date,
): Promise<boolean> {
  if (attempt.count < LOCKOUT.failures) return false;
  const locked = await model
    .updateOne(
      { _id: id, failureWindowStart: attempt.windowStart },
      { $set: { lockedUntil: new Date(now.getTime() + LOCKOUT.lockMs) } },
    )
    .exec();
  return locked.matchedCount === 1;
}
