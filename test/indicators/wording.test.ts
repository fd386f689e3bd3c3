import { describe, expect, it } from 'vitest';
import { statementsOf, type Statement } from '../../src/indicators/extract.js';

/*
 * Growth targets in every era's wording, built from parts: subject × target
 * cue × numeral style × range form × modifier, each sentence read in every
 * section kind (the sentence's own 今年 and target word decide, not the
 * section: ingest labels whole 1990s reports `review`). Expected values are
 * worked out from the parts, not from the extractor.
 */

const SECTIONS = ['review', 'plan', 'other'] as const;

/** A figure as written, with the value, range end and modifier it stands for. */
interface Written {
  text: string;
  lower: number;
  upper: number | null;
  range: boolean;
}

/** One value in each numeral style: Arabic, full-width, spaced, Chinese, Chinese with 点. */
const SINGLE: Written[] = [
  { text: '8%', lower: 8, upper: 8, range: false },
  { text: '８％', lower: 8, upper: 8, range: false },
  { text: '8 %', lower: 8, upper: 8, range: false },
  { text: '8 ％', lower: 8, upper: 8, range: false },
  { text: '百分之八', lower: 8, upper: 8, range: false },
  { text: '7.5%', lower: 7.5, upper: 7.5, range: false },
  { text: '７．５％', lower: 7.5, upper: 7.5, range: false },
  { text: '百分之七点五', lower: 7.5, upper: 7.5, range: false },
  { text: '百分之十一点六', lower: 11.6, upper: 11.6, range: false },
];

/** Ranges written 至, 到, —, - and ～, with the percent sign once or twice, in digits and in Chinese. */
const RANGES: Written[] = [
  { text: '8%-9%', lower: 8, upper: 9, range: true },
  { text: '8-9%', lower: 8, upper: 9, range: true },
  { text: '6.5%-7%', lower: 6.5, upper: 7, range: true },
  { text: '８％－９％', lower: 8, upper: 9, range: true },
  { text: '8%至9%', lower: 8, upper: 9, range: true },
  { text: '8至9%', lower: 8, upper: 9, range: true },
  { text: '8%到9%', lower: 8, upper: 9, range: true },
  { text: '8%—9%', lower: 8, upper: 9, range: true },
  { text: '百分之八至九', lower: 8, upper: 9, range: true },
  { text: '百分之八到百分之九', lower: 8, upper: 9, range: true },
  { text: '８％～９％', lower: 8, upper: 9, range: true },
];

/** Modifiers after a single figure, and the bounds they give. */
const MODIFIERS = [
  { text: '', bounds: (w: Written) => ({ lower: w.lower, upper: w.upper }) },
  { text: '左右', bounds: (w: Written) => ({ lower: w.lower, upper: w.upper }) },
  { text: '以上', bounds: (w: Written) => ({ lower: w.lower, upper: null }) },
];

/** Subjects that grow (…增长 F), and the indicator each names. */
const GROWING = [
  { text: '国内生产总值', indicator: '国内生产总值' },
  { text: '国民生产总值', indicator: '国民生产总值' },
  { text: '地区生产总值', indicator: '地区生产总值' },
  { text: '全省地区生产总值', indicator: '地区生产总值' },
  { text: '生产总值', indicator: '地区生产总值' },
];

/** Subjects that are a rate (…为 F), and the indicator each names. */
const RATES = [
  { text: '经济增长速度', indicator: '地区生产总值' },
  { text: '经济增长', indicator: '地区生产总值' },
  { text: '国民经济增长速度', indicator: '地区生产总值' },
  { text: '国内生产总值增长速度', indicator: '国内生产总值' },
];

/** Target cues around a growing subject S and a figure F (1990-2017 national wording and its provincial kin). */
const GROWTH_TEMPLATES = [
  '国家计划要求今年的{S}比上年增长{F}。',
  '今年{S}计划增长{F}，是留有余地的。',
  '根据这个要求，今年计划{S}增长{F}。',
  '今年计划要求，在保持社会总需求与总供给基本平衡的基础上，{S}增长{F}。',
  '综合考虑各种因素，今年经济社会发展的主要预期目标是：{S}增长{F}；城镇新增就业10万人。',
  '今年{S}预期增长{F}。',
  '今年年度目标是{S}增长{F}。',
];

/** Target cues around a rate subject S and a figure F. */
const RATE_TEMPLATES = [
  '综合分析各方面的条件，今年{S}的宏观调控目标，定为{F}。',
  '今年{S}的调控目标定为{F}，物价上涨幅度控制在10%左右。',
  '今年国民经济宏观调控的主要目标是：{S}{F}，商品零售价格涨幅控制在3%以内。',
  '综合分析国内外的有利条件和制约因素，今年的{S}预期为{F}。',
  '综合分析国内外各种情况，今年{S}预期目标为{F}，这是必要的。',
  '中央提出今年{S}预期目标为{F}，既考虑了保持宏观调控目标的连续性。',
];

