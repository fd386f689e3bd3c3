import { describe, expect, it } from 'vitest';
import { metTarget } from '../../src/indicators/outcomes.js';
import { outcomeSeries } from '../../src/report/html.js';
import { gdpTargetOutcomes } from '../../src/report/paper.js';
import { indicators } from '../../src/stages/indicators.js';
import { indicatorsParams } from '../../src/artifacts/indicators.js';
import { targetOutcomesTable } from '../../src/tables/indicators.js';
import type { Corpus, Document } from '../../src/artifacts/corpus.js';

/*
 * target_outcomes on built reports: year t's target of a region against the
 * figure the same region's t+1 report gives for t; gap and met worked out by
 * hand for each built case.
 */

function report(region: string, province: string, level: Document['level'], year: number, review: string, plan: string): Document {
  const paragraphs = [`一、${year - 1}年工作回顾`, review, `二、${year}年工作安排`, plan];
  return {
    doc_id: `${region}${year}`, title: '', region, level, province, year, meeting_date: '', session: '', speaker: '', kind: 'report', source_file: 'x.txt', paragraphs,
    sections: [
      { kind: 'review', heading: paragraphs[0]!, first_paragraph: 1, last_paragraph: 2, chars: 0 },
      { kind: 'plan', heading: paragraphs[2]!, first_paragraph: 3, last_paragraph: 4, chars: 0 },
    ],
  };
}

const corpus: Corpus = {
  documents: [
    report('全国', '', 'national', 2015, '国内生产总值增长7.4%，居民消费价格上涨2%，城镇新增就业1322万人。', '今年发展的主要预期目标是：国内生产总值增长7%左右，居民消费价格涨幅3%左右，城镇新增就业1000万人以上。'),
    report('全国', '', 'national', 2016, '国内生产总值达到67.7万亿元，增长6.9%。全年居民消费价格上涨1.4%，城镇新增就业1312万人。', '今年发展的主要预期目标是：国内生产总值增长6.5%-7%，居民消费价格涨幅3%左右。'),
    report('全国', '', 'national', 2017, '国内生产总值增长6.7%，居民消费价格上涨2%。', '今年发展的主要预期目标是：国内生产总值增长6.5%左右。'),
    // Same region name in two provinces: paired within a province only.
    report('朝阳县', '辽宁省', 'county', 2022, '地区生产总值增长5%。', '今年主要预期目标是：地区生产总值增长6%。'),
    report('朝阳县', '辽宁省', 'county', 2023, '地区生产总值增长4.1%。', '今年主要预期目标是：地区生产总值增长5%。'),
    report('朝阳县', '吉林省', 'county', 2024, '地区生产总值增长9%。', '今年主要预期目标是：地区生产总值增长5%。'),
  ],
  messages: [],
  meta: { stage: 'ingest', params: {} },
};
const ind = indicators(corpus, indicatorsParams.parse({}));
const table = targetOutcomesTable(ind);
const get = (region: string, year: number, indicator: string) => {
  const row = table.rows.find((r) => r[0] === region && r[1] === year && r[2] === indicator);
  return row && Object.fromEntries(table.columns.map((c, i) => [c, row[i]]));
};

describe('target_outcomes', () => {
  it('pairs a target with the next report’s figure for its year: gap and met (7 左右 against 6.9: missed by 0.1)', () => {
    expect(get('全国', 2015, 'gdp_growth')).toMatchObject({ target: 7, target_upper: null, target_modifier: '左右', achieved: 6.9, gap: -0.1, met: false, target_doc_id: '全国2015', target_paragraph: 4, achieved_doc_id: '全国2016', achieved_paragraph: 2 });
    expect(get('全国', 2015, 'gdp_growth')!.achieved_sentence).toBe('国内生产总值达到67.7万亿元，增长6.9%。');
    expect(get('全国', 2015, 'new_urban_jobs')).toMatchObject({ target: 1000, target_modifier: '以上', achieved: 1312, gap: 312, met: true });
  });

  it('meets a range at its lower bound (6.5-7 against 6.7), and a CPI ceiling from below (3 左右 against 1.4 and 2)', () => {
    expect(get('全国', 2016, 'gdp_growth')).toMatchObject({ target: 6.5, target_upper: 7, target_modifier: 'range', achieved: 6.7, gap: 0.2, met: true });
    expect(get('全国', 2015, 'cpi')).toMatchObject({ target: 3, achieved: 1.4, gap: -1.6, met: true });
    expect(get('全国', 2016, 'cpi')).toMatchObject({ target: 3, achieved: 2, gap: -1, met: true });
  });

  it('leaves the outcome empty without a next-year report, and pairs reports of one province only', () => {
    expect(get('全国', 2017, 'gdp_growth')).toMatchObject({ target: 6.5, achieved: null, gap: null, met: null, achieved_sentence: null });
    expect(get('朝阳县', 2022, 'gdp_growth')).toMatchObject({ target: 6, achieved: 4.1, gap: -1.9, met: false });
    // 辽宁 朝阳县 2023 has no 2024 report in 辽宁 (the 2024 one is 吉林's).
    expect(get('朝阳县', 2023, 'gdp_growth')).toMatchObject({ target: 5, achieved: null });
    expect(table.rows.filter((r) => r[2] === 'gdp_growth')).toHaveLength(6);
  });

  it('metTarget: floors at the lower end, ceilings at the upper end, 左右 as the figure itself', () => {
    expect([metTarget('gdp_growth', 7, null, 7), metTarget('gdp_growth', 7, null, 6.99), metTarget('gdp_growth', 6.5, 7, 6.5)]).toEqual([true, false, true]);
    expect([metTarget('cpi', 3, null, 3), metTarget('cpi', 3, null, 3.3), metTarget('cpi', 2, 3, 2.8), metTarget('registered_unemployment', 4.5, null, 4.6)]).toEqual([true, false, true, false]);
  });
});

describe('the target/outcome chart of the report', () => {
  it('takes the national series, one point per year from the first target to the last', () => {
    const t = gdpTargetOutcomes({ corpus, indicators: ind } as Parameters<typeof gdpTargetOutcomes>[0])!;
    expect(t.rows.map((r) => [r[0], r[1]])).toEqual([['全国', 2015], ['全国', 2016], ['全国', 2017]]);
    expect(outcomeSeries(t)).toEqual({ region: '全国', years: [2015, 2016, 2017], target: [7, 6.5, 6.5], upper: [null, 7, null], achieved: [6.9, 6.7, null] });
  });
});
