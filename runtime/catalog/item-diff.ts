import type { Identified } from './item';

/** One difference between two versions of a record (CAT-6). */
export interface FieldChange {
  /** Dotted path; list entries are named by id: `materials[m3].name`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isIdentifiedList = (v: unknown): v is Identified[] =>
  Array.isArray(v) && v.every((e) => isObject(e) && typeof e.id === 'string');

function diffValue(path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return void out.push({ path, kind: 'added', after: b });
  if (b === undefined) return void out.push({ path, kind: 'removed', before: a });
  // Lists of entries with ids are matched by id, so reordering or inserting is not "everything changed".
  if (isIdentifiedList(a) && isIdentifiedList(b)) return diffList(path, a, b, out);
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      diffValue(path ? `${path}.${key}` : key, a[key], b[key], out);
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b))
    out.push({ path, kind: 'changed', before: a, after: b });
}

function diffList(path: string, a: Identified[], b: Identified[], out: FieldChange[]): void {
  const before = new Map(a.map((e) => [e.id, e]));
  const after = new Map(b.map((e) => [e.id, e]));
  for (const [id, entry] of before) {
    if (!after.has(id)) out.push({ path: `${path}[${id}]`, kind: 'removed', before: entry });
  }
  for (const [id, entry] of after) {
    const old = before.get(id);
    if (!old) out.push({ path: `${path}[${id}]`, kind: 'added', after: entry });
    else diffValue(`${path}[${id}]`, old, entry, out);
  }
  const order = (list: Identified[], keep: Map<string, Identified>) =>
    list.map((e) => e.id).filter((id) => keep.has(id));
  const was = order(a, after);
  const now = order(b, before);
  // Order matters for legal bases (highest rank first), so a reordering is a change of its own.
  if (was.join() !== now.join())
    out.push({ path: `${path}#order`, kind: 'changed', before: was, after: now });
}

/** Field-by-field differences between two versions, lists matched by the ids of their entries. */
export function diffRecords(before: object, after: object): FieldChange[] {
  const out: FieldChange[] = [];
  diffValue('', before, after, out);
  return out;
}
