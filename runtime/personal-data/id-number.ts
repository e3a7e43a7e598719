/**
 * Resident identity card numbers (公民身份号码) by GB 11643-1999: six digits of region, eight of
 * birth date, three of sequence (odd for men), and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checkDigit';

export const ID_NUMBER_PROBLEM_TEXT: Record<IdNumberProblem, string> = {
  format: '应为 18 位，前 17 位为数字，末位为数字或 X',
  region: '前 6 位不是有效的行政区划代码',
  birthDate: '第 7–14 位不是有效的出生日期',
  checkDigit: '校验位不正确',
};

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** The first problem with an ID number, or undefined when it is well formed. `today` bounds birth dates. */
export function idNumberProblem(value: string, today: string): IdNumberProblem | undefined {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  // Province codes run 11–65 (and 71, 81, 82 for Taiwan, Hong Kong, Macao residents' permits).
  const province = Number(id.slice(0, 2));
  if (!((province >= 11 && province <= 65) || [71, 81, 82, 83].includes(province))) return 'region';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const valid =
    y >= 1900 &&
    birth.getUTCFullYear() === y &&
    birth.getUTCMonth() === m - 1 &&
    birth.getUTCDate() === d &&
    id.slice(6, 14) <= today.replaceAll('-', '');
  if (!valid) return 'birthDate';
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return 'checkDigit';
  return undefined;
}

/** 330303199001011234 → 330303********1234: what public pages and lists may show. */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 张三 → 张*，欧阳修文 → 欧***: the family name stays, the given name is hidden. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  return phone.length >= 7
    ? `${phone.slice(0, 3)}****${phone.slice(-4)}`
    : '*'.repeat(phone.length);
}
