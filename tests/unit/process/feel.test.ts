import {
  conditionShape,
  feelReferences,
  feelSyntaxError,
  isBuiltinFunction,
} from '../../../runtime/process/feel';
import { parseIsoDuration } from '../../../runtime/process/duration';

describe('reading FEEL conditions without running them (PROC-3)', () => {
  test.each([
    ['amount > 100', undefined],
    ['applicant.type = "person" and scale in ["small", "large"]', undefined],
    ['', 0],
    ['   ', 0],
    ['amount >', 8],
    ['(amount > 1', 11],
  ])('PROC-4 syntax of %j: error at %p', (source, at) => {
    expect(feelSyntaxError(source)).toBe(at);
  });

  test('PROC-3 a name with spaces parses when it is known', () => {
    expect(feelSyntaxError('company name = "甲"', ['company name'])).toBeUndefined();
    expect(feelReferences('company name = "甲"', ['company name']).paths).toEqual(['company name']);
  });

  test('PROC-3 the case data a condition reads, without names it binds itself', () => {
    expect(
      feelReferences(
        'applicant.type = "person" and count(items[price > 1]) > 0 and (for x in list return x + base) = [] and some y in list satisfies y > limit',
      ),
    ).toEqual({
      paths: ['applicant.type', 'items', 'list', 'base', 'limit'],
      functions: ['count'],
    });
  });

  test('PROC-3 built-in functions are known, others are not', () => {
    expect(isBuiltinFunction('count')).toBe(true);
    expect(isBuiltinFunction('string length')).toBe(true);
    expect(isBuiltinFunction('not')).toBe(true);
    expect(isBuiltinFunction('launch missiles')).toBe(false);
  });

  test.each([
    ['x = "a"', { subject: 'x', op: 'in', values: ['a'] }],
    ['"a" = x', { subject: 'x', op: 'in', values: ['a'] }],
    ['x != 1', { subject: 'x', op: 'notIn', values: [1] }],
    ['not(x = "a")', { subject: 'x', op: 'notIn', values: ['a'] }],
    ['not(x != "a")', { subject: 'x', op: 'in', values: ['a'] }],
    ['x in ["a", "b"]', { subject: 'x', op: 'in', values: ['a', 'b'] }],
    ['(a.b <= -5)', { subject: 'a.b', op: 'le', value: -5 }],
    ['10 > x', { subject: 'x', op: 'lt', value: 10 }],
    ['flag', { subject: 'flag', op: 'in', values: [true], bare: true }],
    ['x = y', undefined],
    ['x > "a"', undefined],
    ['x in [1..5]', undefined],
    ['not(x < 5)', undefined],
    ['x = 1 and y = 2', undefined],
    ['x = (for i in 1..100000000 return i)', undefined],
  ])('PROC-4 the shape of %j', (source, shape) => {
    expect(conditionShape(source)).toEqual(shape);
  });
});

describe('ISO 8601 durations for timers (PROC-2)', () => {
  test.each([
    ['P3D', { days: 3 }],
    ['PT4H', { hours: 4 }],
    ['P1DT12H', { days: 1, hours: 12 }],
    ['P2W', { weeks: 2 }],
    ['P1Y2M3DT4H5M6.5S', { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6.5 }],
    ['PT0,5H', { hours: 0.5 }],
  ])('%s is a duration', (text, parts) => {
    expect(parseIsoDuration(text)).toEqual({
      years: 0,
      months: 0,
      weeks: 0,
      days: 0,
      hours: 0,
      minutes: 0,
      seconds: 0,
      ...parts,
    });
  });

  test.each(['', 'P', 'PT', 'P0D', '3D', 'P3', 'PT4D', 'P1W2D', 'P-1D', 'R3/P1D', 'P1DT'])(
    '%j is not',
    (text) => {
      expect(parseIsoDuration(text)).toBeUndefined();
    },
  );
});
