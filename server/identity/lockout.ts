import type { Model, Types } from 'mongoose';

/** ROLE-4: five failed passwords within 15 minutes lock an account for 15 minutes. */
export const LOCKOUT = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

interface Lockable {
  _id: Types.ObjectId;
  loginFailures: Date[];
  lockedUntil?: Date;
}

/** Minutes left on a lock, or undefined when the account is not locked. */
export function lockedMinutes(account: Lockable, now: Date): number | undefined {
  if (!account.lockedUntil || account.lockedUntil <= now) return undefined;
  return Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000);
}

/** Counts a failed password; returns true when this failure locks the account. */
export async function recordFailure<T extends Lockable>(
  model: Model<T>,
  account: Lockable,
  now: Date,
): Promise<boolean> {
  const recent = account.loginFailures.filter(
    (t) => now.getTime() - t.getTime() < LOCKOUT.windowMs,
  );
  const failures = [...recent, now].slice(-LOCKOUT.failures);
  const locks = failures.length >= LOCKOUT.failures;
  await model
    .updateOne(
      { _id: account._id },
      locks
        ? { $set: { loginFailures: [], lockedUntil: new Date(now.getTime() + LOCKOUT.lockMs) } }
        : { $set: { loginFailures: failures } },
    )
    .exec();
  return locks;
}
