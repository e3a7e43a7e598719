import { civilDateOf } from '../../runtime/calendar';
import {
  applicationNoCounterKey,
  caseNoCounterKey,
  formatApplicationNo,
  formatCaseNo,
  MAX_DAILY_SERIAL,
} from '../../runtime/numbers';
import { AppError } from '../http/errors';
import type { CaseNumberCounterModel, CaseNumberModel } from './number-model';
import { isDuplicateKey } from '../database/unique';

export interface NumberDeps {
  caseNumbers: CaseNumberModel;
  caseNumberCounters: CaseNumberCounterModel;
}

/**
 * 办件编号 and 申请编号 (RUN-11), unique under concurrency without transactions: a counter
 * hands out the next serial ($inc is atomic), and inserting a document whose `_id` is the number
 * is what claims it — so even a counter that fell behind (a restored backup) can never give a
 * number twice. Numbers are claimed before the case is written; one whose case write then fails
 * stays a gap, as the rule allows.
 */
export class CaseNumbers {
  constructor(private readonly deps: NumberDeps) {}

  /** `33030300AJ-20261122-000123`: subject, acceptance day (Asia/Shanghai), serial. */
  claimCaseNo(subjectCode: string, now: Date, caseId: string): Promise<string> {
    const date = civilDateOf(now);
    return this.claim('case', caseNoCounterKey({ subjectCode, date }), caseId, (serial) =>
      formatCaseNo({ subjectCode, date, serial }),
    );
  }

  /** `SQ-330303-20261122-000045`: county, submission day, serial. */
  claimApplicationNo(countyCode: string, now: Date, caseId: string): Promise<string> {
    const date = civilDateOf(now);
    return this.claim(
      'application',
      applicationNoCounterKey({ countyCode, date }),
      caseId,
      (serial) => formatApplicationNo({ countyCode, date, serial }),
    );
  }

  private async claim(
    kind: 'case' | 'application',
    counter: string,
    caseId: string,
    format: (serial: number) => string,
  ): Promise<string> {
    for (;;) {
      const next = await this.deps.caseNumberCounters
        .findOneAndUpdate(
          { _id: counter },
          { $inc: { next: 1 } },
          { upsert: true, returnDocument: 'after', lean: true },
        )
        .exec();
      const serial = next?.next ?? 1;
      if (serial > MAX_DAILY_SERIAL) {
        throw new AppError(409, 'numbers_exhausted', `${counter} 当日的编号已用尽`);
      }
      const number = format(serial);
      try {
        await this.deps.caseNumbers.create({
          _id: number,
          kind,
          counter,
          serial,
          caseId,
          at: new Date(),
        });
        return number;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  }
}
