import { checkSync, type Diagnostics } from 'recheck/lib/browser.js';
import { compileRegex, jsForm } from './engine';

/**
 * Whether a stored pattern may be kept (PROC-4, FORM-3). It must compile for RE2 (the engine it
 * runs on, see `engine.ts`) and recheck must find that it cannot backtrack catastrophically on a
 * backtracking engine (exponential or polynomial): such a pattern is a mistake or an attack even
 * though RE2 runs it in linear time, and the studio's own checks and any copy of the schema
 * elsewhere may still use JavaScript's engine. recheck's pure build is computation only.
 */

/** How long recheck may think about one pattern; a pattern it cannot decide in time is refused. */
export const RECHECK_TIMEOUT_MS = 1500;

/** Distinct patterns one form or one flowchart may hold, so that checking it stays bounded. */
export const MAX_DISTINCT_PATTERNS = 20;

const verdicts = new Map<string, string | null>();

const COMPLEXITY: Record<string, string> = {
  exponential: '指数级',
  polynomial: '多项式级',
};

/**
 * recheck judges a pattern as a search (`test`, FEEL `matches`); a pattern that is safe as a
 * search may still blow up when matched whole (an HTML `pattern` attribute, a validator that
 * anchors it): `(a+)+` finds its match at once, `^(?:(a+)+)$` does not. Both must be safe.
 */
function diagnose(source: string, flags: string): Diagnostics {
  const params = { timeout: RECHECK_TIMEOUT_MS };
  const search = checkSync(source, flags, params);
  return search.status === 'safe' ? checkSync(`^(?:${source})$`, flags, params) : search;
}

/**
 * Why the pattern may not be stored (Chinese, to follow 「正则表达式「…」」), or undefined.
 * `flags` are FEEL's (`s`, `m`, `i`, `x`); form patterns have none.
 */
export function regexProblem(pattern: string, flags = ''): string | undefined {
  const compiled = compileRegex(pattern, flags);
  if (!compiled.ok) return compiled.problem;
  const form = jsForm(pattern, flags);
  if ('problem' in form) return form.problem;
  const key = `${form.flags}\u0000${form.source}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known ?? undefined;
  const result = diagnose(form.source, form.flags);
  let verdict: string | null = null;
  if (result.status === 'vulnerable') {
    const kind = COMPLEXITY[result.complexity.type] ?? result.complexity.type;
    verdict =
      `可能发生灾难性回溯（${kind}复杂度），` +
      '请去掉嵌套或相邻的重复（如 (a+)+、\\s*,\\s*）以及首尾多余的 .*';
  } else if (result.status === 'unknown') {
    verdict =
      result.error.kind === 'timeout'
        ? `无法在 ${RECHECK_TIMEOUT_MS / 1000} 秒内确认不会发生灾难性回溯，请简化`
        : `无法确认不会发生灾难性回溯（${'message' in result.error ? result.error.message : result.error.kind}），请简化`;
    // A timeout depends on the machine's load: decided again next time.
    if (result.error.kind === 'timeout') return verdict;
  }
  if (verdicts.size >= 1000) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict ?? undefined;
}
