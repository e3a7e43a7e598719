/** Case numbers and application numbers (RUN-11). */
export {
  MAX_DAILY_SERIAL,
  NumberFormatError,
  normaliseNumberInput,
  type NumberParseResult,
  type NumberProblem,
} from './parts';
export { caseNoCounterKey, formatCaseNo, parseCaseNo, type CaseNoParts } from './case-no';
export {
  applicationNoCounterKey,
  formatApplicationNo,
  parseApplicationNo,
  type ApplicationNoParts,
} from './application-no';
export { numberKind } from './tracking';
