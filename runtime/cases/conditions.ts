import { evaluate } from 'feelin';
import { isBuiltinFunction } from '../process/feel';
import { FEEL_REGEX_FUNCTIONS } from '../regex/engine';
import { CaseError } from './errors';
import type { CaseState } from './state';

/**
 * Gateway conditions are FEEL, evaluated by feelin over the case data (PROC-3); never `eval`.
 * feelin parses on every call (~0.1 ms), so the most common shape, `path = literal` or
 * `path != literal`, is answered directly with FEEL's own rules (checked against feelin in the
 * tests): an unset value is not equal to anything, and values of different types compare to
 * null, which takes no flow. Every other condition goes to feelin.
 *
 * feelin looks a name up in the context before its built-ins, so `matches`, `replace` and `split`
 * are given in the context, on RE2 (linear time): the built-ins would run a stored pattern on
 * JavaScript's backtracking engine. They come last, so a form field of the same name cannot
 * replace them (verification refuses conditions that read such a field).
 */

type Literal = string | number | boolean;
interface Simple {
  path: string[];
  negated: boolean;
  literal: Literal;
}

const NAME = String.raw`[\p{L}_][\p{L}\p{N}_]*`;
const SIMPLE_RE = new RegExp(
  String.raw`^\s*(${NAME}(?:\.${NAME})*)\s*(!=|=)\s*("[^"\\]*"|-?\d+(?:\.\d+)?|true|false)\s*$`,
  'u',
);
const KEYWORDS = new Set([
  'true',
  'false',
  'null',
  'not',
  'and',
  'or',
  'in',
  'for',
  'if',
  'some',
  'every',
]);

const shapes = new Map<string, Simple | null>();

function simpleShape(source: string): Simple | null {
  let shape = shapes.get(source);
  if (shape !== undefined) return shape;
  shape = null;
  const m = SIMPLE_RE.exec(source);
  if (m) {
    const path = m[1]!.split('.');
    const root = path[0]!;
    const text = m[3]!;
    if (!KEYWORDS.has(root) && !isBuiltinFunction(root)) {
      const literal: Literal = text.startsWith('"')
        ? text.slice(1, -1)
        : text === 'true' || text === 'false'
          ? text === 'true'
          : Number(text);
      shape = { path, negated: m[2] === '!=', literal };
    }
  }
  if (shapes.size > 10_000) shapes.clear();
  shapes.set(source, shape);
  return shape;
}

function lookup(context: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = context;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** true, false or null (no flow) as FEEL gives it, or undefined when the fast path cannot tell. */
function fastAnswer(shape: Simple, context: Record<string, unknown>): boolean | null | undefined {
  const value = lookup(context, shape.path);
  if (value === undefined || value === null) return shape.negated;
  if (typeof value === 'object') return undefined;
  if (typeof value !== typeof shape.literal) return null;
  return (value === shape.literal) !== shape.negated;
}

/** The FEEL context of a case: the application form's values and the case variables. */
export function conditionContext(
  state: CaseState,
  applicationForm?: string,
): Record<string, unknown> {
  const values = state.forms.find((f) => f.key === applicationForm)?.values ?? {};
  return {
    ...values,
    applicant: { type: state.applicant.type },
    channel: state.channel,
    ...(state.outcome ? { outcome: state.outcome } : {}),
    ...FEEL_REGEX_FUNCTIONS,
  };
}

/** The context with the RE2 functions in place, whoever built it. */
function withRegexFunctions(context: Record<string, unknown>): Record<string, unknown> {
  return context.matches === FEEL_REGEX_FUNCTIONS.matches &&
    context.replace === FEEL_REGEX_FUNCTIONS.replace &&
    context.split === FEEL_REGEX_FUNCTIONS.split
    ? context
    : { ...context, ...FEEL_REGEX_FUNCTIONS };
}

/** Whether a condition holds (exactly true); an unreadable condition is an error, not false. */
export function conditionHolds(
  source: string,
  context: Record<string, unknown>,
  where: string,
): boolean {
  const shape = simpleShape(source);
  if (shape) {
    const answer = fastAnswer(shape, context);
    if (answer !== undefined) return answer === true;
  }
  try {
    return evaluate(source, withRegexFunctions(context)).value === true;
  } catch (error) {
    throw new CaseError(
      'condition_error',
      `${where}的条件「${source}」无法求值：${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
