import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { pinyin } from 'pinyin-pro';

/**
 * The terms of Chinese text for the portal's search (POR-9). Jieba's words find whole words
 * (营业执照) and character bigrams find parts of words jieba keeps whole (营业 inside 营业执照,
 * 工商 inside 个体工商户); letters and digits (codes, pinyin typed by a citizen) are kept as runs.
 */
const jieba = Jieba.withDict(dict);

const RUNS = /\p{Script=Han}+|[a-z0-9]+/gu;
const HAN = /^\p{Script=Han}+$/u;

/** Jieba's search-mode words of two or more characters and every bigram of each Han run. */
function hanTerms(run: string, into: Set<string>): void {
  if (run.length === 1) {
    into.add(run);
    return;
  }
  for (const word of jieba.cutForSearch(run, false)) if (word.length > 1) into.add(word);
  for (let i = 0; i + 2 <= run.length; i++) into.add(run.slice(i, i + 2));
}

/** Every term of `text`, lower-cased, each once. */
export function termsOf(text: string): string[] {
  const into = new Set<string>();
  for (const [run] of text.toLowerCase().matchAll(RUNS)) {
    if (HAN.test(run)) hanTerms(run, into);
    else into.add(run);
  }
  return [...into];
}

/**
 * The terms of what a citizen typed (or, with `whole`, of a synonym's expansion, which staff
 * wrote as whole words and needs no bigrams). A short run (营业, 开饭店) may be part of a word, so it
 * is looked up as the index has it, bigrams included; a long one (a whole item name) is looked
 * up by jieba's words alone: its bigrams would add terms that every item shares (生产, 经营) and
 * cost far more than they find.
 */
export function queryTermsOf(text: string, options: { whole?: boolean } = {}): string[] {
  const into = new Set<string>();
  for (const [run] of text.toLowerCase().matchAll(RUNS)) {
    if (!HAN.test(run)) into.add(run);
    else if (run.length <= SHORT_RUN && !options.whole) hanTerms(run, into);
    else {
      const words = jieba.cutForSearch(run, false).filter((w) => w.length > 1);
      for (const word of words.length ? words : [run]) into.add(word);
    }
  }
  return [...into];
}
const SHORT_RUN = 4;

/** An item code (33030300AJ-CF-0003) as a whole and by its parts. */
export function codeTerms(code: string): string[] {
  const lower = code.toLowerCase();
  return lower ? [lower, ...(lower.match(/[a-z0-9]+/g) ?? [])] : [];
}

const syllables = (word: string) =>
  pinyin(word, { toneType: 'none', type: 'array', nonZh: 'removed', v: true });

/**
 * The pinyin of a name, word by word and whole: full pinyin without tones (yingyezhizhao) and
 * initials (yyzz). Each term is mapped back to the words it stands for, to highlight them.
 */
export function pinyinTerms(name: string): Map<string, string> {
  const terms = new Map<string, string>();
  const add = (word: string) => {
    const s = syllables(word);
    if (!s.length) return;
    terms.set(s.join(''), word);
    if (s.length > 1) terms.set(s.map((x) => x[0]).join(''), word);
  };
  for (const [run] of name.matchAll(/\p{Script=Han}+/gu)) {
    // Whole-run readings are kept too: pinyin-pro reads words better than single characters.
    add(run);
    for (const word of jieba.cut(run, false)) if (word.length > 1) add(word);
  }
  return terms;
}

/** Letters alone may be pinyin: such a query term is matched as a prefix and, when long, fuzzily. */
export const isLetters = (term: string) => /^[a-z]+$/.test(term);
