import {
  checkCharacter,
  idNumberProblem,
  maskIdNumber,
  maskName,
  maskPhone,
} from '../../../runtime/personal-data/id-number';

const TODAY = '2026-11-22';
// Built here with the rule's own arithmetic checked by hand for the first one: the weighted sum of
// 11010519491231002 is 167, 167 mod 11 = 2, and the check table maps 2 to X.
const VALID = '11010519491231002X';

describe('resident ID numbers by GB 11643-1999 (FORM-3, RUN-8)', () => {
  test('the check character follows ISO 7064 MOD 11-2', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(idNumberProblem(VALID, TODAY)).toBeUndefined();
    expect(idNumberProblem(VALID.toLowerCase(), TODAY)).toBeUndefined();
  });

  test.each([
    ['too short', '1101051949123100', 'format'],
    ['a letter inside', '11010519491231A02X', 'format'],
    ['unknown province', '99010519491231002X', 'region'],
    ['seventeen characters', '11010519491231002', 'format'],
  ])('%s is refused', (_what, id, problem) => {
    expect(idNumberProblem(id, TODAY)).toBe(problem);
  });

  test('an impossible or future birth date is refused', () => {
    const feb30 = '11010519490230002';
    expect(idNumberProblem(feb30 + checkCharacter(feb30), TODAY)).toBe('birthDate');
    const future = '11010520271231002';
    expect(idNumberProblem(future + checkCharacter(future), TODAY)).toBe('birthDate');
  });

  test('every wrong check character is caught', () => {
    for (const c of '0123456789X') {
      if (c === 'X') continue;
      expect(idNumberProblem(`11010519491231002${c}`, TODAY)).toBe('checkDigit');
    }
  });

  test('masking keeps only what public pages may show', () => {
    expect(maskIdNumber('330303199001011234')).toBe('330303********1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳修文')).toBe('欧***');
    expect(maskName('李')).toBe('李');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
