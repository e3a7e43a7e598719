import { CASE_VARIABLES } from '../case-variables';
import type { CompiledFlow, CompiledProcess } from '../compiled';
import { conditionShape, type ConditionShape, type FeelLiteral } from '../feel';
import { problem, type ProcessProblem } from '../problems';
import type { VerificationContext } from './context';
import { conditionNames } from './conditions';
import { describeNode } from './describe';

/**
 * The type of a field's value (runtime/forms/field-types.ts). FEEL's `=` and `!=` give null, not
 * false, when the types differ, so a test only counts when its literal has the field's type.
 * Dates, lists and files are not compared here.
 */
const VALUE_TYPES: Record<string, 'string' | 'number'> = {
  text: 'string',
  textarea: 'string',
  select: 'string',
  radio: 'string',
  idNumber: 'string',
  phone: 'string',
  division: 'string',
  number: 'number',
};

interface Subject {
  options?: FeelLiteral[];
  /** Always has a value: a case variable the runtime always sets, or a required field. */
  always: boolean;
  valueType?: 'string' | 'number' | 'boolean';
}

function subjectInfo(
  path: string,
  compiled: CompiledProcess,
  context: VerificationContext,
): Subject | undefined {
  const variable = CASE_VARIABLES.find((v) => v.path === path);
  if (variable) {
    const options = variable.options.map((o) => o.value);
    return { options, always: variable.always, valueType: 'string' };
  }
  const form = compiled.applicationForm;
  const fields =
    form && Object.prototype.hasOwnProperty.call(context.forms, form) ? context.forms[form]! : [];
  const field = fields.find((f) => f.key === path);
  if (!field) return undefined;
  const options = field.options?.length ? field.options.map((o) => o.value) : undefined;
  const first = options?.[0];
  const valueType =
    first !== undefined
      ? (typeof first as 'string' | 'number' | 'boolean')
      : VALUE_TYPES[field.type];
  return { options, always: field.required === true, valueType };
}

const covers = (values: FeelLiteral[], wanted: FeelLiteral[]) =>
  wanted.every((w) => values.includes(w));

/**
 * Whether at least one of the conditions holds for every case, decided soundly on a few shapes
 * (completeness of arbitrary FEEL is undecidable). The conditions all test one subject `x` (a
 * gateway is complete when the flows testing some one subject are), and:
 * 1. one is `x != v` (or `not(x = v)`, `not(x in [...])`) and the others' `x = …` tests include
 *    every excluded value: FEEL's `=` and `!=` are false and true on an unset value, so one holds
 *    (literals must have x's type: across types both give null);
 * 2. or x always has a value (a case variable the runtime always sets, or a required field) and
 *    the `x = …` tests cover all its options (a select's options, true and false of a switch);
 * 3. or x is a required number field and two tests split the line: `x < v` with `x >= v`
 *    (`x <= v` with `x > v`, or overlapping bounds).
 * Anything else needs a default flow.
 */
export function conditionsComplete(shapes: (ConditionShape | undefined)[], subject?: Subject) {
  if (!subject?.valueType || shapes.length === 0 || shapes.some((s) => s === undefined)) {
    return false;
  }
  const all = shapes as ConditionShape[];
  if (new Set(all.map((s) => s.subject)).size !== 1) return false;
  type Bound = Extract<ConditionShape, { value: number }>;
  const isBound = (s: ConditionShape): s is Bound => 'value' in s;
  const literals = all.flatMap((s) => (isBound(s) ? [s.value] : s.values));
  if (literals.some((v) => typeof v !== subject.valueType)) return false;
  const always = subject.always;
  const sets = all.filter((s) => !isBound(s) && (!s.bare || always)) as Exclude<
    ConditionShape,
    Bound
  >[];
  const positive = sets.flatMap((s) => (s.op === 'in' ? s.values : []));
  if (sets.some((s) => s.op === 'notIn' && covers(positive, s.values))) return true;
  if (always && subject.options && covers(positive, subject.options)) return true;
  if (always && subject.valueType === 'number') {
    const bounds = all.filter(isBound);
    const low = bounds.filter((s) => s.op === 'lt' || s.op === 'le');
    const high = bounds.filter((s) => s.op === 'gt' || s.op === 'ge');
    const meet = (l: Bound, h: Bound) =>
      h.value < l.value || (h.value === l.value && (l.op === 'le' || h.op === 'ge'));
    if (low.some((l) => high.some((h) => meet(l, h)))) return true;
  }
  return false;
}

/**
 * An exclusive or inclusive gateway always has a way on (PROC-1 "every branch is defined",
 * PROC-4): a default flow, or conditions known to be complete (see `conditionsComplete`).
 * Flows without condition are left to bpmnlint's conditional-flows.
 */
export function gatewayProblems(
  compiled: CompiledProcess,
  context: VerificationContext,
): ProcessProblem[] {
  const names = conditionNames(compiled, context);
  const flows = new Map(compiled.flows.map((f) => [f.id, f]));
  const problems: ProcessProblem[] = [];
  for (const node of compiled.nodes) {
    if (node.kind !== 'exclusiveGateway' && node.kind !== 'inclusiveGateway') continue;
    if (node.defaultFlowId) continue;
    const outgoing = node.outgoing.map((id) => flows.get(id)).filter(Boolean) as CompiledFlow[];
    if (!outgoing.some((f) => f.condition)) continue;
    if (outgoing.some((f) => !f.condition)) continue;
    // Some of the flows testing one subject may be complete on their own: the others are extra.
    const shapes = outgoing.map((f) => conditionShape(f.condition!, names));
    const subjects = new Set(shapes.map((s) => s?.subject).filter((s) => s !== undefined));
    const complete = [...subjects].some((subject) =>
      conditionsComplete(
        shapes.filter((s) => s?.subject === subject),
        subjectInfo(subject, compiled, context),
      ),
    );
    if (!complete) {
      problems.push(
        problem(
          'county/gateway-complete',
          `${describeNode(node)}没有默认路径，也无法确定各条件覆盖了所有情况：请设置默认路径，` +
            '或把条件写成同一字段的「=」与「!=」，或用「=」覆盖必填选择字段的全部选项',
          node.id,
        ),
      );
    }
  }
  return problems;
}
