import { RE2JS } from 're2js';

/**
 * Regular expressions from stored definitions (form `pattern`s, FEEL `matches`/`replace`/`split`
 * in gateway conditions) run on RE2 (re2js, a pure JS port): matching takes time linear in the
 * input whatever the pattern, so no pattern can stall the server (PROC-4, FORM-3).
 *
 * A pattern is written in JavaScript's syntax with the `u` flag (what feelin and the studio
 * understood before) and must also compile on RE2, so the same text is accepted by verification
 * and run the same way everywhere: RE2 has no back-references and no look-around.
 */

/** FEEL's flags (XPath): s dot matches newlines, m multi-line, i case-insensitive, x whitespace ignored. */
const FEEL_FLAGS = /^[smix]*$/;

export type CompiledRegex = { ok: true; re: RE2JS } | { ok: false; problem: string };

const cache = new Map<string, CompiledRegex>();
const CACHE_SIZE = 1000;

/** XPath's `x` flag: whitespace outside character classes is removed before matching. */
export function stripExtended(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') inClass = true;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    out += c;
  }
  return out;
}

/** The pattern and flags as JavaScript reads them (`u` always, as feelin does), or a problem. */
export function jsForm(
  pattern: string,
  flags = '',
): { source: string; flags: string } | { problem: string } {
  if (!FEEL_FLAGS.test(flags)) return { problem: `标志「${flags}」无效，只能用 s、m、i、x` };
  const source = flags.includes('x') ? stripExtended(pattern) : pattern;
  const js = 'u' + [...new Set(flags.replace(/x/g, ''))].sort().join('');
  return { source, flags: js };
}

const PROPERTY = /^([pP])\{(?:Script|sc|General_Category|gc)=([A-Za-z_]+)\}/;

/** JavaScript's `\p{Script=Han}` and `\p{gc=L}` are RE2's `\p{Han}` and `\p{L}`. */
function re2Properties(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const m = PROPERTY.exec(source.slice(i + 1));
    if (m) {
      out += `\\${m[1]}{${m[2]}}`;
      i += m[0].length;
    } else {
      out += c + (source[i + 1] ?? '');
      i++;
    }
  }
  return out;
}

function compileUncached(pattern: string, flags: string): CompiledRegex {
  const form = jsForm(pattern, flags);
  if ('problem' in form) return { ok: false, problem: form.problem };
  try {
    // Only compiled, never run: compiling does not backtrack.
    new RegExp(form.source, form.flags);
  } catch (e) {
    return { ok: false, problem: `无法编译：${(e as Error).message}` };
  }
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  try {
    // translateRegExp turns JavaScript's spellings (\u4e00, (?<name>…)) into RE2's.
    return { ok: true, re: RE2JS.compile(RE2JS.translateRegExp(re2Properties(form.source)), bits) };
  } catch (e) {
    return {
      ok: false,
      problem: `用了线性时间引擎 RE2 不支持的写法（反向引用 \\1、环视 (?=…) (?!…) (?<=…) (?<!…) 等）：${(e as Error).message}`,
    };
  }
}

