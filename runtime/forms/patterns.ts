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
 * Why a pattern may not be stored, or undefined. Patterns run on the server against what the
 * public submits, so besides compiling they must not backtrack without bound (ReDoS): they are
 * short, and a repeated group may not itself repeat or alternate, as in `(a+)+` or `(a|ab)*`.
 */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return '正则表达式不能为空';
  if (pattern.length > FORM_LIMITS.pattern) {
    return `正则表达式不能超过 ${FORM_LIMITS.pattern} 个字符`;
  }
  try {
    new RegExp(pattern);
  } catch (e) {
    return `正则表达式无法编译：${(e as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return '正则表达式不能使用反向引用';
  if (repeatsRepetition(pattern)) {
    return '正则表达式中重复的分组不能再含重复或“|”（如 (a+)+），否则校验可能极慢';
  }
  return undefined;
}

/** Whether a quantified group contains a quantifier or an alternation. */
function repeatsRepetition(pattern: string): boolean {
  // One frame per open group: whether something inside it repeats or alternates.
  const stack: boolean[] = [false];
  let closedRisky = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      closedRisky = false;
      continue;
    }
    if (c === '[') {
      // Skip a character class: nothing inside it groups or repeats.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      closedRisky = false;
      continue;
    }
    const repeat = c === '*' || c === '+' || (c === '{' && /^\{\d*,\d*\}/.test(pattern.slice(i)));
    if (repeat) {
      if (closedRisky) return true;
      stack[stack.length - 1] = true;
      continue;
    }
    if (c === '(') {
      stack.push(false);
    } else if (c === ')') {
      const inner = stack.pop() ?? false;
      if (stack.length === 0) stack.push(false);
      if (inner) stack[stack.length - 1] = true;
      closedRisky = inner;
      continue;
    } else if (c === '|') {
      stack[stack.length - 1] = true;
    }
    closedRisky = false;
  }
  return false;
}
