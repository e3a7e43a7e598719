import { CaseError, type CaseErrorCode } from '../../runtime/cases';
import { TrailError } from '../../runtime/trail';
import { AppError } from '../http/errors';

/**
 * How the engine's refusals answer over HTTP: the case's state does not allow it (409), it is
 * not this person's to do (403), the request itself is wrong (400), or the platform cannot
 * compute it — a year the calendar lacks, a flowchart that finds no way on (422). The engine's
 * Chinese message and code go out as they are.
 */
const STATUS: Record<CaseErrorCode, number> = {
  wrong_state: 409,
  wrong_item_state: 409,
  correction_already_requested: 409,
  not_reversible: 409,
  not_final_step: 409,
  no_message_wait: 409,
  materials_missing: 409,
  time_before_trail: 409,
  not_assignee: 403,
  not_candidate: 403,
  not_applicant: 403,
  not_permitted: 403,
  forbidden_field: 400,
  invalid_data: 400,
  invalid_command: 400,
  unknown_work_item: 400,
  incomplete_correction_list: 400,
  correction_incomplete: 400,
  not_on_path: 400,
  procedure_not_declared: 400,
  outcome_required: 400,
  opinion_required: 400,
  ex_officio_item: 400,
  not_ex_officio: 400,
  outside_benchmark: 400,
  calendar_not_covered: 422,
  no_matching_flow: 422,
  condition_error: 422,
  unsound_process: 422,
};

export function caseAppError(err: unknown): unknown {
  if (err instanceof CaseError) {
    return new AppError(STATUS[err.code] ?? 400, err.code, err.message, err.details);
  }
  if (err instanceof TrailError) return new AppError(400, 'invalid_trail', err.message);
  return err;
}
