import { civilDateOf } from '../../../runtime/calendar';
import {
  applicationNoCounterKey,
  caseNoCounterKey,
  formatApplicationNo,
  formatCaseNo,
  NumberFormatError,
  numberKind,
  parseApplicationNo,
  parseCaseNo,
} from '../../../runtime/numbers';

const fields = (result: { ok: boolean; problems?: { field: string }[] }) =>
  result.ok ? [] : result.problems!.map((p) => p.field);

describe('RUN-11 case numbers: subject code, acceptance date, six-digit serial', () => {
  test('a case number is built from its parts and read back', () => {
    const parts = { subjectCode: '33030300AJ', date: '2026-11-22', serial: 123 };
    expect(formatCaseNo(parts)).toBe('33030300AJ-20261122-000123');
    expect(parseCaseNo('33030300AJ-20261122-000123')).toEqual({ ok: true, parts });
  });

  test('a township subject keeps its township code', () => {
    expect(formatCaseNo({ subjectCode: '33030301YZ', date: '2026-01-05', serial: 1 })).toBe(
      '33030301YZ-20260105-000001',
    );
  });

  test('the date is the acceptance day in Asia/Shanghai, not UTC', () => {
    // 20:30 UTC on 11-21 is 04:30 on 11-22 in Wenzhou.
    const date = civilDateOf('2026-11-21T20:30:00Z');
    expect(formatCaseNo({ subjectCode: '33030300AJ', date, serial: 7 })).toBe(
      '33030300AJ-20261122-000007',
    );
  });

  test('what an applicant types — full-width, spaces, other dashes, no dashes, lower case — is read', () => {
    const expected = { subjectCode: '33030300AJ', date: '2026-11-22', serial: 123 };
    for (const typed of [
      ' 33030300aj-20261122-000123 ',
      '３３０３０３００ＡＪ－２０２６１１２２－０００１２３',
      '33030300AJ—20261122——000123',
      '33030300AJ 20261122 000123',
      '33030300AJ20261122000123',
    ]) {
      expect(parseCaseNo(typed)).toEqual({ ok: true, parts: expected });
    }
  });

  test.each([
    ['the wrong shape', '33030300AJ-2026112-000123', ['number']],
    ['a seven-digit serial', '33030300AJ-20261122-0000123', ['number']],
    ['a city instead of a county', '33030000AJ-20261122-000123', ['subjectCode']],
    ['an unknown province', '99030300AJ-20261122-000123', ['subjectCode']],
    ['a date that does not exist', '33030300AJ-20260230-000123', ['date']],
    ['serial zero', '33030300AJ-20261122-000000', ['serial']],
    ['a bad date and serial at once', '33030300AJ-20261340-000000', ['date', 'serial']],
  ])('%s is refused with the reason', (_name, input, expected) => {
    expect(fields(parseCaseNo(input))).toEqual(expected);
  });

  test('a refusal says what a case number looks like', () => {
    expect(parseCaseNo('AJ-123')).toEqual({
      ok: false,
      problems: [
        {
          field: 'number',
          message:
            '办件编号「AJ-123」应为办理主体编码-受理日期-6 位流水号，如 33030300AJ-20261122-000123',
        },
      ],
    });
    expect(parseCaseNo('33030000AJ-20261122-000123')).toMatchObject({
      problems: [{ message: expect.stringContaining('地市级代码') }],
    });
  });

  test('building from bad parts throws, naming each bad part', () => {
    const bad = () => formatCaseNo({ subjectCode: '330303AJ', date: '2026-02-30', serial: 1e6 });
    expect(bad).toThrow(NumberFormatError);
    try {
      bad();
    } catch (e) {
      expect((e as NumberFormatError).problems.map((p) => p.field)).toEqual([
        'subjectCode',
        'date',
        'serial',
      ]);
    }
    expect(() =>
      formatCaseNo({ subjectCode: '33030300AJ', date: '2026-11-22', serial: 1.5 }),
    ).toThrow('流水号');
  });

  test('the counter is per subject and day and named like the numbers it issues', () => {
    expect(caseNoCounterKey({ subjectCode: '33030300AJ', date: '2026-11-22' })).toBe(
      '33030300AJ-20261122',
    );
    expect(caseNoCounterKey({ subjectCode: '33030300AJ', date: '2026-11-23' })).not.toBe(
      caseNoCounterKey({ subjectCode: '33030300AJ', date: '2026-11-22' }),
    );
    expect(caseNoCounterKey({ subjectCode: '33030300GS', date: '2026-11-22' })).not.toBe(
      caseNoCounterKey({ subjectCode: '33030300AJ', date: '2026-11-22' }),
    );
    expect(formatCaseNo({ subjectCode: '33030300AJ', date: '2026-11-22', serial: 9 })).toMatch(
      new RegExp(`^${caseNoCounterKey({ subjectCode: '33030300AJ', date: '2026-11-22' })}-`),
    );
    expect(() => caseNoCounterKey({ subjectCode: '33030300aj', date: '2026-11-22' })).toThrow(
      NumberFormatError,
    );
  });
});

describe('RUN-11 application numbers: SQ, county, submission date, six-digit serial (POR-6)', () => {
  test('an application number is built and read back', () => {
    const parts = { countyCode: '330303', date: '2026-11-22', serial: 45 };
    expect(formatApplicationNo(parts)).toBe('SQ-330303-20261122-000045');
    expect(parseApplicationNo('SQ-330303-20261122-000045')).toEqual({ ok: true, parts });
    expect(parseApplicationNo('sq３３０３０３２０２６１１２２００００４５')).toEqual({
      ok: true,
      parts,
    });
  });

  test.each([
    ['a missing prefix', '330303-20261122-000045', ['number']],
    ['a city code', 'SQ-330300-20261122-000045', ['countyCode']],
    ['a bad date', 'SQ-330303-20261322-000045', ['date']],
  ])('%s is refused', (_name, input, expected) => {
    expect(fields(parseApplicationNo(input))).toEqual(expected);
  });

  test('the counter is per county and day', () => {
    expect(applicationNoCounterKey({ countyCode: '330303', date: '2026-11-22' })).toBe(
      'SQ-330303-20261122',
    );
  });

  test('case and application numbers cannot be mistaken for each other', () => {
    expect(numberKind('33030300AJ-20261122-000123')).toBe('case');
    expect(numberKind('SQ-330303-20261122-000045')).toBe('application');
    expect(numberKind('33030300AJ-CF-0003')).toBeUndefined();
    expect(parseCaseNo('SQ-330303-20261122-000045').ok).toBe(false);
    expect(parseApplicationNo('33030300AJ-20261122-000123').ok).toBe(false);
  });
});
