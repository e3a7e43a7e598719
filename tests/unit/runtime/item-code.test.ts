import {
  buildItemCode,
  ITEM_TYPE_CODES,
  ItemCodeError,
  parseItemCode,
  subjectCode,
  validateItemCode,
} from '../../../runtime';

const fields = (code: string) => {
  const parsed = parseItemCode(code);
  return parsed.ok ? [] : parsed.problems.map((p) => p.field);
};

describe('item codes (CAT-4)', () => {
  test("the guideline's two examples parse into their parts", () => {
    expect(parseItemCode('33030300AJ-CF-0003')).toEqual({
      ok: true,
      parts: { countyCode: '330303', townshipCode: '00', deptCode: 'AJ', type: 'CF', serial: 3 },
    });
    expect(parseItemCode('33030300GS-DL-0001')).toMatchObject({
      ok: true,
      parts: { deptCode: 'GS', type: 'DL', serial: 1 },
    });
  });

  test('build is the inverse of parse, for every type and a township subject', () => {
    for (const type of ITEM_TYPE_CODES) {
      const code = buildItemCode({
        countyCode: '330303',
        townshipCode: '12',
        deptCode: 'HC',
        type,
        serial: 42,
      });
      expect(code).toBe(`33030312HC-${type}-0042`);
      expect(parseItemCode(code)).toEqual({
        ok: true,
        parts: { countyCode: '330303', townshipCode: '12', deptCode: 'HC', type, serial: 42 },
      });
    }
    expect(subjectCode({ countyCode: '330303', townshipCode: '00', deptCode: 'AJ' })).toBe(
      '33030300AJ',
    );
  });

  test.each([
    ['no separators', '33030300AJCF0003', ['code']],
    ['four pieces', '33030300AJ-CF-00-03', ['code']],
    ['a short subject', '330303AJ-CF-0003', ['code']],
    ['spaces around it', ' 33030300AJ-CF-0003', ['code']],
    ['letters in the county code', '3303A300AJ-CF-0003', ['countyCode']],
    ['an unknown province', '99030300AJ-CF-0003', ['countyCode']],
    ['a city instead of a county', '33030000AJ-CF-0003', ['countyCode']],
    ['a letter in the township', '3303030AAJ-CF-0003', ['townshipCode']],
    ['lower-case department letters', '33030300aj-CF-0003', ['deptCode']],
    ['digits as department letters', '3303030012-CF-0003', ['deptCode']],
    ['an unknown type', '33030300AJ-XX-0003', ['type']],
    ['a lower-case type', '33030300AJ-cf-0003', ['type']],
    ['a three-digit serial', '33030300AJ-CF-003', ['serial']],
    ['serial 0000', '33030300AJ-CF-0000', ['serial']],
    ['letters in the serial', '33030300AJ-CF-00O3', ['serial']],
    ['several faults at once', '33030300aj-XX-03', ['deptCode', 'type', 'serial']],
  ])('%s is refused with a reason for that field', (_what, code, expected) => {
    expect(fields(code)).toEqual(expected);
    const parsed = parseItemCode(code);
    if (!parsed.ok) for (const p of parsed.problems) expect(p.message.length).toBeGreaterThan(5);
  });

  test('a lower-case type gets the upper-case spelling as a hint', () => {
    const parsed = parseItemCode('33030300AJ-cf-0003');
    expect(!parsed.ok && parsed.problems[0]!.message).toContain('「CF」');
  });

  test('building refuses bad parts and serials beyond 9999', () => {
    expect(() =>
      buildItemCode({
        countyCode: '330303',
        townshipCode: '00',
        deptCode: 'AJ',
        type: 'CF',
        serial: 10000,
      }),
    ).toThrow(ItemCodeError);
    expect(() =>
      buildItemCode({
        countyCode: '330303',
        townshipCode: '00',
        deptCode: 'AJ',
        type: 'CF',
        serial: 0,
      }),
    ).toThrow(/0001/);
    expect(() =>
      buildItemCode({
        countyCode: '330303',
        townshipCode: '00',
        deptCode: 'AJ',
        type: 'CF',
        serial: 1.5,
      }),
    ).toThrow(/4 位/);
    expect(() => subjectCode({ countyCode: '330303', townshipCode: '0', deptCode: 'aj' })).toThrow(
      /乡镇.*；.*大写/,
    );
  });

  test('validation also checks the code against the item’s own subject and type', () => {
    expect(
      validateItemCode('33030300AJ-CF-0003', { subjectCode: '33030300AJ', type: 'CF' }),
    ).toEqual([]);
    expect(
      validateItemCode('33030300AJ-CF-0003', { subjectCode: '33030300GS', type: 'XK' }).map(
        (p) => p.field,
      ),
    ).toEqual(['code', 'type']);
  });
});
