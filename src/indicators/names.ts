/**
 * The indicators govtext recognises by name: a normalised name, the ways
 * reports write it, and (for the headline targets of targets.csv) the
 * column it fills. The wording of a statement is kept in `raw`.
 */
export interface IndicatorName {
  /** Normalised name written to indicators.csv. */
  name: string;
  /** Wordings, matched at the end of a statement's subject (longest and latest match wins). */
  aliases: readonly string[];
  /** targets.csv column of the year's target, for the headline indicators. */
  target?: string;
  /** Unit of the targets.csv column; values in other units of the same kind are converted (2500人 -> 0.25万人). */
  targetUnit?: '%' | '万人';
}

export const INDICATOR_NAMES: readonly IndicatorName[] = [
  // Three names fill gdp_growth, as the text writes it: regional GDP (and the wording that names no aggregate: 经济增长),
  // national GDP (国内生产总值), and GNP (国民生产总值, the national headline until 1993). A national report's
  // 经济增长 is its 国内生产总值 (nationalName).
  { name: '地区生产总值', aliases: ['地区生产总值', '生产总值', 'GDP', '经济增长', '经济增速', '经济增长速度', '经济增长率', '国民经济增长速度', '国民经济增速', '经济总量'], target: 'gdp_growth', targetUnit: '%' },
  { name: '国内生产总值', aliases: ['国内生产总值', '国内生产总值GDP'], target: 'gdp_growth', targetUnit: '%' },
  { name: '国民生产总值', aliases: ['国民生产总值', 'GNP'], target: 'gdp_growth', targetUnit: '%' },
  { name: '规模以上工业增加值', aliases: ['规模以上工业增加值', '规上工业增加值', '规模工业增加值', '工业增加值'], target: 'industrial_value_added_growth', targetUnit: '%' },
  { name: '固定资产投资', aliases: ['固定资产投资', '全社会固定资产投资', '固投'], target: 'fixed_investment_growth', targetUnit: '%' },
  { name: '社会消费品零售总额', aliases: ['社会消费品零售总额', '社会消费品零售额', '社消零总额', '社零总额'], target: 'retail_sales_growth', targetUnit: '%' },
  { name: '一般公共预算收入', aliases: ['一般公共预算收入', '公共财政预算收入', '地方一般公共预算收入', '一般预算收入'], target: 'budget_revenue_growth', targetUnit: '%' },
  { name: '财政总收入', aliases: ['财政总收入', '财政收入'] },
  { name: '城镇居民人均可支配收入', aliases: ['城镇居民人均可支配收入', '城镇常住居民人均可支配收入', '城镇居民收入', '城镇常住居民收入', '城镇居民可支配收入', '城镇常住居民可支配收入'], target: 'urban_income_growth', targetUnit: '%' },
  { name: '农村居民人均可支配收入', aliases: ['农村居民人均可支配收入', '农村常住居民人均可支配收入', '农村居民收入', '农村常住居民收入', '农村居民可支配收入', '农村常住居民可支配收入', '农民人均纯收入', '农民人均可支配收入', '农民收入'], target: 'rural_income_growth', targetUnit: '%' },
  { name: '居民人均可支配收入', aliases: ['居民人均可支配收入', '人均可支配收入', '居民收入'] },
  { name: '城镇新增就业', aliases: ['城镇新增就业', '新增城镇就业', '城镇新增就业人数', '新增就业'], target: 'new_urban_jobs', targetUnit: '万人' },
  { name: '城镇登记失业率', aliases: ['城镇登记失业率', '登记失业率'], target: 'registered_unemployment', targetUnit: '%' },
  { name: '城镇调查失业率', aliases: ['城镇调查失业率', '调查失业率'], target: 'surveyed_unemployment', targetUnit: '%' },
  { name: '居民消费价格', aliases: ['居民消费价格总水平', '居民消费价格', '居民消费价格指数', '消费价格', 'CPI', '物价总水平', '物价'], target: 'cpi', targetUnit: '%' },
  { name: '单位GDP能耗', aliases: ['单位GDP能耗', '单位地区生产总值能耗', '单位生产总值能耗', '万元GDP能耗', '万元地区生产总值能耗', '单位国内生产总值能耗', '能耗强度'], target: 'energy_intensity_reduction', targetUnit: '%' },
  { name: '粮食产量', aliases: ['粮食产量', '粮食总产量', '粮食总产'] },
  { name: '粮食播种面积', aliases: ['粮食播种面积', '粮食作物播种面积', '粮食种植面积'] },
  { name: '进出口总额', aliases: ['进出口总额', '外贸进出口', '进出口', '外贸进出口总额'] },
  { name: '实际利用外资', aliases: ['实际利用外资', '实际使用外资'] },
  { name: '规模以上工业总产值', aliases: ['规模以上工业总产值', '规上工业总产值', '工业总产值'] },
  { name: '税收收入', aliases: ['税收收入', '税收'] },
];

