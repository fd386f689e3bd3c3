import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { listInputFiles, readSource } from '../../src/io/sources.js';
import { indicators } from '../../src/stages/indicators.js';
import { indicatorsParams, type Indicators } from '../../src/artifacts/indicators.js';
import { ingest } from '../../src/stages/ingest.js';
import { ingestParams, type Corpus } from '../../src/artifacts/corpus.js';
import { targetOutcomesTable, targetsTable } from '../../src/tables/indicators.js';

import { describeWithNationalCorpus } from '../fixtures/corpora.js';
import { ROOT } from '../fixtures/samples.js';

/*
 * Growth targets on the development corpus (49 national reports 1954-2017)
 * against gold tables made by hand from the reports' text:
 * test/fixtures/indicators/national_targets.tsv (GDP 1990-2017, CPI
 * 2005-2017, new urban jobs 2004-2017, each with its sentence) and
 * national_gdp_outcomes.tsv (year t's GDP target against the growth for t
 * that the t+1 report states, gap and met worked out by hand).
 */

type Row = Record<string, string>;
function readTsv(name: string): Row[] {
  const lines = readFileSync(path.join(ROOT, 'test/fixtures/indicators', name), 'utf8').trimEnd().split('\n');
  const head = lines[0]!.split('\t');
  return lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [head[i]!, v])));
}

/** The report's raw text and the clean text written differently (full-width forms, white space): compared after NFKC with white space dropped. */
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '');
const num = (s: string) => (s === '' ? undefined : Number(s));

