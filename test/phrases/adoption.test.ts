import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AdoptionTracker, firstUseRows, leadingCurves } from '../../src/phrases/adoption.js';
import { WRITERS } from '../../src/output/writers.js';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams } from '../../src/artifacts/phrases.js';
import type { Corpus, Document } from '../../src/artifacts/corpus.js';

/** A built report: a region, a year and its paragraphs. */
function doc(doc_id: string, region: string, year: number | null, paragraphs: string[]): Document {
  return { doc_id, source_file: `${doc_id}.txt`, paragraphs, sections: [], title: `${region}政府工作报告`, region, level: 'county', province: '山西省', year, meeting_date: '', session: '', speaker: '', kind: 'report' };
}

// 放管服改革 spreads: 甲县 2019, 乙县 2020 (and again 2021), 丙县 2021 (written 放管服·改革: the default
// normalisation skips the mark), 丁县 never; 营商环境: 丁县 2018, 乙县 2020.
const corpus: Corpus = {
  documents: [
    doc('a2019', '甲县', 2019, ['深化放管服改革。', '放管服改革成效明显。']),
    doc('a2020', '甲县', 2020, ['继续深化放管服改革。']),
    doc('b2020', '乙县', 2020, ['推进放管服改革和营商环境建设。']),
    doc('b2021', '乙县', 2021, ['放管服改革。']),
    doc('c2021', '丙县', 2021, ['放管服·改革落地见效。']),
    doc('d2018', '丁县', 2018, ['优化营商环境。']),
    doc('x', '', null, ['放管服改革（年份不明）。']),
  ],
  messages: [],
  meta: { stage: 'ingest', params: {} },
};

