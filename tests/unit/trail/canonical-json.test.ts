import { sm3 } from 'sm-crypto';
import { canonicalJson, CanonicalJsonError, sm3Hex } from '../../../runtime/trail';

describe('RUN-7 canonical JSON: one text per value, so a hash can be recomputed by anyone', () => {
  test("RFC 8785's own example gives RFC 8785's output", () => {
    const input = {
      // eslint-disable-next-line no-loss-of-precision -- the RFC's input, rounded on purpose
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  test("members are sorted by UTF-16 code units, as RFC 8785's sorting example", () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const text = canonicalJson(input);
    // The emoji (a surrogate pair, 0xD83D…) sorts before U+FB33, unlike by code point.
    const order = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) =>
      text.indexOf(`"${k}"`),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  test('insertion order does not matter, nested objects included', () => {
    const a = { 办理部门: { name: '区市场监管局', id: 'u1' }, seq: 1, at: 'x' };
    const b = { at: 'x', seq: 1, 办理部门: { id: 'u1', name: '区市场监管局' } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe(
      '{"at":"x","seq":1,"办理部门":{"id":"u1","name":"区市场监管局"}}',
    );
  });

  test('undefined members are left out, null is kept, dates become ISO strings in UTC', () => {
    expect(
      canonicalJson({
        opinion: undefined,
        office: null,
        at: new Date('2025-09-28T10:00:00+08:00'),
      }),
    ).toBe('{"at":"2025-09-28T02:00:00.000Z","office":null}');
  });

  test('numbers as ECMAScript writes them; -0 is 0', () => {
    expect(canonicalJson([-0, 0.1 + 0.2, 1e21, 123, -1.5])).toBe(
      '[0,0.30000000000000004,1e+21,123,-1.5]',
    );
  });

  test('Chinese, rare characters and emoji are written as they are; control characters escaped', () => {
    expect(canonicalJson('龙湾区𠮷\u{E0101}😀\u2028\t\u001f')).toBe(
      '"龙湾区𠮷\u{E0101}😀\u2028\\t\\u001f"',
    );
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  test('a null-prototype object is a plain object', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = 1;
    o.a = 2;
    expect(canonicalJson(o)).toBe('{"a":2,"b":1}');
  });

  class ObjectId {
    constructor(readonly id: string) {}
  }
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;

  test.each([
    ['NaN', { n: NaN }, 'n：数值 NaN'],
    ['Infinity', { values: [1, Infinity] }, 'values[1]：数值 Infinity'],
    ['a bigint', { n: 1n }, 'bigint'],
    ['a function', { f: () => 1 }, '函数'],
    ['undefined in an array', { list: [1, undefined] }, 'list[1]：undefined'],
    ['a Map', { m: new Map() }, 'Map 对象'],
    ['a database ObjectId', { owner: { _id: new ObjectId('x') } }, 'owner._id：ObjectId 对象'],
    ['an invalid date', { at: new Date('nope') }, '无效的日期'],
    ['a cycle', cycle, '循环引用'],
  ])('%s is refused, naming where', (_name, value, message) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(message);
  });
});

describe('RUN-7 SM3 (GB/T 32905-2016) of the UTF-8 bytes', () => {
  test("the standard's two examples", () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  test('characters outside the basic plane are hashed from their true UTF-8 bytes', () => {
    // U+E0101, a variation selector that fixes the glyph of a rare character in a name.
    expect(sm3Hex('\u{E0101}')).toBe(sm3([0xf3, 0xa0, 0x84, 0x81]));
    // 𠮷 U+20BB7.
    expect(sm3Hex('𠮷')).toBe(sm3([0xf0, 0xa0, 0xae, 0xb7]));
  });
});
