import { evaluate } from 'feelin';
import { conditionHolds } from '../../../runtime/cases';
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
