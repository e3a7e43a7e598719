import { regexProblem } from '../regex/safety';
import { FORM_LIMITS } from './field-types';

/** Patterns a designer picks by name instead of writing one. */
export const PATTERN_PRESETS: { label: string; pattern: string }[] = [
  { label: '手机号', pattern: '^1[3-9]\\d{9}$' },
  { label: '邮编', pattern: '^\\d{6}$' },
  { label: '电子邮箱', pattern: '^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$' },
  { label: '统一社会信用代码', pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$' },
  { label: '纯数字', pattern: '^\\d+$' },
  { label: '汉字', pattern: '^[\\u4e00-\\u9fa5]+$' },
];

/**
 * Why a pattern may not be stored, or undefined (FORM-3). Patterns run against what the public
 * submits: they are short, written in JavaScript's syntax, must compile for RE2 (the linear-time
 * engine `validateSubmission` runs them on, so no back-references or look-around) and must not
 * be able to backtrack catastrophically, as recheck decides (`runtime/regex/safety.ts`).
 */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return '正则表达式不能为空';
  if (pattern.length > FORM_LIMITS.pattern) {
    return `正则表达式不能超过 ${FORM_LIMITS.pattern} 个字符`;
  }
  const problem = regexProblem(pattern);
  return problem && `正则表达式「${pattern}」${problem}`;
}
