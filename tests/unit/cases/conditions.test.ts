import { evaluate } from 'feelin';
import { conditionContext, conditionHolds } from '../../../runtime/cases';
import type { CaseState } from '../../../runtime/cases/state';
import { FEEL_REGEX_FUNCTIONS } from '../../../runtime/regex/engine';
import { CaseError } from '../../../runtime/cases';

const VALUES: unknown[] = [
  undefined,
  null,
  'a',
  'b',
  '',
  1,
  5,
  0,
  1.5,
  true,
  false,
  ['a'],
  { k: 1 },
];
const CONDITIONS = [
  'x = "a"',
  'x != "a"',
  'x = 1',
  'x != 1',
  'x = 1.5',
  'x = true',
  'x != false',
  'x = ""',
  'applicant.type = "person"',
  'applicant.type != "person"',
  'count = 1',
];

describe('gateway conditions (PROC-3, RUN-3)', () => {
  test.each(CONDITIONS)(
    'RUN-3 `%s` holds exactly when feelin says it is true, for every kind of value',
    (source) => {
      for (const value of VALUES) {
        const context = source.startsWith('applicant')
          ? { applicant: value === undefined ? undefined : { type: value } }
          : value === undefined
            ? {}
            : { x: value, count: value };
        const feel = evaluate(source, context).value === true;
        expect([source, value, conditionHolds(source, context, '测试')]).toEqual([
          source,
          value,
          feel,
        ]);
      }
    },
  );

  test('RUN-3 other conditions are evaluated by feelin', () => {
    expect(
      conditionHolds(
        'amount > 1000 and scale in ["large", "medium"]',
        { amount: 5000, scale: 'medium' },
        'g',
      ),
    ).toBe(true);
    expect(conditionHolds('amount > 1000', {}, 'g')).toBe(false);
  });

  test('RUN-5 a condition that cannot be read is an error naming the gateway, never a silent false', () => {
    let error: unknown;
    try {
      conditionHolds('amount >', { amount: 1 }, '网关「规模」');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaseError);
    expect((error as CaseError).code).toBe('condition_error');
    expect((error as CaseError).message).toContain('网关「规模」');
  });
});