describeWithNationalCorpus('indicators on the national development corpus', (dir) => {
  let corpus: Corpus;
  let ind: Indicators;
  let cell: (year: number, column: string) => unknown;
  beforeAll(() => {
    corpus = ingest(listInputFiles([dir], ROOT).map((f) => readSource(f, ROOT).source!), ingestParams.parse({}));
    ind = indicators(corpus, indicatorsParams.parse({}));
    const table = targetsTable(ind);
    cell = (year, column) => {
      const row = table.rows.find((r) => r[2] === year);
      if (!row) throw new Error(`no report of ${year} in targets.csv`);
      return row[table.columns.indexOf(column)];
    };
  });

  const gold = readTsv('national_targets.tsv');

  it('agrees with the hand-made GDP gold table 1990-2017: value, range, modifier, GNP or GDP, the paragraph and the sentence', () => {
    const gdp = gold.filter((g) => g.column === 'gdp_growth');
    expect(gdp.map((g) => Number(g.year))).toEqual(Array.from({ length: 28 }, (_, i) => 1990 + i));
    const stated = gdp.filter((g) => g.modifier !== 'none');
    expect(stated).toHaveLength(25);
    for (const g of stated) {
      const y = Number(g.year);
      expect([cell(y, 'gdp_growth'), cell(y, 'gdp_growth_upper') ?? undefined, cell(y, 'gdp_growth_modifier')], g.year).toEqual([num(g.value), num(g.upper), g.modifier]);
      // GNP where the text says 国民生产总值 (1990-1993), GDP otherwise: never 地区生产总值 in a national report.
      expect(cell(y, 'gdp_growth_indicator'), g.year).toBe(g.wording === '国民生产总值' ? '国民生产总值' : '国内生产总值');
      const sentence = String(cell(y, 'gdp_growth_sentence'));
      expect(norm(sentence), g.year).toBe(norm(g.sentence!));
      const doc = corpus.documents.find((d) => d.year === y)!;
      expect(doc.paragraphs[Number(cell(y, 'gdp_growth_paragraph')) - 1]!.includes(sentence), g.year).toBe(true);
    }
  });

  it('records the years that state no GDP target (2000, 2001: a five-year target only, 2002) as none, and says so in the warning', () => {
    const none = gold.filter((g) => g.column === 'gdp_growth' && g.modifier === 'none').map((g) => Number(g.year));
    expect(none).toEqual([2000, 2001, 2002]);
    for (const y of none) expect([cell(y, 'gdp_growth'), cell(y, 'gdp_growth_modifier')], String(y)).toEqual([undefined, undefined]);
    const stateNone = ind.messages.find((m) => m.text.includes('state no headline target'))!.text;
    for (const y of none) expect(stateNone).toContain(`${y}政府工作报告`);
    // Every report from 1990 on that states one was read: none is left as wording that could not be read.
    expect(ind.messages.some((m) => m.text.includes('could not') || m.text.includes('gave no headline target'))).toBe(false);
  });

  it('agrees with the gold table for CPI (13 years) and new urban jobs (14 years)', () => {
    for (const [column, years] of [['cpi', 13], ['new_urban_jobs', 14]] as const) {
      const rows = gold.filter((g) => g.column === column);
      expect(rows).toHaveLength(years);
      for (const g of rows) {
        const y = Number(g.year);
        expect([cell(y, column), cell(y, `${column}_modifier`)], `${column} ${g.year}`).toEqual([num(g.value), g.modifier]);
        expect(norm(String(cell(y, `${column}_sentence`))), `${column} ${g.year}`).toBe(norm(g.sentence!));
      }
    }
  });

  it('makes no review-section figure that reports results a one-year target', () => {
    // Sections ingest reads as review hold some years' plans (1990s reports are review from the first heading on):
    // a one-year target there must name the plan year in its own sentence or the one leading into it.
    const inReview = ind.rows.filter((r) => r.section === 'review' && r.kind === 'target' && r.horizon === 'year');
    for (const r of inReview) {
      const doc = corpus.documents.find((d) => d.doc_id === r.doc_id)!;
      const paragraph = doc.paragraphs[r.paragraph - 1]!;
      const before = paragraph.slice(0, paragraph.indexOf(r.sentence)) || doc.paragraphs[r.paragraph - 2] || '';
      const names = (t: string) => /今年|本年/u.test(t) || t.includes(`${doc.year}年`);
      expect(names(r.sentence) || names(before.split(/(?<=。)/u).filter(Boolean).pop() ?? ''), `${r.doc_id} ¶${r.paragraph}: ${r.sentence}`).toBe(true);
      expect(/去年|上年(?!增长)|过去一年|一年来|五年来|超过[^，。]{0,8}目标/u.test(r.sentence.replace(/比上年|比去年/gu, '')), `${r.doc_id} ¶${r.paragraph}: ${r.sentence}`).toBe(false);
    }
    // The 2005 report's review of 2004 (社会消费品零售总额增长13.3% became a target) and 2016's 城镇新增就业1312万人，超过全年预期目标.
    const report = (y: number) => corpus.documents.find((d) => d.year === y)!.doc_id;
    const of = (y: number, needle: string) => ind.rows.filter((r) => r.doc_id === report(y) && r.sentence.includes(needle));
    expect(of(2005, '社会消费品零售总额5.4万亿元').length).toBeGreaterThanOrEqual(7);
    expect(of(2005, '社会消费品零售总额5.4万亿元').every((r) => r.kind === 'achieved')).toBe(true);
    expect(of(2016, '城镇新增就业1312万人').map((r) => r.kind)).toEqual(['achieved']);
    expect(cell(2005, 'retail_sales_growth')).toBeUndefined();
  });

  it('pairs each GDP target with the growth the next report states for its year, as worked out by hand', () => {
    const table = targetOutcomesTable(ind);
    const col = (name: string) => table.columns.indexOf(name);
    const outcomes = readTsv('national_gdp_outcomes.tsv');
    for (const g of outcomes) {
      const row = table.rows.find((r) => r[col('year')] === Number(g.year) && r[col('indicator')] === 'gdp_growth')!;
      expect(row, g.year).toBeDefined();
      expect([row[col('target')], row[col('target_upper')], row[col('achieved')], row[col('gap')], row[col('met')]], g.year).toEqual([
        Number(g.target),
        num(g.target_upper) ?? null,
        num(g.achieved) ?? null,
        num(g.gap) ?? null,
        g.met === '' ? null : g.met === 'true',
      ]);
      if (g.achieved_sentence) expect(norm(String(row[col('achieved_sentence')])), g.year).toBe(norm(g.achieved_sentence));
      expect(row[col('region')]).toBe('全国');
    }
    // At least 10 pairs whose outcome comes from a 2005-2017 report.
    expect(outcomes.filter((g) => g.achieved !== '' && Number(g.year) + 1 >= 2005).length).toBeGreaterThanOrEqual(10);
  });
});
