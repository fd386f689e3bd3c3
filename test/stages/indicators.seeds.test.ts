import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { indicators } from '../../src/stages/indicators.js';
import { indicatorsParams, type IndicatorRow, type Indicators } from '../../src/artifacts/indicators.js';
import { indicatorsTable, targetsTable } from '../../src/tables/indicators.js';
import { ROOT, sampleCorpus } from '../fixtures/samples.js';

let ind: Indicators;
beforeAll(() => {
  ind = indicators(sampleCorpus(), indicatorsParams.parse({}));
});

const CHANGZHI = '001_5819de8783046adf';
const JIAOCHENG = '000_3671ec8ff8c3bdb3';
const pick = (r: IndicatorRow) => [r.indicator, r.kind, r.value, r.unit, r.modifier];

describe('indicators on the samples', () => {
  it('extracts the 2023 targets of 长治市 exactly, in the order of the report', () => {
    const rows = ind.rows.filter((r) => r.doc_id === CHANGZHI && r.kind === 'target');
    expect(rows.map(pick)).toEqual([
      ['地区生产总值', 'target', 7, '%', '以上'],
      ['固定资产投资', 'target', 9.5, '%', ''],
      ['社会消费品零售总额', 'target', 8, '%', ''],
      ['一般公共预算收入', 'target', 6, '%', ''],
      ['城镇居民人均可支配收入', 'target', null, '', 'qualitative'],
      ['农村居民人均可支配收入', 'target', null, '', 'qualitative'],
      ['城镇新增就业', 'target', 4.3, '万人', ''],
      ['居民消费价格', 'target', 3, '%', '左右'],
    ]);
    expect(rows.every((r) => r.section === 'plan' && r.paragraph === 11 && r.horizon === 'year')).toBe(true);
  });

  it('extracts the achieved 2022 figures of 交城县 exactly', () => {
    const rows = ind.rows.filter((r) => r.doc_id === JIAOCHENG && r.paragraph === 7 && r.recognised);
    expect(rows.map((r) => [r.indicator, r.kind, r.measure, r.value, r.unit])).toEqual([
      ['地区生产总值', 'achieved', 'level', 107.2, '亿元'],
      ['固定资产投资', 'achieved', 'level', 39.9, '亿元'],
      ['固定资产投资', 'achieved', 'growth', 13.3, '%'],
      ['一般公共预算收入', 'achieved', 'level', 9, '亿元'],
      ['一般公共预算收入', 'achieved', 'growth', 19.9, '%'],
    ]);
    expect(rows.every((r) => r.section === 'review')).toBe(true);
  });

  it('writes 长治市 as one targets.csv row, with modifiers and the hard/soft flag', () => {
    const table = targetsTable(ind);
    const row = table.rows.find((r) => r[0] === CHANGZHI)!;
    const cell = (name: string) => row[table.columns.indexOf(name)];
    expect([cell('region'), cell('year')]).toEqual(['长治市', 2023]);
    expect([cell('gdp_growth'), cell('gdp_growth_modifier'), cell('gdp_growth_hard')]).toEqual([7, '以上', true]);
    expect([cell('fixed_investment_growth'), cell('retail_sales_growth'), cell('budget_revenue_growth'), cell('new_urban_jobs')]).toEqual([9.5, 8, 6, 4.3]);
    expect([cell('cpi'), cell('cpi_modifier'), cell('cpi_hard')]).toEqual([3, '左右', false]);
    expect([cell('urban_income_growth'), cell('urban_income_growth_modifier'), cell('urban_income_growth_hard')]).toEqual([null, 'qualitative', null]);
    expect(cell('industrial_value_added_growth_modifier')).toBeUndefined();
  });

  it('takes the year targets, not the five-year ones, and converts jobs to 万人 (灵石县: 2500人以上)', () => {
    const table = targetsTable(ind);
    const row = table.rows.find((r) => r[0] === '003_330ca93b427a2047-04')!;
    const cell = (name: string) => row[table.columns.indexOf(name)];
    expect([cell('gdp_growth'), cell('gdp_growth_modifier')]).toEqual([9, '以上']);
    expect([cell('new_urban_jobs'), cell('new_urban_jobs_modifier'), cell('new_urban_jobs_hard')]).toEqual([0.25, '以上', true]);
    expect([cell('registered_unemployment'), cell('registered_unemployment_modifier')]).toEqual([4.2, '以内']);
    expect([cell('urban_income_growth'), cell('rural_income_growth')]).toEqual([9, 9.5]);
  });

  it('is traceable: each sentence stands in its paragraph, the wording in the sentence, and the value in the sentence', () => {
    const docs = new Map(sampleCorpus().documents.map((d) => [d.doc_id, d]));
    const chineseNumerals: IndicatorRow[] = [];
    for (const r of ind.rows) {
      expect(docs.get(r.doc_id)!.paragraphs[r.paragraph - 1]!.includes(r.sentence), r.sentence).toBe(true);
      expect(r.sentence.includes(r.raw), r.raw).toBe(true);
      if (r.value !== null && !r.sentence.includes(String(r.value))) chineseNumerals.push(r);
    }
    // The only figures not written in Arabic digits: 千亿元, read as 1000 亿元 (checked by hand).
    expect(chineseNumerals.map((r) => [r.raw, r.value, r.unit])).toEqual([
      ['传统煤电产业产值稳定在千亿元', 1000, '亿元'],
      ['新兴产业产值突破千亿元', 1000, '亿元'],
    ]);
  });

  it('still extracts every row of the hand-checked sample that was judged right (test/fixtures/indicators/hand_check.tsv)', () => {
    const lines = readFileSync(path.join(ROOT, 'test/fixtures/indicators/hand_check.tsv'), 'utf8').trim().split('\n');
    const head = lines[0]!.split('\t');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [head[i]!, v])));
    expect(rows).toHaveLength(50);
    expect(rows.filter((r) => r.verdict === 'wrong')).toHaveLength(3);
    for (const h of rows.filter((r) => r.verdict === 'right')) {
      const found = ind.rows.find((r) => r.doc_id === h.doc_id && r.paragraph === Number(h.paragraph) && r.raw === h.raw && r.indicator === h.indicator);
      expect(found, `${h.doc_id} ${h.raw}`).toBeDefined();
      expect([found!.kind, found!.horizon, String(found!.value ?? ''), found!.unit, found!.modifier]).toEqual([h.kind, h.horizon, h.value, h.unit, h.modifier]);
    }
  });
});