describe('regular expressions in conditions run on RE2 (PROC-3, PROC-4, issue 11)', () => {
  const stateWith = (values: Record<string, unknown>) =>
    ({
      forms: [{ key: 'apply', values }],
      applicant: { type: 'person' },
      channel: 'online',
    }) as unknown as CaseState;

  test('PROC-4 matches with a catastrophic pattern on 10,000 characters answers at once (linear engine)', () => {
    const context = conditionContext(
      stateWith({ applicantName: 'a'.repeat(9_999) + '!' }),
      'apply',
    );
    const started = performance.now();
    const holds = conditionHolds('matches(applicantName, "^(a+)+$")', context, '网关「姓名」');
    const ms = performance.now() - started;
    console.log(
      `PROC-4 matches(applicantName, "^(a+)+$") on 10,000 characters: ${ms.toFixed(1)} ms`,
    );
    expect(holds).toBe(false);
    expect(ms).toBeLessThan(1000);
    // Also when the caller's context lacks the functions: conditionHolds puts them in.
    const raw = performance.now();
    expect(conditionHolds('matches(x, "^(a+)+$")', { x: 'a'.repeat(9_999) + '!' }, 'g')).toBe(
      false,
    );
    expect(performance.now() - raw).toBeLessThan(1000);
  });

  test('PROC-4 a form field named matches cannot replace the function', () => {
    const context = conditionContext(
      stateWith({ applicantName: 'abc', matches: 'x', replace: 1, split: null }),
      'apply',
    );
    expect(context.matches).toBe(FEEL_REGEX_FUNCTIONS.matches);
    expect(conditionHolds('matches(applicantName, "^a")', context, 'g')).toBe(true);
    expect(conditionHolds('split(applicantName, "b") = ["a", "c"]', context, 'g')).toBe(true);
    expect(conditionHolds('replace(applicantName, "b", "-") = "a-c"', context, 'g')).toBe(true);
  });

  // FEEL text of each call, compared with feelin's built-ins on safe patterns.
  const SAME_AS_FEELIN: [string, Record<string, unknown>][] = [
    ['matches(x, "^zhang")', { x: 'zhang san' }],
    ['matches(x, "^ZHANG", "i")', { x: 'zhang san' }],
    ['matches(x, "^ZHANG")', { x: 'zhang san' }],
    ['matches(x, "a.b", "s")', { x: 'a\nb' }],
    ['matches(x, "a.b")', { x: 'a\nb' }],
    ['matches(x, "^b$", "m")', { x: 'a\nb' }],
    ['matches(x, "^b$")', { x: 'a\nb' }],
    ['matches(x, "^[\\u4e00-\\u9fa5]+$")', { x: '温州市' }],
    ['matches(x, "^\\d{6}$")', { x: '325000' }],
    ['matches(input: x, pattern: "b+")', { x: 'abbc' }],
    ['matches(x, "(")', { x: 'a' }],
    ['matches(x, "a", "q")', { x: 'a' }],
    ['matches(x, "a")', { x: 12 }],
    ['matches(x, "a")', {}],
    ['replace(x, "(\\d{3})(\\d{4})(\\d{4})", "$1****$3")', { x: '13812345678' }],
    ['replace(x, "b", "[$0]")', { x: 'abcb' }],
    ['replace(x, "B", "-", "i")', { x: 'abcb' }],
    ['replace(x, "x*", "-")', { x: 'abc' }],
    ['replace(x, "(a)|(z)", "[$2]")', { x: 'abc' }],
    ['replace(x, "市", "")', { x: '温州市龙湾区' }],
    ['replace(x, "😀", "!")', { x: 'a😀b' }],
    ['split(x, ",")', { x: 'a,b,,c,' }],
    ['split(x, "\\s+")', { x: 'John  Doe Jr' }],
    ['split(x, "")', { x: 'abc' }],
    ['split(x, ",")', { x: '' }],
    ['split(x, "[,，]")', { x: '甲，乙,丙' }],
    ['split(x, "x*")', { x: 'abc' }],
  ];

  test.each(SAME_AS_FEELIN)(
    'PROC-3 %s gives what feelin’s built-in gives (%j)',
    (source, values) => {
      const ours = evaluate(source, conditionContext(stateWith(values), 'apply')).value;
      const feelin = evaluate(source, values).value;
      expect(ours).toEqual(feelin);
    },
  );

  test('PROC-3 where FEEL (XPath) differs from feelin, the functions follow FEEL', () => {
    const run = (source: string, values: Record<string, unknown>) =>
      evaluate(source, conditionContext(stateWith(values), 'apply')).value;
    // `\$` and `\\` are literal in a replacement; `$$` is not FEEL (feelin: JavaScript's `$`).
    expect(run('replace(x, "b", "\\\\$")', { x: 'abc' })).toBe('a$c');
    expect(run('replace(x, "b", "$$")', { x: 'abc' })).toBeNull();
    // $N takes as many digits as name a group; beyond 9 the last digit is literal.
    expect(run('replace(x, "(b)", "$10")', { x: 'abc' })).toBe('ab0c');
    // Captured groups are not part of split's result (XPath tokenize); feelin includes them.
    expect(run('split(x, "(,)")', { x: 'a,b' })).toEqual(['a', 'b']);
    expect(evaluate('split(x, "(,)")', { x: 'a,b' }).value).toEqual(['a', ',', 'b']);
    // The x flag (whitespace in the pattern ignored), which feelin does not implement.
    expect(run('matches(x, "^ \\d{3} - \\d{4} $", "x")', { x: '123-4567' })).toBe(true);
    expect(() => evaluate('matches(x, "^ a $", "x")', { x: 'a' })).toThrow(/not implemented/);
  });
});
