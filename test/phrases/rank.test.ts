import { describe, expect, it } from 'vitest';
import { jiebaBackground } from '../../src/phrases/background.js';
import { PERIOD_YEARS, periodKeyness, periodWindows } from '../../src/phrases/rank.js';
import { seededUniform } from '../../src/random.js';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams } from '../../src/artifacts/phrases.js';
import type { Corpus, Document } from '../../src/artifacts/corpus.js';
import { substringCount } from '../fixtures/samples.js';

/**
 * A built corpus: one report per region and year, filler sentences drawn from a fixed pool, and planted terms:
 * - slogans of a period: each in the reports of PERIOD_YEARS adjacent years only, 1-3 times a report;
 * - framing: one sentence in every report (请予审议, the genre's closing formula);
 * - generic collocations: common words together, 1-4 times in every report.
 */
const FILLER = ['加强管理工作，推进经济发展。', '全年完成各项任务，人民生活持续改善。', '坚持稳中求进，做好各方面工作。', '扩大有效投资，促进消费增长。', '深化改革开放，增强发展活力。', '办好民生实事，兜牢民生底线。'];
const SLOGANS = ['三清四改', '五联六保', '七网八通', '两带九园', '一核三极', '四链融合', '六城同创', '双轮驱动型'];
const GENERIC = ['各项工作', '进一步加强', '认真落实'];
const FRAMING = ['请予审议'];

function builtCorpus(opts: { years: number[]; regions: string[]; oneYear?: number; seed?: number }): Corpus {
  const rnd = seededUniform(opts.seed ?? 7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const documents: Document[] = [];
  opts.years.forEach((year, k) => {
    for (const region of opts.regions) {
      const paragraphs: string[] = [];
      for (let i = 0; i < 150; i++) paragraphs.push(pick(FILLER) + pick(FILLER));
      for (const g of GENERIC) for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) paragraphs.push(`要${g}，${pick(FILLER)}`);
      // Slogan s belongs to the years [start, start + PERIOD_YEARS), starts spread over the span.
      SLOGANS.forEach((s, i) => {
        const start = Math.floor((i * (opts.years.length - PERIOD_YEARS)) / (SLOGANS.length - 1));
        if (k >= start && k < start + PERIOD_YEARS) for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) paragraphs.push(`实施${s}工程，${pick(FILLER)}`);
      });
      paragraphs.push('以上报告，请予审议。');
      const y = opts.oneYear ?? year;
      documents.push({ doc_id: `${region}${year}`, source_file: `${region}${year}.txt`, paragraphs, sections: [], title: `${region}政府工作报告`, region, level: 'county', province: '某省', year: y, meeting_date: '', session: '', speaker: '', kind: 'report' });
    }
  });
  return { documents, messages: [], meta: { stage: 'ingest', params: {} } };
}

const TERMS = [...SLOGANS, ...GENERIC, ...FRAMING];