function* builtTargets(): Generator<{ sentence: string; indicator: string; figure: Written; modifier: string; lower: number | null; upper: number | null }> {
  const figures: { figure: Written; modifier: (typeof MODIFIERS)[number] }[] = [
    ...SINGLE.flatMap((figure) => MODIFIERS.map((modifier) => ({ figure, modifier }))),
    ...RANGES.map((figure) => ({ figure, modifier: MODIFIERS[0]! })),
  ];
  for (const [templates, subjects] of [[GROWTH_TEMPLATES, GROWING], [RATE_TEMPLATES, RATES]] as const) {
    for (const template of templates) {
      for (const subject of subjects) {
        for (const { figure, modifier } of figures) {
          const sentence = template.replace('{S}', subject.text).replace('{F}', figure.text + modifier.text);
          const b = figure.range ? { lower: figure.lower, upper: figure.upper } : modifier.bounds(figure);
          yield { sentence, indicator: subject.indicator, figure, modifier: figure.range ? 'range' : modifier.text, ...b };
        }
      }
    }
  }
}

const GDP_NAMES = new Set(['国内生产总值', '国民生产总值', '地区生产总值']);

describe('growth targets in every era’s wording (built sentences)', () => {
  it('reads subject × cue × numeral style × range form × modifier, in every section, as a one-year target', () => {
    let n = 0;
    for (const b of builtTargets()) {
      for (const section of SECTIONS) {
        const rows = statementsOf(b.sentence, section, { year: 1995, heading: '' }).filter((r) => GDP_NAMES.has(r.indicator));
        const context = `${b.sentence} [${section}]`;
        expect(rows.length, context).toBe(1);
        const r = rows[0]!;
        expect({ indicator: r.indicator, value: r.value, lower: r.lower, upper: r.upper, modifier: r.modifier, kind: r.kind, horizon: r.horizon, unit: r.unit }, context).toEqual({
          indicator: b.indicator,
          value: b.figure.lower,
          lower: b.lower,
          upper: b.upper,
          modifier: b.modifier,
          kind: 'target',
          horizon: 'year',
          unit: '%',
        });
        // The wording is the sentence's own (full-width and spaced forms kept) and holds the figure.
        expect(b.sentence.includes(r.raw), context).toBe(true);
        expect(r.raw.includes(b.figure.text), context).toBe(true);
        n++;
      }
    }
    expect(n).toBe(3 * (GROWTH_TEMPLATES.length * GROWING.length + RATE_TEMPLATES.length * RATES.length) * (SINGLE.length * MODIFIERS.length + RANGES.length));
  });

  it('trims the subject to the indicator: no cue, year or frame word stays in it', () => {
    for (const b of builtTargets()) {
      const r = statementsOf(b.sentence, 'plan', { year: 1995 }).find((s) => GDP_NAMES.has(s.indicator))!;
      expect(r.recognised, b.sentence).toBe(true);
      expect(r.indicator, b.sentence).not.toMatch(/计划|要求|今年|目标|预期|定为|的/u);
    }
  });
});

/** Review wording: last year's results, which must never be one-year targets. */
const ACHIEVED_TEMPLATES = [
  '去年{S}增长{F}，商品零售价格涨幅为0.8%。',
  '{Y-1}年，{S}达到13.65万亿元，比上年增长{F}；城镇新增就业980万人，超过预期目标。',
  '{S}比上年增长{F}，虽然略低于8%的预定目标，但这是来之不易的。',
  '{S}比上年增长{F}，实现了年初预定的调控目标。',
  '过去一年，{S}增长{F}，完成了全年预期目标。',
  '{Y-1}年，我们全面实现年初确定的主要目标，{S}增长{F}，为今年经济发展打下好的基础。',
  // Reports given at the year's end review the same year: 今年以来, 前三季度.
  '今年以来，{S}增长{F}，经济运行稳中向好。',
  '前三季度，{S}同比增长{F}。',
];

describe('achieved figures are not targets, whatever the section (built sentences)', () => {
  it('reads last year’s results as achieved in review, plan and other sections', () => {
    let n = 0;
    for (const template of ACHIEVED_TEMPLATES) {
      for (const subject of GROWING) {
        for (const figure of SINGLE) {
          const sentence = template.replace('{S}', subject.text).replace('{F}', figure.text).replace('{Y-1}', '2012');
          for (const section of SECTIONS) {
            const rows = statementsOf(sentence, section, { year: 2013 });
            expect(rows.length, sentence).toBeGreaterThan(0);
            for (const r of rows) expect([r.indicator, r.kind], `${sentence} [${section}]`).toEqual([r.indicator, 'achieved']);
            const gdp = rows.filter((r) => GDP_NAMES.has(r.indicator) && r.unit === '%');
            expect(gdp.map((r) => r.value), sentence).toContain(figure.lower);
            n++;
          }
        }
      }
    }
    expect(n).toBe(ACHIEVED_TEMPLATES.length * GROWING.length * SINGLE.length * 3);
  });

  it('dates a figure by the words before it: a look back after a target does not make it achieved', () => {
    const rows = statementsOf('提出居民消费价格涨幅3%左右，综合考虑了去年价格变动的翘尾因素。', 'plan', { year: 2010 });
    expect(rows.map((r) => [r.indicator, r.kind, r.value])).toEqual([['居民消费价格', 'target', 3]]);
    // The lead-in dates a sentence with no cue of its own (过去一年，…).
    const lead = '2011年，是“十二五”开局之年。过去一年，我们的各项工作取得了很大成绩。';
    expect(statementsOf('国内生产总值增长10.3%，居民消费价格涨幅控制在3.3%，城镇新增就业1168万人。', 'plan', { year: 2011, lead }).map((r) => r.kind)).toEqual(['achieved', 'achieved', 'achieved']);
    // A part of the plan year is not a look back: 上半年 in a plan is a deadline (sample 静乐县 2021).
    expect(statementsOf('上半年新建项目开工率达到75%以上。', 'plan', { year: 2021 }).map((r) => r.kind)).toEqual(['target']);
  });
});

