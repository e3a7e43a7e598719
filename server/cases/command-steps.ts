import { Types } from 'mongoose';
import type { CaseState, CommandResult } from '../../runtime/cases';
import type { OutboxEvent } from './case-model';
import { caseAppError } from './errors';
import type { UnitDirectory } from './units';

export const newId = () => new Types.ObjectId().toHexString();

/** Runs the engine; its refusals become HTTP answers with its own message (errors.ts). */
export function runEngine<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw caseAppError(err);
  }
}

export function outboxOf(result: CommandResult, caseVersion: number): OutboxEvent[] {
  return result.events.map((e) => ({ ...e, caseVersion }));
}

/** Departments a case has passed through: who may see it (access rules match on them). */
export async function departmentsOf(
  units: UnitDirectory,
  state: CaseState,
  before: string[],
): Promise<string[]> {
  const ids = new Set(before);
  const seen = new Set([
    state.acceptingUnit.id,
    state.handlingUnit.id,
    ...state.workItems.map((w) => w.unit.id),
  ]);
  for (const unit of seen) ids.add(await units.departmentOf(unit));
  return [...ids].sort();
}
