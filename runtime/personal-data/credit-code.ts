/**
 * 统一社会信用代码 by GB 32100-2015: 18 characters from 0-9 and 23 capital letters (no I, O, S,
 * V, Z); the last is a check character over the first 17, modulo 31.
 */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARS[(31 - (sum % 31)) % 31]!;
}

/** The problem with a credit code, in Chinese, or undefined when it is well formed. */
export function creditCodeProblem(value: string): string | undefined {
  const code = value.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
    return '应为 18 位数字或大写字母（不含 I、O、S、V、Z）';
  }
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return '校验位不正确';
  return undefined;
}
