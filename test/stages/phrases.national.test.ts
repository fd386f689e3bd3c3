import { beforeAll, expect, it } from 'vitest';
import { listInputFiles, readSource } from '../../src/io/sources.js';
import { isNumeralQuantity } from '../../src/phrases/candidates.js';
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

  it('has no bare number, numeral quantity, numeral date or word fragment in its top 100, and has 改革开放 and 四项基本原则', () => {
    const top = set.phrases.slice(0, 100).map((p) => p.phrase);
    for (const p of top) {
      expect(p, p).not.toMatch(/^[\d.,%]+$/u);
      expect(isNumeralQuantity(p), p).toBe(false);
    }
    // The junk the issue found, by kind: numbers, quantities and adverbs, a fragment of 工业增加值.
    for (const bad of ['00', '18', '21', '万千瓦', '百分之十', '十二亿', '百多万', '十分重视', '十分艰巨', '业增加值', '一九五八年']) expect(rank(bad), bad).toBe(0);
    expect(rank('改革开放')).toBeLessThanOrEqual(10);
    expect(rank('四项基本原则')).toBeLessThanOrEqual(100);
    // Formulaic report framing ranks below them: used at the same rate in every report.
    for (const generic of ['政府工作报告', '请予审议', '我代表国务院']) expect(rank(generic), generic).toBeGreaterThan(rank('四项基本原则'));
  });
});
