import { highlight } from '../../../server/portal/search-page';
import { expansionsFor } from '../../../server/search/synonyms';
import { codeTerms, pinyinTerms, termsOf } from '../../../server/search/terms';

describe('search terms of Chinese text (POR-9)', () => {
  test('a name gives its jieba words and every bigram, so parts of words are terms', () => {
    const terms = termsOf('代办个体工商户营业执照');
    expect(terms).toEqual(expect.arrayContaining(['营业执照', '工商户', '营业', '执照', '工商']));
    // A bigram that crosses words is a term too: the citizen may type any two characters.
    expect(terms).toContain('户营');
  });

  test('letters and digits stay as runs, lower-cased; punctuation splits', () => {
    expect(termsOf('ISO9001认证（CF）')).toEqual(expect.arrayContaining(['iso9001', '认证', 'cf']));
    expect(termsOf('，。！')).toEqual([]);
  });

  test('an item code is a term whole and by its parts', () => {
    expect(codeTerms('33030300AJ-CF-0003')).toEqual([
      '33030300aj-cf-0003',
      '33030300aj',
      'cf',
      '0003',
    ]);
  });

  test('a name reads as full pinyin and initials, word by word and whole, each back to its words', () => {
    const terms = pinyinTerms('代办个体工商户营业执照');
    expect(terms.get('yyzz')).toBe('营业执照');
    expect(terms.get('yingyezhizhao')).toBe('营业执照');
    expect(terms.get('dbgtgshyyzz')).toBe('代办个体工商户营业执照');
    // Words are read as words: 银行 is yinhang, not yinxing.
    expect(pinyinTerms('银行开户').get('yinhang')).toBe('银行');
  });
});

describe('synonyms (POR-9)', () => {
  const list = [
    { term: '户口', expansions: ['户籍'] },
    { term: '上户口', expansions: ['户口登记'] },
    { term: '开店', expansions: ['个体工商户', '营业执照'] },
  ];
  test('every synonym whose term is in the query applies, the longest first', () => {
    expect(expansionsFor('我要上户口', list).map((s) => s.term)).toEqual(['上户口', '户口']);
    expect(expansionsFor('开店要什么', list).map((s) => s.term)).toEqual(['开店']);
    expect(expansionsFor('营业执照', list)).toEqual([]);
  });
});

describe('highlighting (POR-9)', () => {
  test('matched words are marked and everything else is escaped', () => {
    expect(highlight('<b>营业执照</b>&"', ['营业']).text).toBe(
      '&lt;b&gt;<mark>营业</mark>执照&lt;/b&gt;&amp;&quot;',
    );
  });
  test('a word that is itself markup is escaped inside its mark', () => {
    expect(highlight('a<script>b', ['<script>']).text).toBe('a<mark>&lt;script&gt;</mark>b');
  });
  test('overlapping matches merge into one mark; case is ignored for letters', () => {
    expect(highlight('营业执照 CF', ['营业', '业执', '执照', 'cf']).text).toBe(
      '<mark>营业执照</mark> <mark>CF</mark>',
    );
  });
});
