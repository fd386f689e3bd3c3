/**
 * The wording that tells a target from an achieved figure, and a year's
 * figure from a five-year one, read from the sentence itself first: the
 * years it names, 今年 against 去年, 预期/目标/计划/力争/控制在 against
 * 实现了/超过…目标/年初确定, the tense (完成了). Section and heading come
 * after (see indicatorKindOf in extract.ts).
 */

import { chineseNumeral } from './numbers.js';

/** Where a sentence stands: what the reader of a report knows besides the sentence. */
export interface SentenceContext {
  /** Heading of the section the sentence stands in ('' when none). */
  heading?: string;
  /** The year the report is delivered in: the year its plan is for (a 2005 report sets 2005's targets). */
  year?: number | null;
  /**
   * Text that leads into the sentence: the sentences of its paragraph before it, or, for an item of
   * a list, the paragraph that opens the list (一九九一年国民经济和社会发展的主要目标是：).
   */
  lead?: string;
}

/** Digits written with spaces between them (1 9 9 7 年, 8 .8 %), as one number. */
export function collapseDigitSpaces(text: string): string {
  return SPACED.test(text) ? text.replace(SPACED_ALL, '') : text;
}
const SPACED = /[\d.．０-９][ \t\u3000]+[\d.．０-９]/u;
const SPACED_ALL = /(?<=[\d.．０-９])[ \t\u3000]+(?=[\d.．０-９])/gu;

/** A year named as such (2005年, 一九九一年), not one it is compared with (比2010年, 从2009年, 与2000年相比). */
const YEAR_NAMED = /(?<![比较从由自与和同])(?:((?:19|20)\d\d)|([一二三四五六七八九〇○零]{4}))年(?!以来|来|代|前)/gu;

/** The years a text names (Arabic or Chinese-numeral, ○ read as 〇). */
export function yearsNamed(text: string): number[] {
  const out: number[] = [];
  YEAR_NAMED.lastIndex = 0;
  for (let m = YEAR_NAMED.exec(text); m !== null; m = YEAR_NAMED.exec(text)) {
    const y = m[1] ? Number(m[1]) : chineseNumeral(m[2]!.replace(/○/gu, '〇'));
    if (y !== undefined && y >= 1900 && y <= 2100) out.push(y);
  }
  return out;
}

/** The plan year said in words: 今年, 本年(度), 年度 (年度目标, 年度计划). */
const THIS_YEAR = /今年(?!以来)|本年(?!以来)|年度(?!计划的|目标的|任务的)/u;

/** Whether a text speaks of the plan year: 今年, 本年, 年度, or the report's own year by number. */
export function namesThisYear(text: string, year?: number | null): boolean {
  const t = collapseDigitSpaces(text);
  if (THIS_YEAR.test(t)) return true;
  return year != null && yearsNamed(t).includes(year);
}

/**
 * Wording that sets a target: 预期目标, 调控目标, 目标是/为/定为, 预期为, 计划要求/增长,
 * 今年计划, 定为, 力争, 争取, 拟按, 控制在, 确保.
 */
export const TARGET_WORD = /预期目标|主要目标|调控目标|目标(?:是|为|定为|任务)|预期(?:为|是|增长)|计划(?:要求|安排|增长|为|目标|指标)|(?:今年|本年|年度|国家)计划|定为|力争|争取|拟按|拟安排|控制在|确保/u;

/**
 * The target words that also report a result (物价涨幅控制在3.3%, 确保了…): a target only with the
 * plan year named, or by section; TARGET_WORD without them sets a target by itself.
 */
export const STRONG_TARGET_WORD = /预期目标|主要目标|调控目标|目标(?:是|为|定为|任务)|预期(?:为|是|增长)|计划(?:要求|安排|增长|为|目标|指标)|(?:今年|本年|年度|国家)计划|定为|力争|争取|拟按|拟安排/u;

/**
 * Wording that reports a result: last year as the time of the clause (去年, 上年; not 比去年,
 * a comparison), the years past (过去一年, 五年来), completion in the past tense (实现了,
 * 超额完成), a figure set against a target (超过预期目标, 低于8%的预定目标), the year's
 * opening targets (年初确定).
 */
