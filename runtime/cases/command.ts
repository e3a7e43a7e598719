import type { CaseStatus } from './state';
import type { Tx } from './tx';

/**
 * One named operation on a case (the Camunda lesson: every operation is a command object). The
 * executor checks `allowedIn` and applies the trail, events and automatic control around `run`,
 * so a handler holds only the rule of its operation.
 */
export interface CommandHandler<C extends { type: string }> {
  type: C['type'];
  /** The operation's Chinese name, used in refusals: 不能办理、不能退回 … */
  label: string;
  /** Statuses of an existing case in which it makes sense. */
  allowedIn: readonly CaseStatus[];
  /** It starts a new case (the state given is null). */
  starts?: boolean;
  run(tx: Tx, command: C): void;
}
