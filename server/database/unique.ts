import type { Model, Schema } from 'mongoose';
import { AppError } from '../http/errors';

/** MongoDB's (and FerretDB's) duplicate-key failure, code 11000. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}

function valueAt(values: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], values);
}

/**
 * The unique indexes of `model` that `values` collide with, as lists of field paths.
 * Needed because the embedded database's duplicate-key errors name neither index nor key.
 */
export async function collidingUniqueIndexes<T>(
  model: Model<T>,
  values: Record<string, unknown>,
): Promise<string[][]> {
  const colliding: string[][] = [];
  for (const [keys, options] of model.schema.indexes()) {
    if (!options?.unique) continue;
    const fields = Object.keys(keys);
    const filter = Object.fromEntries(fields.map((f) => [f, valueAt(values, f)]));
    if (Object.values(filter).some((v) => v === undefined)) continue;
    if (await model.exists(filter).exec()) colliding.push(fields);
  }
  return colliding;
}

/** What a clash on one unique index means to the person who caused it. */
export interface UniqueMessage {
  /** The fields the user sees, which may differ from the indexed ones (a derived key, say). */
  fields: string[] | ((values: Record<string, unknown>) => string[]);
  message: (values: Record<string, unknown>) => string;
}

const messages = new WeakMap<Schema, Map<string, UniqueMessage>>();

/** Declares, beside a schema's unique index, how a clash on it is explained. */
export function explainUnique(
  schema: Schema,
  indexFields: string[],
  explained: UniqueMessage,
): void {
  const forSchema = messages.get(schema) ?? new Map<string, UniqueMessage>();
  forSchema.set(indexFields.join(','), explained);
  messages.set(schema, forSchema);
}

/** Runs `write`; a duplicate-key failure becomes a 409 that names the colliding fields by label. */
export async function writeUnique<T, R>(
  model: Model<T>,
  values: Record<string, unknown>,
  write: () => Promise<R>,
): Promise<R> {
  try {
    return await write();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const colliding = await collidingUniqueIndexes(model, values);
    for (const index of colliding) {
      const explained = messages.get(model.schema)?.get(index.join(','));
      if (explained) {
        throw new AppError(409, 'duplicate_key', explained.message(values), {
          fields:
            typeof explained.fields === 'function' ? explained.fields(values) : explained.fields,
        });
      }
    }
    const fields = colliding.flat();
    const labels = fields.map((f) => {
      const label = (model.schema.path(f)?.options as { label?: string } | undefined)?.label;
      return label ?? f;
    });
    throw new AppError(
      409,
      'duplicate_key',
      labels.length
        ? `${labels.join('、')}已被占用：${fields.map((f) => String(valueAt(values, f))).join('、')}`
        : '与已有记录重复',
      { fields },
    );
  }
}