describe('phrase adoption on built text', () => {
  const set = phrases(corpus, phrasesParams.parse({ builtin_lexicon: false, discover: false, terms: ['放管服改革', '营商环境'] }));

  it('records the first report of each region using a phrase, earliest year first', () => {
    const rows = firstUseRows(set.adoption.first).filter((r) => r.phrase === '放管服改革');
    expect(rows.map((r) => [r.region, r.first_year, r.first_doc_id])).toEqual([
      ['甲县', 2019, 'a2019'],
      ['乙县', 2020, 'b2020'],
      ['丙县', 2021, 'c2021'],
    ]);
    expect(firstUseRows(set.adoption.first).filter((r) => r.phrase === '营商环境').map((r) => [r.region, r.first_year])).toEqual([
      ['丁县', 2018],
      ['乙县', 2020],
    ]);
    // The study's terms are counted like lexicon terms (category study), documents without a year included in the count.
    const p = set.phrases.find((x) => x.phrase === '放管服改革')!;
    expect([p.count, p.doc_freq, p.category]).toEqual([7, 6, 'study']);
  });

  it('counts the regions that had used it by each year, of the regions reporting by then', () => {
    const curve = set.adoption.curves.filter((c) => c.phrase === '放管服改革').map((c) => [c.year, c.new_regions, c.regions, c.of]);
    // 丁县 reports from 2018, 甲县 from 2019, 乙县 from 2020, 丙县 from 2021.
    expect(curve).toEqual([
      [2019, 1, 1, 2],
      [2020, 1, 2, 3],
      [2021, 1, 3, 4],
    ]);
    const chart = leadingCurves(set.phrases, set.adoption.curves)!;
    // 营商环境 is first found in the corpus's first year (2018): not a new slogan of the period.
    expect(chart.series.map((s) => s.phrase)).toEqual(['放管服改革']);
    expect(chart.years).toEqual([2019, 2020, 2021]);
    expect(chart.series[0]!.regions).toEqual([1, 2, 3]);
    expect(chart.of).toEqual([2, 3, 4]);
  });

  it('writes phrase_adoption.csv and phrase_adoption_by_year.csv that read back to the same rows', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'govtext-adoption-'));
    try {
      WRITERS.phrases!(set, dir, () => {});
      const read = (f: string) => parseCsv(readFileSync(path.join(dir, f), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
      const adoption = read('phrase_adoption.csv');
      expect(Object.keys(adoption[0]!)).toEqual(['phrase', 'region', 'province', 'level', 'first_year', 'first_doc_id']);
      expect(adoption.map((r) => `${r.phrase} ${r.region} ${r.first_year} ${r.first_doc_id}`)).toEqual(firstUseRows(set.adoption.first).map((r) => `${r.phrase} ${r.region} ${r.first_year} ${r.first_doc_id}`));
      const byYear = read('phrase_adoption_by_year.csv');
      expect(Object.keys(byYear[0]!)).toEqual(['phrase', 'year', 'new_regions', 'regions', 'of']);
      // Cumulative: regions never fall, and the last value is the number of adopting regions.
      for (const phrase of new Set(byYear.map((r) => r.phrase))) {
        const rs = byYear.filter((r) => r.phrase === phrase).map((r) => Number(r.regions));
        for (let i = 1; i < rs.length; i++) expect(rs[i]).toBeGreaterThanOrEqual(rs[i - 1]!);
        expect(rs.at(-1)).toBe(adoption.filter((r) => r.phrase === phrase).length);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('phrase_adoption_by_year is proportionate: a row where the region count grows, recurring phrases only', () => {
  // Reports in 2019, 2020 and 2023 (none in 2021-2022); 河长制 in two reports (recurring), 数字政府 in one.
  const gap: Corpus = {
    documents: [
      doc('a2019', '甲县', 2019, ['推行河长制。']),
      doc('b2020', '乙县', 2020, ['全面推行河长制。']),
      doc('a2023', '甲县', 2023, ['建设数字政府。']),
      doc('c2023', '丙县', 2023, ['加强基层治理。']),
    ],
    messages: [],
    meta: { stage: 'ingest', params: {} },
  };
  const set = phrases(gap, phrasesParams.parse({ builtin_lexicon: false, discover: false, terms: ['河长制', '数字政府'] }));

  it('gives a recurring phrase one row per year of new adopters, cumulative, and none to a phrase of one report', () => {
    const rows = set.adoption.curves.map((c) => [c.phrase, c.year, c.new_regions, c.regions, c.of]);
    // 2023 adds no adopter: no row (by 2023 河长制 is still in the 2 regions of its 2020 row).
    expect(rows).toEqual([
      ['河长制', 2019, 1, 1, 1],
      ['河长制', 2020, 1, 2, 2],
    ]);
    // 数字政府 (one report) still has its adoption row.
    expect(firstUseRows(set.adoption.first).filter((r) => r.phrase === '数字政府').map((r) => [r.region, r.first_year])).toEqual([['甲县', 2023]]);
  });

  it('has at most one row per (phrase, region) of phrase_adoption.csv: one row per phrase with one region', () => {
    // One region reporting every year for 30 years, 40 phrases each first used in some year and used every year after.
    const years = Array.from({ length: 30 }, (_, i) => 1990 + i);
    const terms = Array.from({ length: 40 }, (_, i) => `政策${String.fromCodePoint(0x4e00 + 37 * i)}${String.fromCodePoint(0x4e80 + 53 * i)}`);
    const one: Corpus = {
      documents: years.map((y, k) => doc(`n${y}`, '全国', y, terms.filter((_, i) => i % 29 <= k).map((t) => `推进${t}。`))),
      messages: [],
      meta: { stage: 'ingest', params: {} },
    };
    const s = phrases(one, phrasesParams.parse({ builtin_lexicon: false, discover: false, terms }));
    // Every phrase recurs (used every year from its first), so every phrase has a curve, and each its single row.
    expect(s.adoption.curves.length).toBe(terms.length);
    for (const t of terms) {
      const first = 1990 + (terms.indexOf(t) % 29);
      expect(s.adoption.curves.filter((c) => c.phrase === t).map((c) => [c.year, c.new_regions, c.regions])).toEqual([[first, 1, 1]]);
    }
    // Regions by year: the last row at or before the year (the 0 before the first row).
    expect(s.adoption.curves.length).toBeLessThanOrEqual(s.adoption.first.phrase.length);
  });
});

describe('AdoptionTracker against a direct reading of the hits', () => {
  it('gives, for hits in any order, each region\'s earliest report (year, then doc_id) and the curves counted from them', () => {
    // 400 built reports from 60 regions over 12 years (some without a year or region), 30 phrases, hits drawn at random.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const docs = Array.from({ length: 400 }, (_, i) => ({
      doc_id: `d${(i * 7919) % 400}`,
      region: rand() < 0.05 ? '' : `区${Math.floor(rand() * 60)}`,
      province: '省',
      level: 'county',
      year: rand() < 0.05 ? null : 2010 + Math.floor(rand() * 12),
    }));
    const hits: [number, number][] = [];
    for (let p = 0; p < 30; p++) for (let d = 0; d < docs.length; d++) if (rand() < 0.1 + p / 60) hits.push([p, d]);
    for (let i = hits.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [hits[i], hits[j]] = [hits[j]!, hits[i]!];
    }
    const tracker = new AdoptionTracker(docs);
    for (const [p, d] of hits) tracker.hit(p, d);
    // Phrases 29 down to 0 (an order of their own), even ones with curves.
    const names = new Map(Array.from({ length: 30 }, (_, k) => [29 - k, `词${29 - k}`] as [number, string]));
    const { first, curves } = tracker.tables(names, (id) => id % 2 === 0);

    const expected: string[] = [];
    const expectedCurves: string[] = [];
    const years = [...new Set(docs.filter((d) => d.year !== null && d.region).map((d) => d.year!))].sort((a, b) => a - b);
    const firstReport = new Map<string, number>();
    for (const d of docs) if (d.year !== null && d.region) firstReport.set(d.region, Math.min(firstReport.get(d.region) ?? Infinity, d.year));
    for (const [id, name] of names) {
      const best = new Map<string, (typeof docs)[number]>();
      for (const [p, d] of hits) {
        const doc = docs[d]!;
        if (p !== id || doc.year === null || !doc.region) continue;
        const b = best.get(doc.region);
        if (!b || doc.year < b.year! || (doc.year === b.year && doc.doc_id < b.doc_id)) best.set(doc.region, doc);
      }
      const rows = [...best.values()].sort((a, b) => a.year! - b.year! || (a.region < b.region ? -1 : 1));
      expected.push(...rows.map((r) => `${name} ${r.region} ${r.year} ${r.doc_id}`));
      if (id % 2 !== 0) continue;
      let regions = 0;
      for (const y of years) {
        const added = rows.filter((r) => r.year === y).length;
        if (added === 0) continue;
        regions += added;
        expectedCurves.push(`${name} ${y} ${added} ${regions} ${[...firstReport.values()].filter((f) => f <= y).length}`);
      }
    }
    expect(firstUseRows(first).map((r) => `${r.phrase} ${r.region} ${r.first_year} ${r.first_doc_id}`)).toEqual(expected);
    expect(curves.map((c) => `${c.phrase} ${c.year} ${c.new_regions} ${c.regions} ${c.of}`)).toEqual(expectedCurves);
    expect(expected.length).toBeGreaterThan(500);
  });
});

describe('spellings of one phrase that differ only in ignored characters', () => {
  it('make one row of phrases.csv and of phrase_adoption.csv, under the spelling without the marks, counted as Ctrl-F counts the key', () => {
    // Quoted with the enumeration marks in some reports and without in others: the same phrase, counted by one key.
    const spellings = ['绿化、彩化、财化', '绿化彩化财化', '绿化·彩化·财化'];
    const docs = Array.from({ length: 9 }, (_, i) =>
      doc(`g${i}`, `${'甲乙丙'[i % 3]}县`, 2019 + (i % 4), [`推进“${spellings[i % 3]}”工程。`, i % 2 ? `持续${spellings[(i + 1) % 3]}。` : '其他工作。']),
    );
    const set = phrases({ documents: docs, messages: [], meta: { stage: 'ingest', params: {} } }, phrasesParams.parse({ builtin_lexicon: false }));
    const rows = set.phrases.filter((p) => p.phrase.replace(/[、·]/gu, '') === '绿化彩化财化');
    expect(rows.map((p) => p.phrase)).toEqual(['绿化彩化财化']);
    // Ctrl-F of the key in the text with the marks taken out.
    const expected = docs.reduce((n, d) => n + d.paragraphs.join('\n').replace(/[、·]/gu, '').split('绿化彩化财化').length - 1, 0);
    expect(rows[0]!.count).toBe(expected);
    const adoption = firstUseRows(set.adoption.first).filter((r) => r.phrase.replace(/[、·]/gu, '') === '绿化彩化财化');
    expect(new Set(adoption.map((r) => r.phrase))).toEqual(new Set(['绿化彩化财化']));
    expect(adoption.map((r) => r.region).sort()).toEqual(['丙县', '乙县', '甲县']);
  });
});
