import { canonicalJson } from './canonical-json';
import {
  HASHED_FIELDS,
  TRAIL_ACTIONS,
  type NewTrailEntry,
  type TrailActor,
  type TrailEntry,
} from './entry';
import { sm3Hex } from './sm3';

/** Names the chain's format; part of every genesis hash, so a new format starts new chains. */
export const TRAIL_SCHEME = 'case-trail/sm3/v1';

export class TrailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrailError';
  }
}

/** Where a trail ends: the server keeps it on the case document, updated with the entries. */
export interface TrailHead {
  seq: number;
  hash: string;
}

const HASH_RE = /^[0-9a-f]{64}$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The first entry's prevHash: SM3 of `{"caseId":"…","scheme":"case-trail/sm3/v1"}`. Because the
 * case id is in it, no entry can be moved to another case without breaking the chain there.
 */
export function genesisHash(caseId: string): string {
  return sm3Hex(canonicalJson({ caseId, scheme: TRAIL_SCHEME }));
}

/** The hashed part of an entry: its known fields without `hash` (a storage `_id` is ignored). */
export function hashedContent(entry: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const field of HASHED_FIELDS) content[field] = entry[field];
  return content;
}

/** SM3 over the canonical JSON of the entry without `hash`. */
export function entryHash(entry: Readonly<Record<string, unknown>>): string {
  return sm3Hex(canonicalJson(hashedContent(entry)));
}

export function headOf(entries: readonly TrailEntry[]): TrailHead | null {
  const last = entries[entries.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : null;
}

function isoInstant(value: unknown, what: string): string {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string' && INSTANT_RE.test(value)
        ? Date.parse(value)
        : NaN;
  if (Number.isNaN(ms)) throw new TrailError(`${what}应为带时区的 ISO 8601 时间`);
  return new Date(ms).toISOString();
}

function checkActor(actor: TrailActor | undefined, n: number): void {
  if (!actor || typeof actor.name !== 'string' || !actor.name.trim())
    throw new TrailError(`第 ${n} 条新记录缺少办理人姓名`);
  if (!['staff', 'applicant', 'system', 'departmentSystem'].includes(actor.kind))
    throw new TrailError(`第 ${n} 条新记录的办理人类别「${String(actor.kind)}」无效`);
}

/** Times inside the record, made uniform like `at`. */
function normaliseTimes(entry: NewTrailEntry, n: number) {
  const { process, application, result } = entry;
  const label = `第 ${n} 条新记录的`;
  return {
    process: process && {
      ...process,
      stepStartedAt:
        process.stepStartedAt && isoInstant(process.stepStartedAt, `${label}环节开始时间`),
      stepEndedAt: process.stepEndedAt && isoInstant(process.stepEndedAt, `${label}环节结束时间`),
    },
    application: application && {
      ...application,
      appliedAt: isoInstant(application.appliedAt, `${label}办件申请时间`),
    },
    result: result && {
      ...result,
      concludedAt: isoInstant(result.concludedAt, `${label}办结时间`),
    },
  };
}

/**
 * MongoDB, and FerretDB even more, refuse keys with '.' or a leading '$' and (FerretDB) arrays
 * directly inside arrays; refusing them here keeps a stored entry identical to the hashed one.
 */
export function storageProblem(value: unknown, path = ''): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      if (Array.isArray(item)) return `${path}[${i}] 是数组中的数组`;
      const p = storageProblem(item, `${path}[${i}]`);
      if (p) return p;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!k || k.includes('.') || k.startsWith('$') || k.includes('\0'))
        return `${path}${path ? '.' : ''}「${k}」不能作为数据库字段名`;
      const p = storageProblem(v, path ? `${path}.${k}` : k);
      if (p) return p;
    }
  }
  return undefined;
}

/**
 * Numbers, links and hashes new entries after the trail's head (RUN-7). The returned entries are
 * what to store, as they are: the server writes them and the new head in one guarded update.
 */
export function appendEntries(
  trail: { caseId: string; head: TrailHead | null },
  newEntries: readonly NewTrailEntry[],
): TrailEntry[] {
  const { caseId, head } = trail;
  if (typeof caseId !== 'string' || !caseId) throw new TrailError('缺少办件标识');
  if (head && !(Number.isInteger(head.seq) && head.seq >= 1 && HASH_RE.test(head.hash)))
    throw new TrailError('痕迹链末端的序号或摘要无效');
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? genesisHash(caseId);
  return newEntries.map((entry, i) => {
    const n = i + 1;
    if (!Object.hasOwn(TRAIL_ACTIONS, entry.action))
      throw new TrailError(`第 ${n} 条新记录的操作「${String(entry.action)}」无效`);
    checkActor(entry.actor, n);
    seq += 1;
    const text = canonicalJson({
      caseId,
      seq,
      at: isoInstant(entry.at, `第 ${n} 条新记录的处理时间`),
      action: entry.action,
      actor: entry.actor,
      ...normaliseTimes(entry, n),
      data: entry.data === undefined ? undefined : canonicalJson(entry.data),
      prevHash,
    });
    const stored = JSON.parse(text) as Omit<TrailEntry, 'hash'>;
    const problem = storageProblem(stored);
    if (problem) throw new TrailError(`第 ${n} 条新记录的 ${problem}`);
    const hash = sm3Hex(text);
    prevHash = hash;
    return { ...stored, hash };
  });
}
