import { evaluate, parseExpression } from 'feelin';

/**
 * Reading FEEL conditions without running them (PROC-3, PROC-4): syntax, the names a condition
 * reads, and the simple shapes (`x = "a"`, `x != "a"`, `x in [...]`, `x < 5`) from which a gateway's
 * completeness can be decided. Conditions are evaluated only by feelin at run time; never `eval`.
 */

interface SyntaxNode {
  name: string;
  from: number;
  to: number;
  type: { isError: boolean };
  parent: SyntaxNode | null;
  firstChild: SyntaxNode | null;
  lastChild: SyntaxNode | null;
  nextSibling: SyntaxNode | null;
}

const children = (node: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
};

const normalise = (name: string) => name.replace(/\s+/g, ' ').trim();

/** lezer hands out a new object on every access: nodes are compared by what they cover. */
const same = (a: SyntaxNode | null, b: SyntaxNode | null) =>
  !!a && !!b && a.from === b.from && a.to === b.to && a.name === b.name;

/** Parses with the given names known, so that names with spaces are read as one. */
function parse(source: string, names: readonly string[]): SyntaxNode {
  const context: Record<string, unknown> = {};
  for (const name of names) context[name.split('.')[0]!] = null;
  return parseExpression(source, context, undefined).topNode as unknown as SyntaxNode;
}

/** A gateway condition is a line or two; a longer one is refused rather than analysed. */
export const MAX_CONDITION_LENGTH = 1000;

/** The position of the first syntax error, or undefined when the condition parses. */
export function feelSyntaxError(source: string, names: readonly string[] = []): number | undefined {
  if (source.trim() === '') return 0;
  if (source.length > MAX_CONDITION_LENGTH) return MAX_CONDITION_LENGTH;
  let at: number | undefined;
  const visit = (node: SyntaxNode) => {
    if (at !== undefined) return;
    if (node.type.isError) at = node.from;
    for (const child of children(node)) visit(child);
  };
  visit(parse(source, names));
  return at;
}

const builtinCache = new Map<string, boolean>();
/** Whether a FEEL built-in function of this name exists (`count`, `string length`, `not` …). */
export function isBuiltinFunction(name: string): boolean {
  let known = builtinCache.get(name);
  if (known === undefined) {
    try {
      const result = evaluate(name, {});
      known = result.value !== null && !result.warnings.some((w) => w.type === 'NO_VARIABLE_FOUND');
    } catch {
      known = false;
    }
    builtinCache.set(name, known);
  }
  return known;
}

export interface FeelReferences {
  /** Paths of case data read, e.g. `applicant.type`, `amount`. */
  paths: string[];
  /** Functions called. */
  functions: string[];
}

/** The path a name is the root of: `applicant` in `applicant.type` gives `applicant.type`. */
function pathFrom(source: string, variable: SyntaxNode): { path: string; top: SyntaxNode } {
  let path = normalise(source.slice(variable.from, variable.to));
  let top = variable;
  while (top.parent?.name === 'PathExpression' && same(top.parent.firstChild, top)) {
    const last = top.parent.lastChild;
    if (!last || last.name !== 'PathName') break;
    path += '.' + normalise(source.slice(last.from, last.to));
    top = top.parent;
  }
  return { path, top };
}

/**
 * The case data and functions a condition reads. Names bound inside the condition (`for x in`,
 * `some x in`, function parameters) are not case data; inside a filter (`list[…]`) names may
 * be the items' own properties, so they are not reported either.
 */