const PAST_WORD = /(?<![比较同])(?:去年|上年)(?!度计划)|(?:今年|本年)以来|前三季度|(?<!\d)1[-—至~]\d{1,2}月|过去(?:的)?(?:一|两|三|五|十)?年|(?:一|两|三|五|几|十)年来|已经|已(?:完成|实现|达到|超过)|(?:完成|实现|达到|超过|突破|增长)了|圆满完成|超额完成|胜利完成|(?:超过|高于|低于)[^，。；,;]{0,12}(?:预期|预定|既定|年初|全年|计划)[^，。；,;]{0,8}(?:目标|要求)|(?:完成|实现|达到)了?[^，。；,;]{0,4}(?:年初|预定|既定)|年初(?:确定|预定|提出|制定)|预定(?:的)?(?:调控)?目标|回落到/u;

/** Time words that look back (去年, 过去一年, 这五年), as against the tense of a verb (完成了). */
const PAST_TIME = /(?<![比较同])(?:去年|上年)(?!度计划)|(?:今年|本年)以来|前三季度|(?<!\d)1[-—至~]\d{1,2}月|过去(?:的)?(?:一|两|三|五|十)?年|(?:一|两|三|五|几|十)年来|这(?:五|十)年/u;
/** A horizon ahead (到2025年, 今后, 未来): completion words there are promises (超额完成上级下达的指标任务). */
const AHEAD = /今后|未来|到(?:“?十[一二三四五六]五”?末|本世纪末)/u;

/**
 * Whether a text reports a result: PAST_WORD, or a year before the report's that opens the
 * sentence or a clause (2004年，国内生产总值…; not 在2019年基础上 or 从2015年的…). Where the
 * text looks ahead (到2025年, 今后), only time words count, not the tense of a verb.
 */
export function looksBack(text: string, year?: number | null): boolean {
  const t = collapseDigitSpaces(text);
  if (year != null && openingYears(t).some((y) => y < year)) return true;
  const ahead = AHEAD.test(t) || (year != null && yearsNamed(t).some((y) => y > year));
  return ahead ? PAST_TIME.test(t) : PAST_WORD.test(t);
}

/** Whether a text opens with a look back in time (过去一年，…; 2004年，…): the lead-in that dates what follows. */
export function opensBack(text: string, year?: number | null): boolean {
  const t = collapseDigitSpaces(text);
  return PAST_TIME.test(t) || (year != null && openingYears(t).some((y) => y < year));
}

/** Years that open a sentence or a clause (2004年，… / ；1997年粮食产量…), as the time of what follows. */
function openingYears(text: string): number[] {
  const out: number[] = [];
  OPENING_YEAR.lastIndex = 0;
  for (let m = OPENING_YEAR.exec(text); m !== null; m = OPENING_YEAR.exec(text)) {
    const y = m[1] ? Number(m[1]) : chineseNumeral(m[2]!.replace(/○/gu, '〇'));
    if (y !== undefined && y >= 1900 && y <= 2100) out.push(y);
  }
  return out;
}
const OPENING_YEAR = /(?:^|[，,；;：:。—])\s*(?:在|截至)?(?:((?:19|20)\d\d)|([一二三四五六七八九〇○零]{4}))年(?![底末]?(?:基础|水平|的))/gu;

/** Five-year wording: 年均, 平均每年, a plan's name (“九五”, 十四五), 今后五年, 到2025年, 翻一番. */
export const MULTI_YEAR = /年均|平均每年|每年平均|“(?:[六七八九]|十[一二三四五六]?)五”|(?<![一二三四五六七八九〇○零十])[六七八九]五(?:期间|时期|计划|规划)|十[一二三四五六]五|(?:今后|未来|过去|这|近)(?:五|十|十五)年|五年来|到(?:本世纪末|(?:19|20)\d\d年)|(?:19|20)\d\d年末|翻一番|翻两番/u;

/** A heading that names a plan's first year (全力推动“十五五”开好局): its figures are the year's. */
const FIRST_YEAR = /开好局|开局|起好步|起步之年|首年|第一年/u;

/** Whether a heading frames its section's targets as five-year ones (and not as the plan's first year). */
export function multiYearHeading(heading: string): boolean {
  return MULTI_YEAR.test(heading) && !FIRST_YEAR.test(heading);
}

/** A heading over results (回顾, 执行情况) or over the year's plan (今年, 工作安排, 主要目标, the report's year). */
export function headingKind(heading: string, year?: number | null): 'review' | 'plan' | undefined {
  if (/回顾|执行情况|过去|去年|上年|一年来|五年来|成绩/u.test(heading)) return 'review';
  if (/今年|本年|年度|工作安排|主要任务|重点工作|总体要求|总体部署|预期目标|主要目标|计划|目标任务/u.test(heading) || namesThisYear(heading, year)) return 'plan';
  return undefined;
}