/** The fused score recomputed from the text by the formulas of the README (Phrases), independently of src/phrases/rank.ts. */
function expectedScores(corpus: Corpus): Map<string, number> {
  const bg = jiebaBackground();
  const docs = corpus.documents;
  const texts = docs.map((d) => d.paragraphs.join('\n'));
  const sizes = docs.map((d) => d.paragraphs.reduce((m, p) => m + p.length, 0));
  const C = sizes.reduce((a, b) => a + b, 0);
  const D = docs.length;
  const per = new Map(TERMS.map((t) => [t, texts.map((x) => substringCount(x, t))]));
  const cap = 24;
  const lr = (c: number, n: number, t: string) => Math.log(c / n / (bg.expected(t) / bg.total));
  // Equal scores: more documents first, then more occurrences, then the phrase (the table's fallback order).
  const total = (t: string) => per.get(t)!.reduce((a, b) => a + b, 0);
  const docsOf = (t: string) => per.get(t)!.filter((x) => x > 0).length;
  const tie = (a: string, b: string) => docsOf(b) - docsOf(a) || total(b) - total(a) || (a < b ? -1 : a > b ? 1 : 0);
  const view = new Map<string, number[]>();
  for (const t of TERMS) {
    const v = per.get(t)!;
    const count = v.reduce((a, b) => a + b, 0);
    const df = v.filter((x) => x > 0).length;
    let kl = 0;
    v.forEach((x, i) => (kl += x > 0 ? (x / count) * Math.log(x / count / (sizes[i]! / C)) : 0));
    const conc = 1 - Math.exp(-Math.max(0, kl));
    const l = Math.min(lr(count, C, t), cap);
    view.set(t, [l <= 0 ? 0 : count * Math.sqrt(conc) * l, l <= 0 ? 0 : df * Math.log(D / df) * l]);
  }
  // Period view: windows of report years, keyness in each, best rank in any window.
  const years = [...new Set(docs.map((d) => d.year!))].sort((a, b) => a - b);
  const best = new Map<string, { rank: number; k: number }>();
  for (const [from, to] of periodWindows(years.length)) {
    const inW = docs.map((d) => years.indexOf(d.year!) >= from && years.indexOf(d.year!) < to);
    const chars = sizes.reduce((a, s, i) => a + (inW[i] ? s : 0), 0);
    const nDocs = inW.filter(Boolean).length;
    const scored = TERMS.map((t) => {
      const v = per.get(t)!;
      const count = v.reduce((a, b) => a + b, 0);
      const c = v.reduce((a, x, i) => a + (inW[i] ? x : 0), 0);
      const d = v.filter((x, i) => x > 0 && inW[i]).length;
      const dRest = v.filter((x, i) => x > 0 && !inW[i]).length;
      return { t, k: periodKeyness(c, chars, count, C, bg.expected(t), bg.total) * (d / nDocs) * (1 - dRest / (D - nDocs)) };
    })
      .filter((x) => x.k > 0)
      .sort((a, b) => b.k - a.k || tie(a.t, b.t));
    scored.forEach(({ t, k }, r) => {
      const b = best.get(t);
      if (!b || r + 1 < b.rank || (r + 1 === b.rank && k > b.k)) best.set(t, { rank: r + 1, k });
    });
  }
  const ranksBy = (score: (t: string) => number) => {
    const ts = TERMS.filter((t) => score(t) > 0);
    ts.sort((a, b) => score(b) - score(a) || tie(a, b));
    return new Map(ts.map((t, i) => [t, i + 1]));
  };
  const usage = ranksBy((t) => view.get(t)![0]!);
  const documents = ranksBy((t) => view.get(t)![1]!);
  const periodOrder = [...best.entries()].sort((a, b) => a[1].rank - b[1].rank || b[1].k - a[1].k || tie(a[0], b[0]));
  const period = new Map(periodOrder.map(([t], i) => [t, i + 1]));
  return new Map(TERMS.map((t) => [t, [usage, documents, period].reduce((s, m) => s + (m.has(t) ? 1 / m.get(t)! : 0), 0)]));
}

const params = phrasesParams.parse({ builtin_lexicon: false, discover: false, terms: TERMS });