/** A headline target of targets.csv: its column, unit, and the indicator names that fill it (the first is the usual one). */
export interface HeadlineTarget {
  column: string;
  unit: '%' | '万人' | undefined;
  /** Normalised names that fill the column (gdp_growth: 地区生产总值, 国内生产总值, 国民生产总值). */
  names: readonly string[];
  /** The first of `names`. */
  name: string;
}

/** The headline targets of targets.csv, in column order (one per column, whatever names fill it). */
export const HEADLINE_TARGETS: readonly HeadlineTarget[] = (() => {
  const out: HeadlineTarget[] = [];
  for (const n of INDICATOR_NAMES) {
    if (!n.target) continue;
    const seen = out.find((h) => h.column === n.target);
    if (seen) (seen.names as string[]).push(n.name);
    else out.push({ column: n.target, unit: n.targetUnit, names: [n.name], name: n.name });
  }
  return out;
})();

/** The headline column an indicator name fills, if any. */
export function headlineOf(name: string): HeadlineTarget | undefined {
  return HEADLINE_TARGETS.find((h) => h.names.includes(name));
}

/**
 * The name of a figure in a national report: the wording that names no
 * aggregate (经济增长, GDP, 生产总值) is 国内生产总值 there, not 地区生产总值;
 * 国民生产总值 (GNP) stays as written.
 *
 * @example nationalName('地区生产总值', '经济增长预期目标为7%左右') // '国内生产总值'
 */
export function nationalName(name: string, raw: string): string {
  return name === '地区生产总值' && !raw.includes('地区') ? '国内生产总值' : name;
}

const QUALIFIER = /^(?:总量|总水平|涨幅|上涨幅度|增长幅度|增速|增幅|增长率|增长速度|速度|总额|规模|水平)?$/u;

/** A subject that is a share or a ratio of an indicator is not the indicator (工业增加值占GDP比重). */
const SHARE = /(比重|占比|比例|贡献率|拉动|增量)$/u;

/**
 * The recognised indicator a statement's subject names: the subject must be
 * an alias, optionally followed by words that qualify the measure (总水平,
 * 涨幅, 增速); the longest alias wins. Anything before the alias narrows it
 * to another quantity (人均GDP, 一产固投, 亩均税收), so those are not
 * recognised. Returns undefined for subjects that name none, or a share of one.
 */
export function indicatorOf(subject: string): IndicatorName | undefined {
  // Subjects recur across reports (地区生产总值, 城镇新增就业): each is looked up in the list once.
  const known = recognised.get(subject);
  if (known !== undefined) return known ?? undefined;
  const found = lookUp(subject);
  if (recognised.size >= 100_000) recognised.clear();
  recognised.set(subject, found ?? null);
  return found;
}
const recognised = new Map<string, IndicatorName | null>();

function lookUp(subject: string): IndicatorName | undefined {
  if (SHARE.test(subject)) return undefined;
  let best: { entry: IndicatorName; len: number } | undefined;
  for (const entry of INDICATOR_NAMES) {
    for (const alias of entry.aliases) {
      // The alias opens the subject and closes it but for words that qualify the measure (总水平, 涨幅, 增速).
      if (!subject.startsWith(alias) || !QUALIFIER.test(subject.slice(alias.length))) continue;
      if (!best || alias.length > best.len) best = { entry, len: alias.length };
    }
  }
  return best?.entry;
}

/** Nouns that close a measurable subject outside the list (农产品加工企业销售收入, 网办率). */
const MEASURE = /(收入|产值|增加值|总额|投资|产量|总量|营业额|销售额|交易额|成交额|利润|税收|支出|规模|面积|总值|消费|出口|进口|外资|存款|贷款|余额|指数|价格|人口|就业|人数|起数|率|比重|占比|产能|装机|发电量|用电量|客流|游客|资金|基金|债务|储量|营收|固投|赤字|GDP)$/u;

/** Whether an unrecognised subject names a measurable quantity. */
export function isMeasure(subject: string): boolean {
  return subject.length >= 3 && subject.length <= 20 && MEASURE.test(subject);
}

/** Words that qualify a shared measure (水果、蔬菜、中药材种植面积: each is a 种植面积). */
const MEASURE_QUALIFIER = /(种植|播种|销售|加工|营业|零售|常住居民|居民)$/u;

/**
 * The measure a compound subject shares (制造业、高技术产业增加值 -> 增加值;
 * 水果、蔬菜、中药材种植面积 -> 种植面积), or undefined.
 */
export function sharedMeasure(last: string): string | undefined {
  const m = MEASURE.exec(last);
  if (!m) return undefined;
  const q = MEASURE_QUALIFIER.exec(last.slice(0, m.index));
  return last.slice(q ? q.index : m.index);
}