export function feelReferences(source: string, names: readonly string[] = []): FeelReferences {
  const paths = new Set<string>();
  const functions = new Set<string>();
  const visit = (node: SyntaxNode, bound: ReadonlySet<string>, inFilter: boolean) => {
    let scope = bound;
    if (['ForExpression', 'QuantifiedExpression', 'FunctionDefinition'].includes(node.name)) {
      const names = new Set(bound);
      const collect = (n: SyntaxNode) => {
        if (n.name === 'Name' && ['InExpression', 'ParameterName'].includes(n.parent?.name ?? ''))
          names.add(normalise(source.slice(n.from, n.to)));
        children(n).forEach(collect);
      };
      collect(node);
      scope = names;
    }
    if (node.name === 'VariableName') {
      const name = normalise(source.slice(node.from, node.to));
      if (node.parent?.name === 'FunctionInvocation' && same(node.parent.firstChild, node)) {
        functions.add(name);
      } else if (!scope.has(name) && !inFilter) {
        paths.add(pathFrom(source, node).path);
      }
      return;
    }
    const kids = children(node);
    kids.forEach((child, index) => {
      const filtering = node.name === 'FilterExpression' && index > 0;
      visit(child, scope, inFilter || filtering);
    });
  };
  visit(parse(source, names), new Set(), false);
  return { paths: [...paths], functions: [...functions] };
}

export type FeelLiteral = string | number | boolean;

/** A condition of one of the shapes completeness can be decided on. */
export type ConditionShape =
  | { subject: string; op: 'in' | 'notIn'; values: FeelLiteral[]; bare?: true }
  | { subject: string; op: 'lt' | 'le' | 'gt' | 'ge'; value: number };

