import { CalendarInputError, CalendarNotCoveredError } from '../calendar/errors';

/**
 * Why an operation on a case was refused. The server maps every code to a 4xx answer and shows
 * the message as it is: it is Chinese and says why the operation is not allowed now.
 */
export type CaseErrorCode =
  /** The case's status does not allow the operation (a 补正 case cannot be handled …). */
  | 'wrong_state'
  /** The work item's own status does not allow it (already claimed, completed, on hold …). */
  | 'wrong_item_state'
  /** Only the work item's assignee may do this. */
  | 'not_assignee'
  /** The actor holds none of the step's posts, or is in another unit (RUN-3, RUN-12). */
  | 'not_candidate'
  /** Only the case's own applicant may do this. */
  | 'not_applicant'
  /** Only an administrator (or a supervisor, for 催办) may do this. */
  | 'not_permitted'
  /** Form data changes a field the step may only read or may not see (FORM-3). */
  | 'forbidden_field'
  /** Form data breaks the form's rules. */
  | 'invalid_data'
  /** The command itself is malformed or names something that does not exist. */
  | 'invalid_command'
  /** No condition of a gateway holds and it has no default flow: never a guessed path. */
  | 'no_matching_flow'
  /** A condition could not be evaluated. */
  | 'condition_error'
  | 'unknown_work_item'
  /** RUN-2: a required material is missing (and the item does not allow 容缺受理). */
  | 'materials_missing'
  /** 一次性告知: a correction request must list every missing material. */
  | 'incomplete_correction_list'
  /** 一次性告知: a correction was already requested in this phase. */
  | 'correction_already_requested'
  /** A supply of materials leaves requested ones out. */
  | 'correction_incomplete'
  /** A return to a step that is not on this work item's path. */
  | 'not_on_path'
  /** 取回: the next step has been touched, or the completion cannot be undone. */
  | 'not_reversible'
  /** 办结 at a step that still has steps after it. */
  | 'not_final_step'
  /** 暂停 for a procedure the step does not declare as excluded time (PROC-2). */
  | 'procedure_not_declared'
  /** The step's conditions read the outcome: the handler must choose 同意 or 不同意. */
  | 'outcome_required'
  /** The step says in its flowchart that an opinion must be written (issue 13). */
  | 'opinion_required'
  /** No token waits for this message. */
  | 'no_message_wait'
  /** RUN-6: a deadline needs a year the calendar does not cover. */
  | 'calendar_not_covered'
  /** The command is dated before the case's last trail entry: a trail never runs backwards. */
  | 'time_before_trail'
  /** 依职权 items are opened by the department, never applied for (RUN-17). */
  | 'ex_officio_item'
  /** 立案 on an item that is applied for. */
  | 'not_ex_officio'
  /** A penalty outside the item's 自由裁量基准 without a written reason, or none chosen (CAT-2). */
  | 'outside_benchmark'
  /** The compiled process cannot be run as it is (should have been refused at verification). */
  | 'unsound_process';

export class CaseError extends Error {
  constructor(
    readonly code: CaseErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CaseError';
  }
}

/** Calendar failures become case errors, so a caller handles one kind of refusal. */
export function asCaseError(error: unknown): unknown {
  if (error instanceof CalendarNotCoveredError) {
    return new CaseError('calendar_not_covered', error.message, {
      year: error.year,
      coveredYears: [...error.coveredYears],
    });
  }
  if (error instanceof CalendarInputError) return new CaseError('invalid_command', error.message);
  return error;
}
