import { describe, expect, it } from 'vitest';
import { indicatorKindOf, sentencesOf, statementsOf, type Statement } from '../../src/indicators/extract.js';

/** The fields a reader checks, for compact expectations. */
const brief = (s: Statement) => ({ indicator: s.indicator, value: s.value, unit: s.unit, lower: s.lower, upper: s.upper, modifier: s.modifier });
const plan = (sentence: string) => statementsOf(sentence, 'plan');

describe('statementsOf: figures, units and modifiers', () => {
  it('reads the 长治 2023 target sentence clause by clause', () => {
    const rows = plan('主要预期目标是：地区生产总值增长7%以上，固定资产投资增长9.5%，城镇新增就业4.3万人，居民消费价格总水平涨幅控制在3%左右。');
    expect(rows.map(brief)).toEqual([
      { indicator: '地区生产总值', value: 7, unit: '%', lower: 7, upper: null, modifier: '以上' },
      { indicator: '固定资产投资', value: 9.5, unit: '%', lower: 9.5, upper: 9.5, modifier: '' },
      { indicator: '城镇新增就业', value: 4.3, unit: '万人', lower: 4.3, upper: 4.3, modifier: '' },
      { indicator: '居民消费价格', value: 3, unit: '%', lower: 3, upper: 3, modifier: '左右' },
    ]);
    expect(rows.every((r) => r.kind === 'target' && r.horizon === 'year')).toBe(true);
    expect(rows.map((r) => r.measure)).toEqual(['growth', 'growth', 'level', 'growth']);
  });

  it('reads ranges written 6%-6.5%, 6-6.5% and 6至6.5%: value and lower are the lower end', () => {
    for (const text of ['国内生产总值增长6%-6.5%。', '国内生产总值增长6-6.5%。', '国内生产总值增长6至6.5%。', '国内生产总值增长6％～6.5％。']) {
      expect(plan(text).map(brief), text).toEqual([{ indicator: '国内生产总值', value: 6, unit: '%', lower: 6, upper: 6.5, modifier: 'range' }]);
    }
  });

  it('gives 以内 an upper bound only, 以上 a lower bound only', () => {
    expect(plan('城镇调查失业率控制在5.5%以内。').map(brief)).toEqual([{ indicator: '城镇调查失业率', value: 5.5, unit: '%', lower: null, upper: 5.5, modifier: '以内' }]);
    expect(plan('一般公共预算收入增长5%以上。').map(brief)).toEqual([{ indicator: '一般公共预算收入', value: 5, unit: '%', lower: 5, upper: null, modifier: '以上' }]);
  });

  it('keeps 力争 and 确保 before the figure as modifiers, joined to one after it', () => {
    expect(plan('力争地区生产总值增长8%。').map((r) => r.modifier)).toEqual(['力争']);
    expect(plan('地区生产总值确保增长7%以上，力争8%。').map((r) => [r.value, r.modifier])).toEqual([[7, '确保+以上']]);
  });

  it('reads Chinese numerals: 百分之七左右, 三点五万人, 二十五万吨', () => {
    expect(plan('地区生产总值增长百分之七左右。').map(brief)).toEqual([{ indicator: '地区生产总值', value: 7, unit: '%', lower: 7, upper: 7, modifier: '左右' }]);
    expect(plan('城镇新增就业三点五万人。').map(brief)).toEqual([{ indicator: '城镇新增就业', value: 3.5, unit: '万人', lower: 3.5, upper: 3.5, modifier: '' }]);
    expect(statementsOf('粮食产量达到二十五万吨。', 'review').map(brief)).toEqual([{ indicator: '粮食产量', value: 25, unit: '万吨', lower: 25, upper: 25, modifier: '' }]);
  });

  it('keeps 万 and 亿 in the unit, as the report writes the figure', () => {
    const rows = statementsOf('全县地区生产总值完成107.2亿元，稳定突破百亿元大关；一般公共预算收入完成9亿元，同比增长19.9%。', 'review');
    expect(rows.map((r) => [r.indicator, r.value, r.unit, r.measure, r.kind])).toEqual([
      ['地区生产总值', 107.2, '亿元', 'level', 'achieved'],
      ['一般公共预算收入', 9, '亿元', 'level', 'achieved'],
      ['一般公共预算收入', 19.9, '%', 'growth', 'achieved'],
    ]);
    expect(rows[2]!.raw).toBe('同比增长19.9%');
  });

  it('gives a change with no subject the subject before it, but not a share of a plan (完成226.4%)', () => {
    expect(statementsOf('全市农产品加工企业销售收入完成581.7亿元、增长36.6%。', 'review').map((r) => [r.indicator, r.value, r.unit])).toEqual([
      ['农产品加工企业销售收入', 581.7, '亿元'],
      ['农产品加工企业销售收入', 36.6, '%'],
    ]);
    expect(statementsOf('固定资产投资完成12亿元，完成年度计划的110%。', 'review').map((r) => r.value)).toEqual([12]);
  });

  it('distributes 分别 figures over urban and rural income, and over listed measures', () => {
    expect(plan('城镇和农村居民人均可支配收入分别增长8%和8%以上。').map((r) => [r.indicator, r.value, r.modifier])).toEqual([
      ['城镇居民人均可支配收入', 8, ''],
      ['农村居民人均可支配收入', 8, '以上'],
    ]);
    expect(plan('城乡居民人均可支配收入分别增长8%以上。').map((r) => [r.indicator, r.value, r.modifier])).toEqual([
      ['城镇居民人均可支配收入', 8, '以上'],
      ['农村居民人均可支配收入', 8, '以上'],
    ]);
    expect(statementsOf('全县水果、蔬菜、中药材种植面积分别达到15万亩、13.2万亩、10万亩。', 'review').map((r) => [r.indicator, r.value])).toEqual([
      ['水果种植面积', 15],
      ['蔬菜种植面积', 13.2],
      ['中药材种植面积', 10],
    ]);
  });

  it('records a target in words with no value (与经济增长同步, 高于经济增长)', () => {
    const rows = plan('城镇居民人均可支配收入增速与经济增长同步，农村居民人均可支配收入增速高于经济增长水平。');
    expect(rows.map(brief)).toEqual([
      { indicator: '城镇居民人均可支配收入', value: null, unit: '', lower: null, upper: null, modifier: 'qualitative' },
      { indicator: '农村居民人均可支配收入', value: null, unit: '', lower: null, upper: null, modifier: 'qualitative' },
    ]);
    expect(plan('居民收入与GDP同步增长。').map((r) => [r.indicator, r.modifier])).toEqual([['居民人均可支配收入', 'qualitative']]);
  });

  it('records the stated absence of a growth target (national report 2020) as a target row with no value', () => {
    const rows = plan('需要说明的是，我们没有提出全年经济增速具体目标，主要是因为全球疫情和经贸形势不确定性很大。');
    expect(rows.map((r) => [r.indicator, r.kind, r.value, r.modifier])).toEqual([['地区生产总值', 'target', null, 'no_target']]);
    expect(rows[0]!.raw).toBe('没有提出全年经济增速具体目标');
  });

  it('marks five-year figures as multi-year, by the sentence or by a 十四五 plan heading', () => {
    expect(plan('“十四五”时期地区生产总值年均增长6%左右。')[0]!.horizon).toBe('multi-year');
    expect(statementsOf('地区生产总值达到270亿元。', 'plan', '二、“十四五”时期目标任务和总体要求')[0]!.horizon).toBe('multi-year');
    expect(statementsOf('地区生产总值增长8%。', 'plan', '三、2021年工作安排')[0]!.horizon).toBe('year');
  });

  it('does not take a narrower quantity for the indicator it contains (人均GDP, 一产固投, 亩均税收)', () => {
    expect(statementsOf('人均GDP达到6万元。', 'review').map((r) => [r.indicator, r.recognised])).toEqual([['人均GDP', false]]);
    expect(plan('一产固投增速达到12%以上。').map((r) => r.recognised)).toEqual([false]);
    expect(plan('工业增加值占GDP比重达到42%以上。').map((r) => [r.indicator, r.recognised])).toEqual([['工业增加值占GDP比重', false]]);
  });

  it('ignores figures without a unit or without a measurable subject', () => {
    expect(statementsOf('出台实施稳经济47条，培育市级以上龙头企业2个，每千人拥有企业27.9户。', 'review')).toEqual([]);
    expect(statementsOf('大力实施“1146”发展战略，推进三大攻坚战。', 'plan')).toEqual([]);
  });
});

