import type { Model, UpdateQuery } from 'mongoose';
import { notFound, VersionConflictError } from '../http/errors';

/** Documents changed by optimistic concurrency carry this counter. */
export interface Versioned {
  version: number;
}

/**
 * Applies `update` only if the document still has `expectedVersion`, and bumps the version in the
 * same single-document atomic update. The loser of a race gets a VersionConflictError (409).
 */
export async function updateVersioned<T extends Versioned>(
  model: Model<T>,
  id: unknown,
  expectedVersion: number,
  update: UpdateQuery<T>,
  what: string,
): Promise<T> {
  const inc = { ...((update.$inc as Record<string, number> | undefined) ?? {}), version: 1 };
  const updated = await model
    .findOneAndUpdate(
      { $and: [{ _id: id }, { version: expectedVersion }] },
      { ...update, $inc: inc },
      { returnDocument: 'after', lean: true },
    )
    .exec();
  if (updated) return updated as T;
  const exists = await model.exists({ _id: id }).exec();
  if (!exists) throw notFound(`${what}不存在`);
  throw new VersionConflictError(what, expectedVersion);
}
