import type { CaseState } from '../../runtime/cases/state';
import type { CaseModel } from '../cases/case-model';
import type { CaseView } from '../cases/view';
import type { CaseIndex } from '../cases/case-index';
import { isDuplicateKey } from '../database/unique';
import type { PersonalDataCipher } from '../identity/personal-data';
import type { queryAttemptsModel } from './models';

/** POR-7: five tries of one case number within 15 minutes, then the number rests 30 minutes. */
export const QUERY_LOCKOUT = { tries: 5, windowMs: 15 * 60_000, lockMs: 30 * 60_000 };

type AttemptsModel = ReturnType<typeof queryAttemptsModel>;

export type QueryAnswer =
  { kind: 'found'; view: CaseView } | { kind: 'none' } | { kind: 'locked'; minutes: number };

/**
 * Counts one try of a case number before anything is compared, with single-document conditional
 * updates (like identity/lockout.ts): a try in the open window is `$inc`ed with the window in the
 * filter; otherwise a new window starts. Returns the count, or the minutes left on a lock.
 */
async function countTry(
  model: AttemptsModel,
  caseNo: string,
  now: Date,
): Promise<{ count: number } | { minutes: number }> {
  const openSince = new Date(now.getTime() - QUERY_LOCKOUT.windowMs);
  for (let round = 0; round < 6; round++) {
    const locked = await model
      .findOne({ _id: caseNo, lockedUntil: { $gt: now } })
      .lean()
      .exec();
    if (locked?.lockedUntil) return { minutes: minutesUntil(locked.lockedUntil, now) };
    const counted = await model
      .findOneAndUpdate(
        { _id: caseNo, failureWindowStart: { $gt: openSince } },
        { $inc: { failureCount: 1 } },
        { returnDocument: 'after', lean: true },
      )
      .exec();
    if (counted) return { count: counted.failureCount };
    try {
      const started = await model
        .findOneAndUpdate(
          {
            _id: caseNo,
            $or: [{ failureWindowStart: null }, { failureWindowStart: { $lte: openSince } }],
          },
          { $set: { failureWindowStart: now, failureCount: 1 }, $unset: { lockedUntil: 1 } },
          { returnDocument: 'after', lean: true, upsert: true },
        )
        .exec();
      if (started) return { count: started.failureCount };
    } catch (err) {
      // Two first tries at once: one inserts, the other goes round to the $inc.
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error('结果查询次数未能写入');
}

/** An id no case has (case ids are 24 hex digits). */
const NO_CASE = 'none';

const minutesUntil = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

/** Does the typed ID number belong to the case's applicant? Compared by HMAC, never decrypted. */
async function applicantMatches(
  cases: CaseModel,
  cipher: PersonalDataCipher,
  caseId: string,
  idNumber: string,
): Promise<boolean> {
  const stored = await cases
    .findById(caseId)
    .select({ applicantIdIndex: 1, state: 1 })
    .lean<{ applicantIdIndex?: string; state: string }>()
    .exec();
  if (!stored) return false;
  if (stored.applicantIdIndex) return stored.applicantIdIndex === cipher.index(idNumber);
  // An organisation's code is not personal data: the case keeps it as it is.
  const state = JSON.parse(stored.state) as CaseState;
  return state.applicant.type === 'organisation' && state.applicant.idNumber === idNumber;
}

/**
 * The result query (POR-7, RUN-11): a case number and the applicant's ID number. An unknown
 * number and a wrong ID number give the same answer; each number allows five tries a window.
 */
export async function queryCase(
  deps: {
    attempts: AttemptsModel;
    cases: CaseModel;
    index: CaseIndex;
    cipher: PersonalDataCipher;
  },
  input: { caseNo: string; idNumber: string },
  now: Date,
): Promise<QueryAnswer> {
  const caseNo = input.caseNo.trim();
  const idNumber = input.idNumber.trim().toUpperCase();
  const counted = await countTry(deps.attempts, caseNo, now);
  if ('minutes' in counted) return { kind: 'locked', minutes: counted.minutes };
  if (counted.count > QUERY_LOCKOUT.tries) {
    const until = new Date(now.getTime() + QUERY_LOCKOUT.lockMs);
    await deps.attempts.updateOne({ _id: caseNo }, { $set: { lockedUntil: until } }).exec();
    return { kind: 'locked', minutes: minutesUntil(until, now) };
  }
  const caseId = deps.index.caseIdOf(caseNo);
  const view = caseId ? deps.index.get(caseId) : undefined;
  // Only the 办件编号 opens a case here, not the 申请编号. An unknown number still makes the
  // lookup a known one makes, so the time taken does not tell the two apart either.
  if (!caseId || !view || view.caseNo !== caseNo) {
    await applicantMatches(deps.cases, deps.cipher, NO_CASE, idNumber);
    return { kind: 'none' };
  }
  if (!(await applicantMatches(deps.cases, deps.cipher, caseId, idNumber))) return { kind: 'none' };
  // A right pair starts the count afresh.
  await deps.attempts
    .updateOne({ _id: caseNo }, { $set: { failureCount: 0 }, $unset: { failureWindowStart: 1 } })
    .exec();
  return { kind: 'found', view };
}
