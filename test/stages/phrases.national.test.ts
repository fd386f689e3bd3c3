import { beforeAll, expect, it } from 'vitest';
import { listInputFiles, readSource } from '../../src/io/sources.js';
import { jiebaBackground } from '../../src/phrases/background.js';
import { isNumeralQuantity } from '../../src/phrases/candidates.js';
import { fragments } from '../../src/phrases/fragments.js';
import { ingest } from '../../src/stages/ingest.js';
import { ingestParams } from '../../src/artifacts/corpus.js';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams, type PhraseSet } from '../../src/artifacts/phrases.js';
import type { Corpus } from '../../src/artifacts/corpus.js';
import { describeWithNationalCorpus } from '../fixtures/corpora.js';
import { ROOT } from '../fixtures/samples.js';

describeWithNationalCorpus('phrase discovery on the development corpus (49 national reports 1954-2017)', (dir) => {
  let corpus: Corpus;
  let set: PhraseSet;
  beforeAll(() => {
    corpus = ingest(listInputFiles([dir], ROOT).map((f) => readSource(f, ROOT).source!), ingestParams.parse({}));
    set = phrases(corpus, phrasesParams.parse({}));
  }, 600_000);
  const rank = (p: string) => set.phrases.findIndex((x) => x.phrase === p) + 1;

  it('is complete: the phrases jieba knows as words are listed, with their Ctrl-F counts', () => {
    const all = (t: string) => corpus.documents.reduce((n, d) => n + d.paragraphs.reduce((m, p) => m + p.replace(/[、·・• \t]/gu, '').split(t).length - 1, 0), 0);
    for (const p of ['改革开放', '和谐社会', '以经济建设为中心', '四项基本原则', '大跃进', '人民公社', '治理整顿', '新农村建设', '社会主义市场经济', '科教兴国']) {
      expect(rank(p), p).toBeGreaterThan(0);
      expect(set.phrases[rank(p) - 1]!.count, p).toBe(all(p));
    }
  });

  it('has no bare number, numeral quantity, adverb, numeral date or word fragment in its top 100, and has the four phrases of issue 17', () => {
    const top = set.phrases.slice(0, 100).map((p) => p.phrase);
    for (const p of top) {
      // Bare numbers in either script, numeral quantities (十二亿, 百分之十, 万千瓦), the adverb 十分.
      expect(p, p).not.toMatch(/^[\d.,%〇零一二三四五六七八九十两百千万亿]+$/u);
      expect(isNumeralQuantity(p), p).toBe(false);
      expect(p, p).not.toMatch(/^十分/u);
    }
    // Word fragments, as src/phrases/fragments.ts defines them (an end that cuts a word in most occurrences), over the text.
    const runs = corpus.documents.filter((d) => d.kind === 'report').flatMap((d) => d.paragraphs.map((text) => ({ text, before: -1, after: -1 })));
    const bg = jiebaBackground();
    expect([...fragments(top, runs, (s) => bg.cut(s))]).toEqual([]);
    // The junk the issue found, by kind: numbers, quantities and adverbs, a fragment of 工业增加值.
    for (const bad of ['00', '18', '21', '万千瓦', '百分之十', '十二亿', '百多万', '十分重视', '十分艰巨', '业增加值', '一九五八年']) expect(top, bad).not.toContain(bad);
    // The four phrases of issue 17: the slogan of the reform era, the slogan of 2005-2007, two formulas repeated for decades.
    for (const p of ['改革开放', '和谐社会', '以经济建设为中心', '四项基本原则']) expect(rank(p), p).toBeLessThanOrEqual(100);
    expect(rank('改革开放')).toBeLessThanOrEqual(10);
    // Formulaic report framing ranks below them: used at the same rate in every report.
    for (const generic of ['政府工作报告', '请予审议', '我代表国务院']) expect(rank(generic), generic).toBeGreaterThan(rank('四项基本原则'));
  });
});