describe('indicatorKindOf', () => {
  it('reads targets from plan sections and target cues, achievements from reviews and looks back', () => {
    expect(indicatorKindOf('地区生产总值增长8%。', 'plan')).toBe('target');
    expect(indicatorKindOf('地区生产总值比上年增长8%。', 'plan')).toBe('achieved');
    expect(indicatorKindOf('地区生产总值增长8%。', 'review')).toBe('achieved');
    expect(indicatorKindOf('城镇登记失业率控制在3%以内。', 'review')).toBe('achieved');
    expect(indicatorKindOf('今年的主要预期目标是：地区生产总值增长8%。', 'review')).toBe('target');
    expect(indicatorKindOf('居民消费价格涨幅控制在3%左右。', 'other')).toBe('target');
    expect(indicatorKindOf('新增城镇就业4.67万人。', 'other')).toBe('achieved');
  });
});

describe('sentencesOf', () => {
  it('splits at 。！？ and keeps the mark', () => {
    expect(sentencesOf('甲增长5%。乙下降2%！ 丙？')).toEqual(['甲增长5%。', '乙下降2%！', '丙？']);
  });
});

describe('statementsOf: national report wording', () => {
  it('reads the 2019 national targets: range, bounds, a bare 万, a target in words; 十三五 in one clause does not make the others multi-year', () => {
    const text = '今年发展的主要预期目标是：国内生产总值增长6%－6.5%；城镇新增就业1100万人以上，城镇调查失业率5.5%左右；农村贫困人口减少1000万以上，基本完成“十三五”易地扶贫搬迁工程；居民收入增长与经济增长基本同步；单位国内生产总值能耗下降3%左右。';
    expect(plan(text).map((r) => [r.indicator, r.value, r.unit, r.modifier, r.measure, r.horizon])).toEqual([
      ['国内生产总值', 6, '%', 'range', 'growth', 'year'],
      ['城镇新增就业', 1100, '万人', '以上', 'level', 'year'],
      ['城镇调查失业率', 5.5, '%', '左右', 'level', 'year'],
      ['农村贫困人口', 1000, '万', '以上', 'decline', 'year'],
      ['居民人均可支配收入', null, '', 'qualitative', 'growth', 'year'],
      ['单位GDP能耗', 3, '%', '左右', 'decline', 'year'],
    ]);
    // raw is the sentence's own wording (full-width dash kept), so it can be found in the sentence.
    expect(plan(text)[0]!.raw).toBe('国内生产总值增长6%－6.5%');
  });

  it('reads 万亿元 and a planned deficit (拟按) as a target', () => {
    expect(plan('今年赤字率拟按2.8%安排，比去年提高0.2个百分点。').map((r) => [r.indicator, r.kind, r.value, r.unit])).toEqual([
      ['赤字率', 'target', 2.8, '%'],
      ['赤字率', 'target', 0.2, '个百分点'],
    ]);
    expect(statementsOf('国内生产总值达到90万亿元，增长6.6%。', 'review').map((r) => [r.indicator, r.value, r.unit])).toEqual([
      ['国内生产总值', 90, '万亿元'],
      ['国内生产总值', 6.6, '%'],
    ]);
  });

  it('makes a sentence multi-year from a lead-in clause (到2025年,) but a level beside 年均 stays the year’s', () => {
    expect(plan('到2025年，地区生产总值达到300亿元，城镇化率达到60%。').map((r) => r.horizon)).toEqual(['multi-year', 'multi-year']);
    expect(statementsOf('地区生产总值达到37.2亿元，年均增长9.23%。', 'review').map((r) => [r.value, r.horizon])).toEqual([
      [37.2, 'year'],
      [9.23, 'multi-year'],
    ]);
  });
});