describe('phrase ranking on built text: slogans of a period above generic collocations and framing', () => {
  it('on 24 years of one region: each slogan of a period scores at least 2/8, above the framing and all generic collocations but usage leaders', () => {
    const corpus = builtCorpus({ years: Array.from({ length: 24 }, (_, i) => 1995 + i), regions: ['全国'] });
    const set = phrases(corpus, params);
    const rank = (t: string) => set.phrases.findIndex((p) => p.phrase === t) + 1;
    const row = (t: string) => set.phrases.find((p) => p.phrase === t)!;
    // The slogans are rarer than each generic collocation over the corpus: what ranks them is the period and the documents.
    for (const s of SLOGANS) for (const g of GENERIC) expect(row(s).count, `${s} < ${g}`).toBeLessThan(row(g).count);
    // In every report, the framing and the generic collocations have no documents view (ln(D/D) = 0) and lead no period
    // (no report outside a period lacks them): usage is their only view, so at most 1/1 + … they score exactly 1/r_usage.
    // Each slogan leads the documents view and a period among the 8, so it scores at least 2/8: above all of them
    // but a usage leader in the first four places, and above the framing.
    for (const s of SLOGANS) expect(row(s).score, s).toBeGreaterThanOrEqual(2 / SLOGANS.length);
    for (const g of [...GENERIC, ...FRAMING]) {
      const usageRank = Math.round(1 / row(g).score);
      expect(row(g).score, g).toBeCloseTo(1 / usageRank, 12);
      if (usageRank > SLOGANS.length / 2) expect(rank(g), g).toBeGreaterThan(Math.max(...SLOGANS.map(rank)));
    }
    expect(rank('请予审议')).toBeGreaterThan(Math.max(...SLOGANS.map(rank)));
    // The scores are the fusion recomputed from the text.
    const expected = expectedScores(corpus);
    for (const p of set.phrases) expect(p.score, p.phrase).toBeCloseTo(expected.get(p.phrase)!, 12);
    for (let i = 1; i < set.phrases.length; i++) expect(set.phrases[i - 1]!.score).toBeGreaterThanOrEqual(set.phrases[i]!.score);
  });

  it('on 12 regions over 10 years: the same, a period weighed by the share of its reports using a slogan', () => {
    const corpus = builtCorpus({ years: Array.from({ length: 10 }, (_, i) => 2010 + i), regions: Array.from({ length: 12 }, (_, i) => `${'甲乙丙丁戊己庚辛壬癸子丑'[i]}县`), seed: 11 });
    const set = phrases(corpus, params);
    const rank = (t: string) => set.phrases.findIndex((p) => p.phrase === t) + 1;
    for (const s of SLOGANS) expect(set.phrases.find((p) => p.phrase === s)!.score, s).toBeGreaterThanOrEqual(2 / SLOGANS.length);
    expect(rank('请予审议')).toBeGreaterThan(Math.max(...SLOGANS.map(rank)));
    const expected = expectedScores(corpus);
    for (const p of set.phrases) expect(p.score, p.phrase).toBeCloseTo(expected.get(p.phrase)!, 12);
  });

  it('with one report year there is no period: the score fuses usage and documents only', () => {
    const corpus = builtCorpus({ years: Array.from({ length: 24 }, (_, i) => 1995 + i), regions: ['全国'], oneYear: 2020 });
    const set = phrases(corpus, params);
    expect(periodWindows(1)).toEqual([]);
    const expected = expectedScores(corpus);
    for (const p of set.phrases) expect(p.score, p.phrase).toBeCloseTo(expected.get(p.phrase)!, 12);
    // The framing of every report is in every document: its documents view is 0 (ln(D/D)), and it ranks last of all.
    expect(set.phrases.at(-1)!.phrase).toBe('请予审议');
    // Each score is at most 2 (two views, best rank 1 in each).
    for (const p of set.phrases) expect(p.score).toBeLessThanOrEqual(2);
  });

  it('keeps bare numbers out of the ranking (score 0, last) and ranks them by documents only in the fallback', () => {
    const corpus = builtCorpus({ years: Array.from({ length: 8 }, (_, i) => 2010 + i), regions: ['全国'] });
    for (const d of corpus.documents) d.paragraphs.push('全年增长一九九，完成投资二〇一〇。');
    const set = phrases(corpus, phrasesParams.parse({ builtin_lexicon: false, discover: false, terms: [...TERMS, '一九九', '二〇一〇'] }));
    const tail = set.phrases.slice(-2).map((p) => [p.phrase, p.score]);
    expect(tail.map(([p]) => p).sort()).toEqual(['一九九', '二〇一〇']);
    for (const [, s] of tail) expect(s).toBe(0);
  });
});

describe('period keyness', () => {
  it('is G2/2 against the rest of the corpus for a phrase found in the period only (hand-worked)', () => {
    // 18 occurrences, all in a period of 60,000 of 1,000,000 characters: G2/2 = 18 ln(18 / (18 × 0.06)) = 18 ln(1/0.06).
    expect(periodKeyness(18, 60_000, 18, 1_000_000, 3, 6e7)).toBeCloseTo(18 * Math.log(1 / 0.06), 10);
    // Against the background: 18 × ln((18/60,000) / (3/6e7)) = 18 × ln(6000) ≈ 156.6 > 50.6: the G2 is the smaller.
    // A phrase as common in general Chinese as in the period: 0.
    expect(periodKeyness(18, 60_000, 18, 1_000_000, 18 / 60_000 * 6e7, 6e7)).toBe(0);
    // Used at a lower rate in the period than in the rest: 0.
    expect(periodKeyness(1, 500_000, 10, 1_000_000, 3, 6e7)).toBe(0);
  });

  it('has windows of PERIOD_YEARS adjacent report years, one shorter with a short span, none with one year', () => {
    expect(periodWindows(5)).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(periodWindows(3)).toEqual([[0, 2], [1, 3]]);
    expect(periodWindows(2)).toEqual([[0, 1], [1, 2]]);
    expect(periodWindows(1)).toEqual([]);
  });
});