const MIRROR = { lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' } as const;
const ORDER: Record<string, 'lt' | 'le' | 'gt' | 'ge'> = {
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
};

function unwrap(node: SyntaxNode | null): SyntaxNode | null {
  let current = node;
  while (current && (current.name === 'Expression' || current.name === 'ParenthesizedExpression')) {
    current = children(current).find((c) => !['(', ')'].includes(c.name)) ?? null;
  }
  return current;
}

// Only literals and arithmetic on them are evaluated while verifying: nothing that loops.
const LITERAL_NODES = new Set([
  'StringLiteral',
  'NumericLiteral',
  'BooleanLiteral',
  'ArithmeticExpression',
  'ArithOp',
  'ParenthesizedExpression',
  '(',
  ')',
]);

function constant(source: string, node: SyntaxNode): FeelLiteral | undefined {
  let pure = true;
  const scan = (n: SyntaxNode) => {
    if (!LITERAL_NODES.has(n.name)) pure = false;
    children(n).forEach(scan);
  };
  scan(node);
  if (!pure) return undefined;
  try {
    const { value } = evaluate(source.slice(node.from, node.to), {});
    return ['string', 'number', 'boolean'].includes(typeof value)
      ? (value as FeelLiteral)
      : undefined;
  } catch {
    return undefined;
  }
}

function subjectOf(source: string, node: SyntaxNode): string | undefined {
  if (node.name === 'VariableName') return pathFrom(source, node).path;
  if (node.name !== 'PathExpression') return undefined;
  let root: SyntaxNode | null = node;
  while (root && root.name === 'PathExpression') root = root.firstChild;
  if (!root || root.name !== 'VariableName') return undefined;
  const { path, top } = pathFrom(source, root);
  return same(top, node) ? path : undefined;
}

function shapeOf(source: string, node: SyntaxNode | null): ConditionShape | undefined {
  node = unwrap(node);
  if (!node) return undefined;
  const bare = subjectOf(source, node);
  // `x` alone is null, not false, when x is unset: marked, since `x` / `not(x)` may both fail.
  if (bare) return { subject: bare, op: 'in', values: [true], bare: true };
  const kids = children(node);
  if (node.name === 'FunctionInvocation' && kids[0]?.name === 'VariableName') {
    if (normalise(source.slice(kids[0].from, kids[0].to)) !== 'not') return undefined;
    const params = kids.find((k) => k.name === 'PositionalParameters');
    const args = params ? children(params).filter((c) => ![',', '(', ')'].includes(c.name)) : [];
    if (args.length !== 1) return undefined;
    const inner = shapeOf(source, args[0]!);
    if (!inner || (inner.op !== 'in' && inner.op !== 'notIn')) return undefined;
    return { ...inner, op: inner.op === 'in' ? 'notIn' : 'in' };
  }
  if (node.name !== 'Comparison' || kids.length !== 3) return undefined;
  const [left, op, right] = kids as [SyntaxNode, SyntaxNode, SyntaxNode];
  const opText = source.slice(op.from, op.to).trim();
  if (opText === 'in') {
    const leftSubject = subjectOf(source, left);
    const test = right.name === 'PositiveUnaryTest' ? right.firstChild : null;
    if (!leftSubject || !test) return undefined;
    const items =
      test.name === 'List'
        ? children(test).filter((c) => !['[', ']', ','].includes(c.name))
        : [test];
    const values = items.map((item) => constant(source, item));
    if (values.some((v) => v === undefined)) return undefined;
    return { subject: leftSubject, op: 'in', values: values as FeelLiteral[] };
  }
  let subject = subjectOf(source, left);
  let value = constant(source, right);
  let mirrored = false;
  if (!subject) {
    subject = subjectOf(source, right);
    value = constant(source, left);
    mirrored = true;
  }
  if (!subject || value === undefined) return undefined;
  if (opText === '=') return { subject, op: 'in', values: [value] };
  if (opText === '!=') return { subject, op: 'notIn', values: [value] };
  const order = ORDER[opText];
  if (!order || typeof value !== 'number') return undefined;
  return { subject, op: mirrored ? MIRROR[order] : order, value };
}

/** The shape of a condition, if it has one completeness can be decided on. */
export function conditionShape(
  source: string,
  names: readonly string[] = [],
): ConditionShape | undefined {
  if (feelSyntaxError(source, names) !== undefined) return undefined;
  return shapeOf(source, parse(source, names));
}

/** The FEEL functions that take a regular expression, with the positions of their arguments. */
const REGEX_FUNCTIONS: Record<string, { params: string[]; pattern: number; literal: number[] }> = {
  matches: { params: ['input', 'pattern', 'flags'], pattern: 1, literal: [1, 2] },
  replace: { params: ['input', 'pattern', 'replacement', 'flags'], pattern: 1, literal: [1, 2, 3] },
  split: { params: ['string', 'delimiter'], pattern: 1, literal: [1] },
};

/** One call of `matches`, `replace` or `split` in a condition, or a problem with one. */
export type FeelRegexUse =
  { fn: string; pattern: string; flags: string } | { fn: string; problem: string };

const quote = (source: string, node: SyntaxNode) => source.slice(node.from, node.to);

function stringLiteral(source: string, node: SyntaxNode | undefined): string | undefined {
  if (!node || node.name !== 'StringLiteral') return undefined;
  const value = constant(source, node);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Every use of the regular-expression functions in a condition (PROC-4). The pattern, the flags
 * and `replace`'s replacement must be string literals: one built from case data could be
 * written by the applicant. Any other mention of these names (a form field so named, the
 * function passed as a value) is a problem too, since at run time the name is the function.
 */
export function feelRegexUses(source: string, names: readonly string[] = []): FeelRegexUse[] {
  const uses: FeelRegexUse[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.name === 'VariableName') {
      const name = normalise(quote(source, node));
      const spec = REGEX_FUNCTIONS[name];
      if (!spec) return;
      const call = node.parent?.name === 'FunctionInvocation' && same(node.parent.firstChild, node);
      if (!call) {
        uses.push({
          fn: name,
          problem: `「${name}」是函数名，只能直接调用（同名的表单字段在条件中读不到）`,
        });
        return;
      }
      const params = children(node.parent!).find((c) =>
        ['PositionalParameters', 'NamedParameters'].includes(c.name),
      );
      const args = new Map<number, SyntaxNode>();
      if (params?.name === 'PositionalParameters') {
        children(params)
          .filter((c) => c.name !== ',')
          .forEach((arg, i) => args.set(i, arg));
      } else if (params) {
        for (const named of children(params).filter((c) => c.name === 'NamedParameter')) {
          const [key, value] = children(named).filter((c) => c.name !== ':');
          const index = key ? spec.params.indexOf(normalise(quote(source, key))) : -1;
          if (index < 0 || !value) {
            uses.push({
              fn: name,
              problem: `${name} 的参数「${key ? quote(source, key) : ''}」未知`,
            });
            return;
          }
          args.set(index, value);
        }
      }
      for (const index of spec.literal) {
        const arg = args.get(index);
        if (arg && stringLiteral(source, arg) === undefined) {
          uses.push({
            fn: name,
            problem: `${name} 的参数 ${spec.params[index]}「${quote(source, arg)}」应为字符串常量（不能由案件数据拼成）`,
          });
          return;
        }
      }
      const pattern = stringLiteral(source, args.get(spec.pattern));
      if (pattern === undefined) {
        uses.push({ fn: name, problem: `${name} 缺少正则表达式参数` });
        return;
      }
      const flagsAt = spec.params.indexOf('flags');
      uses.push({ fn: name, pattern, flags: stringLiteral(source, args.get(flagsAt)) ?? '' });
      return;
    }
    children(node).forEach(visit);
  };
  visit(parse(source, names));
  return uses;
}

/** Largest literal range a condition may iterate over (`for i in 1..100`). */
export const MAX_FEEL_RANGE = 1000;

/**
 * Why evaluating a condition might not be bounded by the size of the case data (PROC-4), in
 * Chinese; empty when it is. Iteration (`for`, `some`, `every`, a filter `list[…]`) may not nest:
 * one level over a list of case data costs that list's length, which form validation bounds; a
 * `for`/`some` with two `in` clauses is nesting too. A range iterated over needs literal bounds
 * at most MAX_FEEL_RANGE apart. Function definitions are refused: they can recurse.
 */
export function feelCostProblems(source: string, names: readonly string[] = []): string[] {
  const problems = new Set<string>();
  const literalRange = (from: SyntaxNode | undefined, to: SyntaxNode | undefined) => {
    const lo = from && constant(source, from);
    const hi = to && constant(source, to);
    return typeof lo === 'number' && typeof hi === 'number' && Math.abs(hi - lo) < MAX_FEEL_RANGE;
  };
  const checkRange = (context: SyntaxNode) => {
    let holder = context;
    const interval = children(context).find((c) => c.name === 'SimplePositiveUnaryTest');
    const inner = interval && children(interval).find((c) => c.name === 'Interval');
    if (inner) holder = inner;
    const kids = children(holder);
    const dots = kids.findIndex((c) => c.name === '..');
    if (dots < 0) return;
    const bounds = kids.filter((c) => !['[', ']', '(', ')', '..'].includes(c.name));
    if (bounds.length !== 2 || !literalRange(bounds[0], bounds[1])) {
      problems.add(
        `范围「${quote(source, context)}」的两端应为数字常量，且相差不超过 ${MAX_FEEL_RANGE}`,
      );
    }
  };
  const isIndex = (filter: SyntaxNode) => {
    const predicate = children(filter).filter((c) => !['[', ']'].includes(c.name))[1];
    return !!predicate && typeof constant(source, predicate) === 'number';
  };
  const nested = (node: SyntaxNode, outside: number, inside: number) => {
    // Reported once, where the second level starts.
    if (outside < 2 && inside >= 2) {
      problems.add(
        `迭代「${quote(source, node)}」嵌套超过一层（for、some、every 的每个 in 和过滤 […] 各算一层）`,
      );
    }
  };
  const visit = (node: SyntaxNode, depth: number) => {
    if (node.name === 'FunctionDefinition') {
      problems.add(`不能定义函数「${quote(source, node)}」：函数可以递归，求值时间没有上限`);
      return;
    }
    if (node.name === 'IterationContext') checkRange(node);
    const kids = children(node);
    if (node.name === 'ForExpression' || node.name === 'QuantifiedExpression') {
      // The n-th `in` clause is evaluated for every item of the clauses before it.
      const clauses = kids.find((c) => c.name === 'InExpressions');
      const list = clauses ? children(clauses).filter((c) => c.name === 'InExpression') : [];
      list.forEach((clause, i) => visit(clause, depth + i));
      const body = depth + Math.max(list.length, 1);
      nested(node, depth, body);
      kids.filter((c) => c.name !== 'InExpressions').forEach((c) => visit(c, body));
      return;
    }
    if (node.name === 'FilterExpression' && !isIndex(node)) {
      nested(node, depth, depth + 1);
      kids.forEach((c, i) => visit(c, i === 0 ? depth : depth + 1));
      return;
    }
    kids.forEach((child) => visit(child, depth));
  };
  visit(parse(source, names), 0);
  return [...problems];
}