/** The pattern compiled for RE2, or why it cannot be (in Chinese). Cached by pattern and flags. */
export function compileRegex(pattern: string, flags = ''): CompiledRegex {
  const key = `${flags}\u0000${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compileUncached(pattern, flags);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

/** Whether the pattern matches somewhere in the input (as `RegExp.prototype.test`), on RE2. */
export function regexTest(pattern: string, input: string, flags = ''): boolean | undefined {
  const compiled = compileRegex(pattern, flags);
  return compiled.ok ? compiled.re.test(input) : undefined;
}

/** The next index after `i`, a whole code point on (the `u` flag's AdvanceStringIndex). */
function advance(input: string, i: number): number {
  const code = input.codePointAt(i);
  return code !== undefined && code > 0xffff ? i + 2 : i + 1;
}

type ReplacementPart = string | number;

/**
 * XPath's replacement string (fn:replace, which FEEL follows): `$N` is group N (`$0` the whole
 * match; digits are taken while they name a group, or N ≤ 9 is empty), `\$` and `\\` are literal;
 * any other `$` or `\` makes the call fail (null).
 */
function parseReplacement(replacement: string, groups: number): ReplacementPart[] | undefined {
  const parts: ReplacementPart[] = [];
  let text = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      const next = replacement[i + 1];
      if (next !== '\\' && next !== '$') return undefined;
      text += next;
      i++;
    } else if (c === '$') {
      let digits = /^\d+/.exec(replacement.slice(i + 1))?.[0];
      if (!digits) return undefined;
      i += digits.length;
      let literal = '';
      while (digits.length > 1 && Number(digits) > groups && Number(digits) > 9) {
        literal = digits.slice(-1) + literal;
        digits = digits.slice(0, -1);
      }
      if (text) parts.push(text);
      text = literal;
      const n = Number(digits);
      if (n <= groups) parts.push(n);
    } else {
      text += c;
    }
  }
  if (text) parts.push(text);
  return parts;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const optionalString = (v: unknown): v is string | null | undefined =>
  v === undefined || v === null || typeof v === 'string';

/** FEEL `matches(input, pattern, flags?)` on RE2: null for arguments of the wrong type or a bad pattern. */
export function feelMatches(...args: unknown[]): boolean | null {
  const [input, pattern, flags] = args;
  if (args.length > 3 || !isString(input) || !isString(pattern) || !optionalString(flags))
    return null;
  const compiled = compileRegex(pattern, flags ?? '');
  return compiled.ok ? compiled.re.test(input) : null;
}

/** FEEL `replace(input, pattern, replacement, flags?)` on RE2, every match replaced. */
export function feelReplace(...args: unknown[]): string | null {
  const [input, pattern, replacement, flags] = args;
  if (
    args.length > 4 ||
    !isString(input) ||
    !isString(pattern) ||
    !isString(replacement) ||
    !optionalString(flags)
  )
    return null;
  const compiled = compileRegex(pattern, flags ?? '');
  if (!compiled.ok) return null;
  const parts = parseReplacement(replacement, compiled.re.groupCount());
  if (!parts) return null;
  const m = compiled.re.matcher(input);
  let out = '';
  let copied = 0;
  // An empty match steps one code point on, as JavaScript's global replace (and feelin) does.
  for (let from = 0; from <= input.length && m.find(from);) {
    const start = m.start();
    const end = m.end();
    out += input.slice(copied, start);
    for (const part of parts) out += typeof part === 'number' ? (m.group(part) ?? '') : part;
    copied = end;
    from = end === start ? advance(input, end) : end;
  }
  return out + input.slice(copied);
}

/**
 * FEEL `split(string, delimiter)` on RE2: JavaScript's split (empty matches as feelin has them)
 * without the captured groups, which XPath's tokenize does not return either.
 */
export function feelSplit(...args: unknown[]): string[] | null {
  const [input, delimiter] = args;
  if (args.length > 2 || !isString(input) || !isString(delimiter)) return null;
  const compiled = compileRegex(delimiter);
  if (!compiled.ok) return null;
  const m = compiled.re.matcher(input);
  if (input.length === 0) return m.lookingAt() ? [] : [''];
  const out: string[] = [];
  let p = 0;
  let q = 0;
  while (q < input.length && m.find(q)) {
    const start = m.start();
    const end = m.end();
    if (start >= input.length) break;
    if (end === p) {
      q = advance(input, start);
      continue;
    }
    out.push(input.slice(p, start));
    p = end;
    q = p;
  }
  out.push(input.slice(p));
  return out;
}

// feelin passes named arguments by these names (`matches(input: x, pattern: "…")`).
Object.assign(feelMatches, { $args: ['input', 'pattern', 'flags'] });
Object.assign(feelReplace, { $args: ['input', 'pattern', 'replacement', 'flags'] });
Object.assign(feelSplit, { $args: ['string', 'delimiter'] });

/** The FEEL functions that take a pattern, as they run on case data. */
export const FEEL_REGEX_FUNCTIONS = Object.freeze({
  matches: feelMatches,
  replace: feelReplace,
  split: feelSplit,
});

export type FeelRegexFunction = keyof typeof FEEL_REGEX_FUNCTIONS;