describe('indicators on built reports', () => {
  const doc = (doc_id: string, paragraphs: string[], planFrom: number) => ({
    doc_id, title: '', region: '测试市', level: 'prefecture' as const, province: '', year: 2020, meeting_date: '', session: '', speaker: '', kind: 'report' as const, source_file: 'x.txt', paragraphs,
    sections: [
      { kind: 'review' as const, heading: paragraphs[0]!, first_paragraph: 1, last_paragraph: planFrom - 1, chars: 0 },
      { kind: 'plan' as const, heading: paragraphs[planFrom - 1]!, first_paragraph: planFrom, last_paragraph: paragraphs.length, chars: 0 },
    ],
  });
  const corpus = {
    documents: [
      doc('national2020', ['一、2019年工作回顾', '国内生产总值增长6.1%。', '二、2020年工作安排', '今年发展主要目标是：城镇新增就业900万人以上，城镇调查失业率6%左右，居民消费价格涨幅3.5%左右。需要说明的是，我们没有提出全年经济增速具体目标。'], 3),
      doc('national2019', ['一、2018年工作回顾', '国内生产总值增长6.6%。', '二、2019年工作安排', '今年发展的主要预期目标是：国内生产总值增长6%-6.5%；城镇新增就业1100万人以上。'], 3),
    ],
    messages: [],
    meta: { stage: 'ingest' as const, params: {} },
  };
  const built = indicators(corpus, indicatorsParams.parse({}));
  const table = targetsTable(built);
  const cell = (id: string, name: string) => table.rows.find((r) => r[0] === id)![table.columns.indexOf(name)];

  it('records the absence of a growth target as such, not as missing data', () => {
    expect([cell('national2020', 'gdp_growth'), cell('national2020', 'gdp_growth_modifier'), cell('national2020', 'gdp_growth_hard')]).toEqual([null, 'no_target', null]);
    expect([cell('national2020', 'new_urban_jobs'), cell('national2020', 'new_urban_jobs_modifier')]).toEqual([900, '以上']);
    expect([cell('national2020', 'surveyed_unemployment'), cell('national2020', 'cpi')]).toEqual([6, 3.5]);
  });

  it('writes a range target as its lower end with the upper end beside it, soft', () => {
    expect(['gdp_growth', 'gdp_growth_upper', 'gdp_growth_modifier', 'gdp_growth_hard'].map((c) => cell('national2019', c))).toEqual([6, 6.5, 'range', false]);
  });

  it('keeps only the listed indicators with unlisted: false', () => {
    const extra = { ...corpus, documents: [doc('x', ['一、回顾', '农产品加工企业销售收入完成581.7亿元，地区生产总值完成107.2亿元。', '二、安排', '无。'], 3)] };
    expect(indicators(extra, indicatorsParams.parse({})).rows.map((r) => r.indicator)).toEqual(['农产品加工企业销售收入', '地区生产总值']);
    expect(indicators(extra, indicatorsParams.parse({ unlisted: false })).rows.map((r) => r.indicator)).toEqual(['地区生产总值']);
  });

  it('writes indicators.csv with the SPEC columns first, then measure and horizon', () => {
    const t = indicatorsTable(built);
    expect(t.columns).toEqual(['doc_id', 'section', 'indicator', 'raw', 'kind', 'value', 'unit', 'lower', 'upper', 'modifier', 'sentence', 'paragraph', 'measure', 'horizon']);
    expect(t.rows.find((r) => r[9] === 'no_target')).toEqual(['national2020', 'plan', '地区生产总值', '没有提出全年经济增速具体目标', 'target', null, '', null, null, 'no_target', '需要说明的是，我们没有提出全年经济增速具体目标。', 4, 'growth', 'year']);
  });

  it('takes the review figures as achieved, not as targets', () => {
    expect(built.rows.filter((r) => r.paragraph === 2).map((r) => [r.doc_id, r.kind, r.value])).toEqual([
      ['national2020', 'achieved', 6.1],
      ['national2019', 'achieved', 6.6],
    ]);
  });
});
