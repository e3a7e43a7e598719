import { CASE_VARIABLES } from '../case-variables';
import type { CompiledProcess } from '../compiled';
import { MAX_DISTINCT_PATTERNS, regexProblem } from '../../regex/safety';
import {
  feelCostProblems,
  feelReferences,
  feelRegexUses,
  feelSyntaxError,
  isBuiltinFunction,
} from '../feel';
import { problem, type ProcessProblem } from '../problems';
import type { VerificationContext } from './context';
import { describeNode } from './describe';

/** The names a condition may read: the application form's fields and the case variables. */
export function conditionNames(compiled: CompiledProcess, context: VerificationContext): string[] {
  const form = compiled.applicationForm;
  const fields =
    form && Object.prototype.hasOwnProperty.call(context.forms, form) ? context.forms[form]! : [];
  return [...fields.map((f) => f.key), ...CASE_VARIABLES.map((v) => v.path)];
}

/**
 * Conditions read only case data that exists (PROC-3, PROC-4): fields of the bound application
 * form or the case variables of `case-variables.ts`, and call only FEEL's built-in functions.
 * A path below a known name (`applicant` of `applicant.type`) is allowed.
 */
export function conditionProblems(
  compiled: CompiledProcess,
  context: VerificationContext,
): ProcessProblem[] {
  const names = conditionNames(compiled, context);
  const known = new Set(names);
  const prefixes = new Set(
    names.flatMap((n) =>
      n
        .split('.')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
    ),
  );
  const variables = CASE_VARIABLES.map((v) => v.path).join('、');
  const form = compiled.applicationForm
    ? `申请表单「${compiled.applicationForm}」`
    : '申请表单（流程未绑定）';
  const problems: ProcessProblem[] = [];
  for (const flow of compiled.flows) {
    if (!flow.condition || feelSyntaxError(flow.condition, names) !== undefined) continue;
    const { paths, functions } = feelReferences(flow.condition, names);
    for (const path of paths) {
      if (known.has(path) || prefixes.has(path)) continue;
      problems.push(
        problem(
          'county/condition-fields',
          `${describeNode(flow)}的条件读取了「${path}」，它既不是${form}的字段，也不是案件变量（${variables}）`,
          flow.id,
        ),
      );
    }
    for (const name of functions) {
      if (!isBuiltinFunction(name)) {
        problems.push(
          problem(
            'county/condition-fields',
            `${describeNode(flow)}的条件调用了不存在的函数「${name}」`,
            flow.id,
          ),
        );
      }
    }
  }
  return [...problems, ...regexProblems(compiled, names), ...costProblems(compiled, names)];
}

/**
 * Regular expressions in conditions (PROC-4): string literals only, each compiling for RE2 (the
 * engine conditions run them on) and judged safe by recheck (`runtime/regex/safety.ts`).
 */
function regexProblems(compiled: CompiledProcess, names: string[]): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  const judged = new Set<string>();
  for (const flow of compiled.flows) {
    if (!flow.condition || feelSyntaxError(flow.condition, names) !== undefined) continue;
    for (const use of feelRegexUses(flow.condition, names)) {
      const where = `${describeNode(flow)}的条件`;
      if ('problem' in use) {
        problems.push(problem('county/condition-regex', `${where}中：${use.problem}`, flow.id));
        continue;
      }
      judged.add(`${use.flags}\u0000${use.pattern}`);
      // Each judgement may take RECHECK_TIMEOUT_MS: the count is bounded first.
      if (judged.size > MAX_DISTINCT_PATTERNS) {
        problems.push(
          problem(
            'county/condition-regex',
            `${where}中：流程图的不同正则表达式超过 ${MAX_DISTINCT_PATTERNS} 个，「${use.pattern}」未检查`,
            flow.id,
          ),
        );
        continue;
      }
      const why = regexProblem(use.pattern, use.flags);
      if (why) {
        const flags = use.flags ? `（标志「${use.flags}」）` : '';
        problems.push(
          problem(
            'county/condition-regex',
            `${where}中 ${use.fn} 的正则表达式「${use.pattern}」${flags}${why}`,
            flow.id,
          ),
        );
      }
    }
  }
  return problems;
}

/** Conditions whose evaluation is bounded by the size of the case data (PROC-4). */
function costProblems(compiled: CompiledProcess, names: string[]): ProcessProblem[] {
  return compiled.flows.flatMap((flow) =>
    !flow.condition || feelSyntaxError(flow.condition, names) !== undefined
      ? []
      : feelCostProblems(flow.condition, names).map((why) =>
          problem('county/condition-cost', `${describeNode(flow)}的条件中：${why}`, flow.id),
        ),
  );
}
