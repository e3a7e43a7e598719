import {
  creditCodeCheckCharacter,
  creditCodeProblem,
} from '../../../runtime/personal-data/credit-code';

// The window checks an organisation's 统一社会信用代码 on screen before registering (RUN-1).
describe('统一社会信用代码 check character (GB 32100-2015, RUN-1)', () => {
  test('the standard’s example passes; one changed character fails the check', () => {
    // GB 32100-2015's worked example.
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeProblem('91350100M000100Y43')).toBeUndefined();
    expect(creditCodeProblem('91350100m000100y43')).toBeUndefined();
    expect(creditCodeProblem('91350100M000100Y44')).toBe('校验位不正确');
    expect(creditCodeProblem('91350100M000101Y43')).toBe('校验位不正确');
  });

  test('wrong length or letters outside the alphabet are a format problem', () => {
    expect(creditCodeProblem('9133030')).toContain('18 位');
    expect(creditCodeProblem('91330303MA2AB1234I')).toContain('不含 I');
  });
});
