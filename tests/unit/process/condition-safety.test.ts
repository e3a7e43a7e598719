import { feelCostProblems, feelRegexUses } from '../../../runtime/process/feel';
import { verifyProcess, type ProcessProblem } from '../../../runtime/process/verify';
import { chain, context, end, flow, processXml, start, user, xor } from './build';

/** start → 受理 → gateway g → c0 (the condition given) → e0 | c1 (default) → e1. */
function gated(condition: string, fields: { key: string; type: string; label: string }[] = []) {
  const xml = processXml(
    [
      start(),
      user('accept', '受理'),
      xor('g', '是否通过', 'c1'),
      end('e0', '办结'),
      end('e1', '退回'),
      ...chain(['start', 'accept', 'g']),
      flow('c0', 'g', 'e0', { condition, name: '通过' }),
      flow('c1', 'g', 'e1', { name: '其他' }),
    ],
    { form: 'apply' },
  );
  const ctx = context();
  ctx.forms.apply = [
    ...ctx.forms.apply!,
    { key: 'applicantName', type: 'text', label: '申请人姓名' },
    { key: 'pattern', type: 'text', label: '格式' },
    { key: 'rows', type: 'table', label: '明细' },
    ...fields,
  ];
  return verifyProcess(xml, ctx);
}

const rules = ['county/condition-regex', 'county/condition-cost'];
async function refusals(condition: string, fields?: Parameters<typeof gated>[1]) {
  const result = await gated(condition, fields);
  return result.problems.filter((p: ProcessProblem) => rules.includes(p.rule));
}

describe('regular expressions in conditions are refused unless safe (PROC-4, issue 11)', () => {
  test('PROC-4 matches(applicantName, "^(a+)+$") is refused, naming the flow and the pattern', async () => {
    const result = await gated('matches(applicantName, "^(a+)+$")');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        rule: 'county/condition-regex',
        message: expect.stringMatching(
          /^连线「通过」\(c0\)的条件中 matches 的正则表达式「\^\(a\+\)\+\$」可能发生灾难性回溯（指数级复杂度）/,
        ),
        elementId: 'c0',
      },
    ]);
  });

  test.each([
    ['replace', 'replace(applicantName, "(x+x+)+y", "") = ""', '「(x+x+)+y」'],
    ['split', 'count(split(applicantName, "\\\\s*,\\\\s*")) > 1', '「\\s*,\\s*」'],
    ['matches with flags', 'matches(applicantName, "^(a|a)*$", "i")', '（标志「i」）'],
    ['named arguments', 'matches(pattern: "(a+)+", input: applicantName)', '「(a+)+」'],
  ])('PROC-4 %s: a vulnerable pattern is refused', async (_k, condition, named) => {
    const found = await refusals(condition);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(named);
    expect(found[0]!.message).toContain('灾难性回溯');
  });

  test.each([
    ['a pattern from case data', 'matches(applicantName, pattern)', 'pattern「pattern」'],
    ['a pattern built from case data', 'matches(applicantName, "^" + pattern)', '应为字符串常量'],
    ['flags from case data', 'matches(applicantName, "a", pattern)', 'flags「pattern」'],
    ['a replacement from case data', 'replace(applicantName, "a", pattern) = "b"', 'replacement'],
    ['the function as a value', '{m: matches}.m(applicantName, "a")', '只能直接调用'],
  ])('PROC-4 %s is refused at verification', async (_k, condition, message) => {
    const found = await refusals(condition);
    expect(found.map((p) => p.rule)).toEqual(['county/condition-regex']);
    expect(found[0]!.message).toContain(message);
  });

  test('PROC-4 a form field named matches cannot be read: at run time the name is the function', async () => {
    const found = await refusals('matches = "是"', [
      { key: 'matches', type: 'text', label: '匹配' },
    ]);
    expect(found.map((p) => p.message)).toEqual([
      '连线「通过」(c0)的条件中：「matches」是函数名，只能直接调用（同名的表单字段在条件中读不到）',
    ]);
  });

  test.each([
    ['look-ahead', 'matches(applicantName, "^(?=.*\\\\d)")'],
    ['a back-reference', 'matches(applicantName, "(a)\\\\1")'],
  ])('PROC-4 %s compiles in JavaScript but not on RE2: refused', async (_k, condition) => {
    const found = await refusals(condition);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('线性时间引擎 RE2 不支持');
  });

  test('PROC-4 bad flags and patterns that do not compile are refused', async () => {
    expect((await refusals('matches(applicantName, "a", "g")'))[0]!.message).toContain(
      '标志「g」无效',
    );
    expect((await refusals('matches(applicantName, "(")'))[0]!.message).toContain('无法编译');
  });

  test.each([
    'matches(applicantName, "^[\\\\u4e00-\\\\u9fa5]{2,4}$")',
    'matches(applicantName, "公司")',
    'matches(applicantName, "^zhang", "i")',
    'replace(applicantName, "(\\\\d{3})(\\\\d{4})", "$1-$2") != ""',
    'count(split(applicantName, ",")) > 1',
    'matches(applicantName, "^ a b $", "x")',
  ])('PROC-4 safe literal pattern %s verifies', async (condition) => {
    const result = await gated(condition);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('conditions whose evaluation is bounded by the case data (PROC-4, issue 11)', () => {
  test('PROC-4 for i in 1..1000000000 is refused: ranges need literal bounds at most 1000 apart', async () => {
    const found = await refusals('count(for i in 1..1000000000 return i) > 0');
    expect(found).toEqual([
      {
        rule: 'county/condition-cost',
        message:
          '连线「通过」(c0)的条件中：范围「1..1000000000」的两端应为数字常量，且相差不超过 1000',
        elementId: 'c0',
      },
    ]);
  });

  test.each([
    [
      'a range with a bound from case data',
      'some x in 1..amount satisfies x > 3',
      '范围「1..amount」',
    ],
    ['a bracketed range', 'count(for i in [0..5000] return i) > 1', '范围「[0..5000]」'],
    ['nested for', 'count(for a in rows return for b in rows return b) > 1', '嵌套超过一层'],
    ['two in clauses', 'some a in rows, b in rows satisfies a = b', '嵌套超过一层'],
    ['a filter inside some', 'some a in rows satisfies count(rows[item = a]) > 1', '嵌套超过一层'],
    ['a function definition', '{f: function(n) f(n)}.f(1) = 1', '不能定义函数'],
  ])('PROC-4 %s is refused', async (_k, condition, message) => {
    const found = await refusals(condition);
    expect(found.map((p) => p.rule)).toEqual(['county/condition-cost']);
    expect(found[0]!.message).toContain(message);
  });

  test.each([
    'count(for i in 1..10 return i) > 1',
    'some r in rows satisfies r.amount > 100',
    'count(rows[item.amount > 100]) > 0',
    'rows[1].amount > 1',
    'count(rows[item.a > 1]) > 0 and count(rows[item.b > 1]) > 0',
    'amount in [1..amount]',
  ])('PROC-4 one level of iteration or a literal range verifies: %s', async (condition) => {
    const result = await gated(condition);
    expect(result.problems).toEqual([]);
  });

  test('feelRegexUses and feelCostProblems read the parse tree, not the text', () => {
    expect(feelRegexUses('"matches(x, y)" = x', ['x', 'y'])).toEqual([]);
    expect(feelCostProblems('"for i in 1..1000000000" = x', ['x'])).toEqual([]);
  });
});