describe('the sentence’s own year outweighs its heading', () => {
  const HEADING = '三、一鼓作气勇争先，全力推动“十五五”开好局、起好步';
  it('keeps 今年…主要预期目标 a one-year target under a heading naming the new five-year plan', () => {
    const rows = statementsOf('今年经济社会发展的主要预期目标是：全省地区生产总值增长5%左右，城镇新增就业50万人以上。', 'plan', { year: 2026, heading: HEADING });
    expect(rows.map((r) => [r.indicator, r.kind, r.horizon, r.value, r.modifier])).toEqual([
      ['地区生产总值', 'target', 'year', 5, '左右'],
      ['城镇新增就业', 'target', 'year', 50, '以上'],
    ]);
  });

  it('still reads five-year wording as multi-year: in the sentence (年均, “十五五”时期), or under a five-year heading without a year of its own', () => {
    expect(statementsOf('“十五五”时期地区生产总值年均增长5%左右。', 'plan', { year: 2026, heading: HEADING })[0]!.horizon).toBe('multi-year');
    expect(statementsOf('地区生产总值增长5%左右。', 'plan', { year: 2026, heading: '二、“十五五”时期主要目标任务' })[0]!.horizon).toBe('multi-year');
    // A heading that names the plan's first year (开好局) frames the year's figures.
    expect(statementsOf('地区生产总值增长5%左右。', 'plan', { year: 2026, heading: HEADING })[0]!.horizon).toBe('year');
    expect(statementsOf('综合考虑各方面因素，“十五”期间年均经济增长速度预期目标为7%左右。', 'review', { year: 2001 }).map((r) => [r.kind, r.horizon])).toEqual([['target', 'multi-year']]);
  });
});

describe('CPI and jobs wording', () => {
  it('reads 居民消费价格总水平涨幅在3%以内 (2007) as a ceiling, and 控制在 with 左右', () => {
    const read = (s: string) => statementsOf(s, 'plan', { year: 2007 }).map((r: Statement) => [r.indicator, r.kind, r.value, r.lower, r.upper, r.modifier]);
    expect(read('物价总水平基本稳定，居民消费价格总水平涨幅在3%以内。')).toEqual([['居民消费价格', 'target', 3, null, 3, '以内']]);
    expect(read('居民消费价格总水平涨幅控制在4.8%左右。')).toEqual([['居民消费价格', 'target', 4.8, 4.8, 4.8, '左右']]);
    expect(read('城镇新增就业人数不低于900万人。')).toEqual([['城镇新增就业', 'target', 900, 900, null, '不低于']]);
  });

  it('reads figures with 多 or 余 between number and unit as lower bounds, and 回落到 as the level reached', () => {
    expect(statementsOf('国内生产总值达到６７７００多亿元，按可比价格计算，比上年增长９．７％。', 'review', { year: 1997 }).map((r) => [r.indicator, r.value, r.unit, r.lower, r.upper, r.modifier, r.measure])).toEqual([
      ['国内生产总值', 67700, '亿元', 67700, null, '多', 'level'],
      ['国内生产总值', 9.7, '%', 9.7, 9.7, '', 'growth'],
    ]);
    expect(statementsOf('居民消费价格涨幅回落到2.6%。', 'review', { year: 2013 }).map((r) => [r.indicator, r.value, r.measure])).toEqual([['居民消费价格', 2.6, 'level']]);
  });

  it('gives a change after a milestone the milestone’s subject (国内生产总值突破３万亿元大关，比上年增长百分之十三点四)', () => {
    const rows = statementsOf('国内生产总值突破３万亿元大关，比上年增长百分之十三点四。', 'review', { year: 1994 });
    expect(rows.map((r) => [r.indicator, r.kind, r.value, r.unit, r.raw])).toEqual([['国内生产总值', 'achieved', 13.4, '%', '国内生产总值突破３万亿元大关，比上年增长百分之十三点四']]);
  });
});
