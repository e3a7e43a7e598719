/**
 * The case engine (RUN-1 … RUN-9, RUN-11, the engine side of RUN-5 and RUN-12): a pure function
 * from an item version's definition, a case's state, a named command and its context to the new
 * state, the events and the hash-chained trail entries — or a CaseError saying why not.
 * docs/engine.md explains the state, every command and the decisions.
 */
export { decide, executeCommand, type CommandResult, type Transition } from './executor';
export { CaseError, type CaseErrorCode } from './errors';
export { DEFAULT_ENGINE_RULES, type Actor, type EngineContext, type EngineRules } from './context';
export { prepareDefinition, type CaseDefinition, type PreparedDefinition } from './definition';
export * from './state';
export type { CaseEvent, EventBody, DeadlineSubject } from './events';
export * from './commands';
export type { CommandHandler } from './command';
export type { SignerChoice } from './flow';
export { signingVerdict } from './flow';
export {
  caseTimeliness,
  timerLimit,
  type CaseTimeliness,
  type WorkItemTimeliness,
} from './deadlines';
export {
  workQueueRows,
  rowVisibleTo,
  WORK_QUEUE_LABELS,
  type WorkQueue,
  type WorkQueueRow,
} from './queues';
export { conditionHolds, conditionContext } from './conditions';
