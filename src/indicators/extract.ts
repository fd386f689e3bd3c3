import { indicatorOf, isMeasure, sharedMeasure } from './names.js';
import { CHINESE_NUMERAL, parseNumber, toHalfWidth } from './numbers.js';
import { collapseDigitSpaces, headingKind, looksBack, opensBack, MULTI_YEAR, multiYearHeading, namesThisYear, STRONG_TARGET_WORD, TARGET_WORD, yearsNamed, type SentenceContext } from './cues.js';

export type { SentenceContext } from './cues.js';

/** target: what the government sets out to reach; achieved: what it reports as reached. */
export type IndicatorKind = 'target' | 'achieved';
/** year: the figure of one year; multi-year: a five-year-plan figure (年均, 十四五, 到2025年). */
export type Horizon = 'year' | 'multi-year';

/** One quantitative statement of a report: a figure (or its stated absence) for an indicator. */
export interface Statement {
  /** Normalised name (地区生产总值 ...), or the statement's own subject when the name is not in the list. */
  indicator: string;
  /** Whether `indicator` is a recognised name (else it is the raw subject). */
  recognised: boolean;
  /** The wording as it stands in the sentence: subject, verb, figure, unit, modifiers. */
  raw: string;
  kind: IndicatorKind;
  horizon: Horizon;
  /** The figure in `unit` as written (107.2 of 亿元); the lower end of a range; null for qualitative and no-target statements. */
  value: number | null;
  unit: string;
  lower: number | null;
  upper: number | null;
  /** 左右, 以上, 以内, 力争, 确保, range ... joined by '+' (力争+左右); qualitative; no_target; '' when none. */
  modifier: string;
  /** Growth (增长, 增速), decline (下降) or level (完成, 达到, or none). */
  measure: 'growth' | 'decline' | 'level';
  sentence: string;
}

const UNITS = ['万吨标准煤', '吨标准煤', '亿千瓦时', '万千瓦时', '千瓦时', '万千瓦', '亿美元', '万美元', '美元', '万亿元', '亿元', '万元', '元', '亿人次', '万人次', '人次', '万人', '人', '亿吨', '万吨', '吨', '万亿斤', '亿斤', '万斤', '斤', '万亩', '亩', '个百分点', '万', '%'];
const NUM = `(?:\\d+(?:\\.\\d+)?|${CHINESE_NUMERAL}+)`;
const UNIT = UNITS.join('|');
/** A figure: optional 百分之, a number or range (6-6.5, 6%-6.5%, 6至6.5), its unit, and a trailing modifier. */
const FIGURE = new RegExp(
  `(百分之)?(${NUM})(多|余)?\\s*(?:(%|${UNIT.replace('|%', '')})?\\s*(?:-|~|至|到|—|–)\\s*(?:百分之)?(${NUM}))?\\s*(${UNIT})?\\s*(左右|以上|以内|以下|上下)?`,
  'gu',
);
const PRE_WORDS = ['力争', '确保', '争取', '不低于', '不少于', '不超过', '超过', '高于', '低于'];
const PRE_MODIFIER = new RegExp(`(${PRE_WORDS.join('|')})$`, 'u');
const VERB_WORDS = ['增长', '增速', '增幅', '提高', '提升', '上涨', '涨幅', '下降', '降低', '减少', '降幅', '完成', '达到', '实现', '突破', '达', '为', '控制在', '保持在', '稳定在', '保持', '净增', '拟按', '按', '定为', '确定为', '预期为', '调高到', '回落到', '回落至', '降到', '降至', '下降到', '下降至', '上升到', '上升至', '提高到', '提高至', '增加到', '增加至', '在', '年均增长', '年均', '增加', '分别增长', '分别', '同比增长', '同比', '比上年增长', '较上年增长', '增'];
const VERB = new RegExp(`(${VERB_WORDS.join('|')})$`, 'u');

/**
 * `re.exec(text)` for a regex of words anchored at the end, `longest` the
 * longest word: a match starts in the last `longest` characters, so only
 * they are searched (V8 tries an end-anchored alternation at every start).
 */
function execAtEnd(re: RegExp, longest: number, text: string): { word: string; index: number } | null {
  const from = Math.max(0, text.length - longest);
  const m = re.exec(from === 0 ? text : text.slice(from));
  return m ? { word: m[1]!, index: m.index + from } : null;
}
const PRE_LONGEST = Math.max(...PRE_WORDS.map((w) => w.length));
const VERB_LONGEST = Math.max(...VERB_WORDS.map((w) => w.length));
const DECLINE = /(下降|降低|减少|降幅)/u;
const GROWTH = /(增长|增速|增幅|提高|提升|上涨|涨幅|增加|增)/u;
/** Words that open a subject without naming it: scope (全市), adverbs, connectives. */
const LEAD = /^(?:[、和及与除的]|并且|而且|其中|今年|全年|明年|去年|上年|本年度?|年度(?!计划)|预计|初步|力争|确保|争取|推动|促进|带动|拉动|支撑|全[市县区省国州盟旗]|[我本][市县区省州]|到?\d{4}\s*年[底末]?|中央|国家(?!级)|国务院|提出|计划(?!生育|单列)|要求|预期|确定|(?:主要|预期|调控|年度)?目标(?:任务)?(?:是|为)|(?:“[^”]{1,8}”|十[一二三四五六]五)(?:期间|时期)|年均|平均每年)+/u;
/** A target's frame after its subject (经济增长速度的宏观调控目标, 经济增长预期目标): not part of the indicator. */
const FRAME_END = /(?:的)?(?:(?:宏观)?调控|预期|主要|发展)?(?:目标|指标)$|的$/u;
const TRAIL = /(全部|均|累计|共|总计|合计|分别|同比|比上年|较上年|比去年|预计|初步|平均|实际|名义|持续|稳定|保持|总体|年均|全年|计划|要|将|预期)+$/u;

/**
 * Can this text state anything statementsOf reads? A figure needs a number
 * (a digit or a Chinese numeral) followed, after white space, by the first
 * character of a unit or of a range (百分之七 aside); a stated absence of a
 * target needs 目标; a target in words needs 同步, 高于 or 快于. Text with none
 * of these (most sentences of a report) yields no statement, and is skipped
 * before the costly splitting and matching. Full-width forms count, as
 * statementsOf folds them. A cheap necessary condition, not a sufficient one.
 */
export function mayState(text: string): boolean {
  HINT.lastIndex = 0;
  return HINT.test(text);
}

/** First characters of the units, and the range marks of FIGURE (-~至到—–) with their full-width forms. */
const FIRST_CHARS = [...new Set(UNITS.map((u) => u[0]!))].join('');
/** No hint holds a sentence end (。！？!?) or starts or ends with white space: each lies within one trimmed sentence. */
const HINT = new RegExp(`[0-9０-９${CHINESE_NUMERAL.slice(1, -1)}][\\s多余]*[${FIRST_CHARS}％\\-~至到—–－～]|百分之|目标|同步|[高快]于`, 'gu');

const NUMERAL_CLASS = 1;
const FOLLOW_CLASS = 2;
const SPACE_CLASS = 4;
const END_CLASS = 8;
const WORD_CLASS = 16;
let classTable: Uint8Array | undefined;
/** Per UTF-16 code unit, which part of HINT it can play (built on first use from the same character sets). */
function hintClasses(): Uint8Array {
  if (classTable) return classTable;
  const numeral = new RegExp(`[0-9０-９${CHINESE_NUMERAL.slice(1, -1)}]`, 'u');
  const follow = new RegExp(`[${FIRST_CHARS}％\\-~至到—–－～]`, 'u');
  const t = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c);
    if (numeral.test(ch)) t[c]! |= NUMERAL_CLASS;
    if (follow.test(ch)) t[c]! |= FOLLOW_CLASS;
    // 多 and 余 may stand between a number and its unit (67700多亿元): skipped like white space.
    if (/[\s多余]/u.test(ch)) t[c]! |= SPACE_CLASS;
    if ('。！？!?'.includes(ch)) t[c]! |= END_CLASS;
    if ('百目同高快'.includes(ch)) t[c]! |= WORD_CLASS;
  }
  classTable = t;
  return t;
}
/** A target in words needs one of these (QUALITATIVE). */
const WORDED_HINT = /同步|[高快]于/u;
const WORD_HINTS = ['百分之', '目标', '同步', '高于', '快于'];

/**
 * `sentencesOf(paragraph).filter(mayState)` in one pass over the paragraph's
 * characters: no split, and no regex run per sentence (a report has ten
 * times more sentences than statements).
 */
export function stating(paragraph: string): string[] {
  const t = hintClasses();
  const out: string[] = [];
  const n = paragraph.length;
  let start = 0;
  let found = false;
  // A numeral stands before this position with only white space after it.
  let afterNumeral = false;
  for (let i = 0; i < n; i++) {
    const k = t[paragraph.charCodeAt(i)]!;
    if (k === 0) {
      // Most characters play no part.
      afterNumeral = false;
      continue;
    }
    if (!found) {
      if ((afterNumeral && k & FOLLOW_CLASS) || (k & WORD_CLASS && startsWord(paragraph, i))) found = true;
      else if (k & NUMERAL_CLASS) afterNumeral = true;
      else if (!(k & SPACE_CLASS)) afterNumeral = false;
    }
    if (k & END_CLASS) {
      if (found) pushTrimmed(out, paragraph, start, i + 1);
      start = i + 1;
      found = false;
      afterNumeral = false;
    }
  }
  if (found) pushTrimmed(out, paragraph, start, n);
  return out;
}

/** The figure part of HINT alone (a numeral, white space, a unit's first character or a range mark; or 百分之), by the same table. */
function mayHoldFigure(text: string): boolean {
  const t = hintClasses();
  let afterNumeral = false;
  for (let i = 0; i < text.length; i++) {
    const k = t[text.charCodeAt(i)]!;
    if (k === 0) afterNumeral = false;
    else if (afterNumeral && k & FOLLOW_CLASS) return true;
    else if (k & WORD_CLASS && text.startsWith('百分之', i)) return true;
    else if (k & NUMERAL_CLASS) afterNumeral = true;
    else if (!(k & SPACE_CLASS)) afterNumeral = false;
  }
  return false;
}

function startsWord(text: string, i: number): boolean {
  for (const w of WORD_HINTS) if (text.startsWith(w, i)) return true;
  return false;
}

function pushTrimmed(out: string[], text: string, from: number, to: number): void {
  const sentence = text.slice(from, to).trim();
  if (sentence.length > 0) out.push(sentence);
}

/** Splits a paragraph into sentences (。！？), each trimmed, empty ones dropped. */
export function sentencesOf(paragraph: string): string[] {
  return paragraph.split(/(?<=[。！？!?])/u).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Clauses of a sentence: split at ，；：; a comma between digit groups (1,234) is kept. */
export function clausesOf(sentence: string): string[] {
  // sentence.split(/[，；：;:。！？!?]|,(?!\d{3}(?!\d))/u), by hand: the split regex was a tenth of the stage.
  const out: string[] = [];
  let start = 0;
  const n = sentence.length;
  for (let i = 0; i < n; i++) {
    const c = sentence.charCodeAt(i);
    if (CLAUSE_END[c] === 1 || (c === 0x2c && !thousands(sentence, i + 1))) {
      out.push(sentence.slice(start, i));
      start = i + 1;
    }
  }
  out.push(sentence.slice(start));
  return out;
}
const CLAUSE_END = new Uint8Array(65536);
for (const c of '，；：;:。！？!?') CLAUSE_END[c.charCodeAt(0)] = 1;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** Three digits and no fourth at `i`: the group after a thousands comma. */
function thousands(s: string, i: number): boolean {
  return isDigit(s.charCodeAt(i)) && isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i + 2)) && !isDigit(s.charCodeAt(i + 3));
}

/** A look back that only compares (比上年, 同比): a result in a plan section, but no cue of its own elsewhere. */
const COMPARED = /(同比|比上年|较上年|比去年|较去年)/u;
/** Wording that commits to a bound: a target outside a review (a review reports 控制在3%以内 as done). */
const BOUND_CUE = /(确保|控制在|左右|以内)/u;

/**
 * Whether a sentence states targets or achievements, from the sentence
 * first, then what leads into it, then its section, then its heading:
 *
 * 1. the plan year named (今年, 本年, 年度, the report's year) with a target
 *    word (预期目标, 调控目标, 定为, 计划增长, 预期为, 力争, 控制在 …) and
 *    no look back: a target, whatever the section (1995: 今年经济增长速度的
 *    宏观调控目标，定为百分之八至九 stands in a section read as review);
 * 2. a look back (去年, 过去一年, 实现了, 超过预期目标, 年初确定, a year
 *    before the report's named as the sentence's own: 2004年，…): achieved;
 * 3. a target word with no year (力争, 预期目标; not 控制在 or 确保, which
 *    reviews use too): a target outside reviews, and in
 *    a review only for a five-year figure (“十五”期间…预期目标为7%左右);
 * 4. the sentence before it in the paragraph (or the paragraph that opens its list): a look
 *    back in time (过去一年，…) or the year's targets (一九九一年…的主要目标是：);
 * 5. the section: a review reports results (never a year's target); a plan
 *    sets targets unless the sentence compares with last year (比上年, 同比);
 * 6. elsewhere the heading (一、1990年计划的执行情况 / 二、1991年计划的主要
 *    目标和任务), and last a bound (确保, 控制在, 左右, 以内).
 *
 * @example indicatorKindOf('今年的经济增长预期为7%左右。', 'review') // 'target'
 * @example indicatorKindOf('城镇新增就业980万人，超过预期目标。', 'plan') // 'achieved'
 */
export function indicatorKindOf(sentence: string, section: 'review' | 'plan' | 'other', context: SentenceContext = {}): IndicatorKind {
  const own = ownKind(sentence, section, context.year);
  if (own) return own;
  if (context.lead) {
    // The sentence right before: a look back in time (过去一年，…) dates what follows; so does 今年…的主要目标是：.
    const lead = sentencesOf(context.lead);
    const last = lead[lead.length - 1];
    if (last !== undefined) {
      if (opensBack(last, context.year)) return 'achieved';
      if (STRONG_TARGET_WORD.test(last) && namesThisYear(last, context.year)) return 'target';
    }
  }
  if (section === 'review') return 'achieved';
  if (section === 'plan') return COMPARED.test(sentence) ? 'achieved' : 'target';
  const h = context.heading ? headingKind(context.heading, context.year) : undefined;
  if (h === 'review') return 'achieved';
  if (h === 'plan') return COMPARED.test(sentence) ? 'achieved' : 'target';
  return BOUND_CUE.test(sentence) ? 'target' : 'achieved';
}

/** Steps 1-3 of indicatorKindOf: what the sentence says by itself, or undefined. */
function ownKind(sentence: string, section: 'review' | 'plan' | 'other', year?: number | null): IndicatorKind | undefined {
  const target = TARGET_WORD.test(sentence);
  const back = looksBack(sentence, year);
  if (target && !back && namesThisYear(sentence, year)) return 'target';
  if (back) return 'achieved';
  if (STRONG_TARGET_WORD.test(sentence) && (section !== 'review' || MULTI_YEAR.test(sentence))) return 'target';
  return undefined;
}

/**
 * Whether the lead-in of a sentence frames it as five-year figures (这五年，… / 过去五年，我国发展成就举世瞩目。…):
 * the last lead sentence with a time cue decides, and the sentence's own year (今年, 去年, 2015年) outweighs it.
 */
function leadIsMultiYear(lead: string, sentence: string, year?: number | null): boolean {
  if (namesThisYear(sentence, year) || LAST_YEAR.test(sentence) || ONE_YEAR.test(sentence) || yearsNamed(collapseDigitSpaces(sentence)).length > 0) return false;
  const lines = sentencesOf(lead);
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (MULTI_YEAR.test(l)) return true;
    if (namesThisYear(l, year) || LAST_YEAR.test(l) || yearsNamed(collapseDigitSpaces(l)).length > 0) return false;
  }
  return false;
}
/** A flow counted over a period (城镇新增就业, 累计完成): under a five-year lead-in, the period's total. */
const FLOW = /新增|累计|转移|总计|合计/u;
/** A sentence's own one-year wording in a five-year passage (全年地区生产总值完成…，同比增长7.4%). */
const ONE_YEAR = /全年|同比|当年/u;
const LAST_YEAR = /(?<![比较同])(?:去年|上年)|过去一年|一年来/u;

/** A figure judged against a target after it (城镇新增就业1312万人，超过全年预期目标): a result, wherever the judgement stands. */
const JUDGED = /(?:超过|高于|低于|略低于|略高于)[^，。；,;]{0,12}(?:目标|计划|要求)|(?:完成|实现|达到)了/u;

/**
 * The kind of the figures of one clause: indicatorKindOf of the sentence up to the
 * end of the clause, since what comes later does not date the figure
 * (提出居民消费价格涨幅3%左右，综合考虑了去年价格变动的翘尾因素 is this
 * year's target); a judgement against a target later in the sentence does.
 */
function clauseKindOf(sentence: string, end: number, section: 'review' | 'plan' | 'other', context: SentenceContext): IndicatorKind {
  const rest = sentence.slice(end);
  return indicatorKindOf(JUDGED.test(rest) ? sentence : sentence.slice(0, end), section, context);
}

/** Stated absence of a growth target (2020: 没有提出全年经济增速具体目标). */
const NO_TARGET = /(?:没有|不再|未|不)(?:提出|设定|设置|设|确定|制定|提)[^。]{0,12}(?:经济|GDP|生产总值)[^。]{0,8}(?:增速|增长)[^。]{0,8}目标|(?:经济|GDP|生产总值)[^。]{0,8}(?:增速|增长)[^。]{0,6}目标[^。]{0,4}(?:不设|未设|没有设)/u;
/** A target stated in words: 城镇居民人均可支配收入增速与经济增长同步. */
const QUALITATIVE = /^(.*?)(?:增速|增长|增幅)?((?:与|同)(?:经济|GDP|地区生产总值)(?:增长|发展|增速)?(?:基本)?同步(?:增长)?|(?:高于|快于)(?:经济|GDP|地区生产总值)(?:增长|增速)(?:水平|速度)?)/u;

interface Figure {
  start: number;
  end: number;
  value: number;
  upper: number | null;
  unit: string;
  post: string;
}


function figuresOf(clause: string): Figure[] {
  const out: Figure[] = [];
  // No numeral before a unit or range mark (nor 百分之): no figure, and FIGURE is not run.
  if (!mayHoldFigure(clause)) return out;
  // exec with lastIndex, not matchAll: matchAll copies this large regex for every clause.
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(clause); m !== null; m = FIGURE.exec(clause)) {
    const [, pct, a, approx, unitA, b, unitB, after] = m;
    // 67700多亿元, 700余万人: more than the figure.
    const post = after ?? (b === undefined ? approx : undefined);
    const unit = pct ? '%' : (unitB ?? unitA);
    if (!unit) continue;
    // A Chinese numeral needs a unit right after it (三大, 十四五 are not figures) and is not part of a word (一般).
    const lo = parseNumber(a!);
    const hi = b === undefined ? undefined : parseNumber(b);
    if (lo === undefined || (b !== undefined && (hi === undefined || hi < lo))) continue;
    // A figure glued to a preceding digit or letter is part of a code or a name (“1146”发展战略).
    const before = clause[m.index - 1] ?? '';
    if (/[\dA-Za-z.]/u.test(before)) continue;
    // 突破百亿元大关, 迈上千亿元台阶: a milestone passed, not the figure itself.
    if (/^(?:大关|台阶|关口)/u.test(clause.slice(m.index + m[0].length))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, value: lo, upper: hi ?? null, unit, post: post ?? '' });
  }
  return out;
}

/** The subject that opens a clause: the text before its first verb (国内生产总值突破3万亿元大关 -> 国内生产总值). */
function openingSubject(clause: string): string | undefined {
  const m = OPENING_VERB.exec(clause);
  return m ? parseHead(clause.slice(0, m.index)).subject : undefined;
}
const OPENING_VERB = /突破|达到|超过|迈上|跨上|实现|完成|增长|增加/u;

/** Splits a subject's head into subject, the verb and the modifiers before the figure. */
function parseHead(head: string): { subject: string; verb: string; pre: string } {
  let rest = head.trim();
  let pre = '';
  let verb = '';
  for (let guard = 0; guard < 6; guard++) {
    const p = execAtEnd(PRE_MODIFIER, PRE_LONGEST, rest);
    if (p) {
      pre = pre ? `${p.word}+${pre}` : p.word;
      rest = rest.slice(0, p.index);
      continue;
    }
    const v = execAtEnd(VERB, VERB_LONGEST, rest);
    if (v) {
      verb = `${v.word}${verb}`;
      rest = rest.slice(0, v.index);
      continue;
    }
    break;
  }
  // 力争地区生产总值增长8%: a modifier may open the subject too.
  const lead = LEAD.exec(rest.trim())?.[0] ?? '';
  const opening = [...lead.matchAll(/力争|确保|争取/gu)].map((m) => m[0]);
  if (opening.length) pre = [...opening, ...(pre ? [pre] : [])].join('+');
  let subject = rest.trim().slice(lead.length);
  // 经济增长速度的调控目标, 国民生产总值计划: the target's frame and trailing adverbs are not the indicator.
  for (let guard = 0; guard < 3; guard++) {
    const trimmed = subject.replace(TRAIL, '').replace(FRAME_END, '');
    if (trimmed === subject) break;
    subject = trimmed;
  }
  return { subject: subject.trim(), verb, pre };
}

/** 城乡居民收入 or 城镇和农村居民收入: the urban and the rural subject it stands for. */
function urbanRural(subject: string): [string, string] | undefined {
  const both = /^(.*?)城乡(?:常住)?居民(.*)$/u.exec(subject);
  if (both) return [`城镇居民${both[2]}`, `农村居民${both[2]}`];
  const pair = /^(.*?)(?:城镇|城市)(?:常住)?(?:居民)?(?:和|、|及|与)(?:农村|农民)(?:常住)?(?:居民)?(.*)$/u.exec(subject);
  if (pair && pair[2]) return [`城镇居民${pair[2]}`, `农村居民${pair[2]}`];
  return undefined;
}

/** Parts of a compound subject (规上工业增加值和固定资产投资) when each names a measure. */
function partsOf(subject: string): string[] | undefined {
  const ur = urbanRural(subject);
  if (ur) return ur;
  const parts = subject.split(/、|和|及/u).map((s) => s.trim());
  if (parts.length < 2) return undefined;
  const named = (p: string) => Boolean(indicatorOf(p) || isMeasure(p));
  if (parts.every(named)) return parts;
  // 水果、蔬菜、中药材种植面积: the last part's measure is each part's.
  const shared = sharedMeasure(parts[parts.length - 1]!);
  if (!shared || !parts.slice(0, -1).every((p) => !named(p) && p.length > 0)) return undefined;
  return [...parts.slice(0, -1).map((p) => `${p}${shared}`), parts[parts.length - 1]!];
}

function bounds(value: number, upper: number | null, modifier: string): { lower: number | null; upper: number | null } {
  if (upper !== null) return { lower: value, upper };
  if (/以上|不低于|不少于|超过|高于|多|余/u.test(modifier)) return { lower: value, upper: null };
  if (/以内|以下|不超过|低于/u.test(modifier)) return { lower: null, upper: value };
  return { lower: value, upper: value };
}

/**
 * The quantitative statements of one sentence: each figure with a unit
 * (%, 亿元, 万人 ...) whose subject names a recognised indicator or a
 * measurable quantity (…收入, …率); a figure with no subject of its own
 * takes the one before it in the sentence (固定资产投资完成39.9亿元,同比增长13.3%).
 * Also a growth target that a report says it does not set, and targets in
 * words (与经济增长同步).
 */
export function statementsOf(sentence: string, section: 'review' | 'plan' | 'other', context: SentenceContext | string = {}): Statement[] {
  const ctx: SentenceContext = typeof context === 'string' ? { heading: context } : context;
  const sentenceKind = indicatorKindOf(sentence, section, ctx);
  let kind = sentenceKind;
  // A sentence that looks back somewhere is read clause by clause: its figures are dated by the words before them.
  const mixed = looksBack(sentence, ctx.year);
  const clauses = clausesOf(sentence);
  // Five-year wording counts in the figure's clause, in a lead-in clause without figures (到2025年,), or in the
  // heading of a target; the sentence's own 今年 outweighs the heading (今年…主要预期目标 under 全力推动“十五五”…).
  const leadIn = clauses.length > 1 && MULTI_YEAR.test(clauses[0]!) && figuresOf(toHalfWidth(clauses[0]!)).length === 0;
  const sentenceWide = leadIn || (kind === 'target' && !!ctx.heading && multiYearHeading(ctx.heading) && !namesThisYear(sentence, ctx.year));
  // Under a five-year lead-in (这五年，…), changes and flows (增长, 新增, 累计) are the period's; a level (收入完成42680元) is its last year's.
  const leadMulti = !!ctx.lead && leadIsMultiYear(ctx.lead, sentence, ctx.year);
  let horizon: Horizon = sentenceWide ? 'multi-year' : 'year';
  const out: Statement[] = [];
  const push = (s: Omit<Statement, 'kind' | 'horizon' | 'sentence' | 'recognised'> & { recognised?: boolean }, k: IndicatorKind = kind) =>
    out.push({ recognised: true, ...s, kind: k, horizon: horizon === 'year' && leadMulti && (s.measure !== 'level' || FLOW.test(s.indicator)) ? 'multi-year' : horizon, sentence });

  // Both wordings of NO_TARGET contain 目标: the cheap test first.
  if (sentence.includes('目标') && NO_TARGET.test(sentence)) {
    push({ indicator: '地区生产总值', raw: NO_TARGET.exec(sentence)![0], value: null, unit: '', lower: null, upper: null, modifier: 'no_target', measure: 'growth' }, 'target');
  }
  let previous: { subject: string; verb: string } | undefined;
  // The last clause without a figure: the frame of a figure that follows with no subject (…的宏观调控目标，定为百分之八至九).
  let frame = '';
  let frameAt = 0;
  let opening: { subject: string; at: number } | undefined;
  let clauseAt = 0;
  let searchFrom = 0;
  for (const original of clauses) {
    clauseAt = sentence.indexOf(original, searchFrom);
    searchFrom = clauseAt + original.length;
    // No figure (the hint reads full-width forms as their half-width twins) and no worded target: nothing to read.
    if (!mayHoldFigure(original) && !(sentenceKind === 'target' && WORDED_HINT.test(original))) {
      frame = original;
      frameAt = clauseAt;
      continue;
    }
    if (mixed) kind = clauseKindOf(sentence, clauseAt + original.length, section, ctx);
    // The first clause without a figure read that opens with an indicator (国内生产总值突破3万亿元大关).
    if (frame && !opening) {
      const named = openingSubject(frame);
      if (named && indicatorOf(named)) opening = { subject: named, at: frameAt };
    }
    // Half-width, digits written apart joined (1 9 9 7, 8 .8 %); `at` maps an offset back to the original.
    const { text: clause, at } = normalised(original);
    const figures = figuresOf(clause);
    // QUALITATIVE needs 同步, 高于 or 快于: tested only then.
    const q = figures.length === 0 && kind === 'target' && WORDED_HINT.test(clause) ? QUALITATIVE.exec(clause) : null;
    // Most clauses state nothing: the horizon is worked out only for those that do.
    if (figures.length > 0 || q) horizon = sentenceWide || MULTI_YEAR.test(clause) ? 'multi-year' : 'year';
    if (figures.length === 0) {
      if (!q) {
        frame = original;
        frameAt = clauseAt;
      }
      if (q) {
        const { subject } = parseHead(q[1]!);
        for (const s of urbanRural(subject) ?? [subject]) {
          const name = indicatorOf(s);
          if (name) push({ indicator: name.name, raw: original.trim(), value: null, unit: '', lower: null, upper: null, modifier: 'qualitative', measure: 'growth' });
        }
      }
      continue;
    }
    // Groups: a figure with a head of its own, then figures that follow it with none (分别增长9%、9.5%).
    let group: { subject: string; verb: string; pre: string; headStart: number; figures: Figure[]; framed?: boolean } | undefined;
    const groups: NonNullable<typeof group>[] = [];
    let cursor = 0;
    for (const f of figures) {
      const headText = clause.slice(cursor, f.start);
      const bare = /^[\s、和及与,]*$/u.test(headText);
      if (bare && group) group.figures.push(f);
      else {
        const h = parseHead(headText);
        let subject = h.subject;
        // 经济增长7%左右: the verb took 增长; 经济 alone is the economy.
        if (/^经济$/u.test(subject)) subject = '经济增长';
        // 固定资产投资完成39.9亿元,同比增长13.3%: a change with no subject is the previous subject's (not 完成226.4%, a share of a plan).
        if (subject === '' && previous && (GROWTH.test(h.verb) || DECLINE.test(h.verb))) subject = previous.subject;
        // 今年经济增长速度的宏观调控目标，定为百分之八至九: the subject stands in the clause before, framed as a target.
        let framed = false;
        if (subject === '' && f === figures[0] && /^(?:定为|确定为|为|是|预期为)?$/u.test(h.verb) && frame && FRAME_END.test(frame.trim())) {
          const named = parseHead(frame).subject;
          if (indicatorOf(named)) [subject, framed] = [named, true];
        }
        // 国内生产总值突破3万亿元大关，比上年增长百分之十三点四: a change whose subject opens the clause before (a milestone, no figure read).
        if (subject === '' && f === figures[0] && !previous && opening && (GROWTH.test(h.verb) || DECLINE.test(h.verb))) {
          [subject, framed, frameAt] = [opening.subject, true, opening.at];
        }
        group = { subject, verb: h.verb || (subject === previous?.subject ? previous.verb : ''), pre: h.pre, headStart: cursor + headText.length - headText.trimStart().length, figures: [f], framed };
        groups.push(group);
        if (subject !== '') previous = { subject, verb: group.verb };
      }
      cursor = f.end;
    }
    for (const g of groups) {
      if (g.subject === '' || !g.verb && !indicatorOf(g.subject)) continue;
      const parts = g.figures.length > 1 || urbanRural(g.subject) ? partsOf(g.subject) : undefined;
      const assign = (i: number): string[] => {
        if (!parts) return [g.subject];
        if (parts.length === g.figures.length) return [parts[i]!];
        return g.figures.length === 1 ? parts : [g.subject];
      };
      g.figures.forEach((f, i) => {
        for (const subject of assign(i)) {
          const name = indicatorOf(subject);
          if (!name && !isMeasure(subject)) continue;
          const modifier = [g.pre, f.upper !== null ? 'range' : f.post].filter(Boolean).join('+');
          // 提高到10.2%, 回落到2.6%: the level reached, not the change.
          const measure = /[到至]$/u.test(g.verb) ? 'level' : DECLINE.test(g.verb) ? 'decline' : GROWTH.test(g.verb) || (f.unit === '%' && /增速|增幅|涨幅|增长|速度/u.test(subject)) ? 'growth' : 'level';
          // A subject taken from the clause before: the wording runs from there (…调控目标，定为百分之八至九).
          const raw = g.framed && i === 0 ? sentence.slice(frameAt, clauseAt + at(f.end)).trim() : original.slice(at(i === 0 ? g.headStart : f.start), at(f.end)).trim();
          push({ indicator: name?.name ?? subject, recognised: Boolean(name), raw, value: f.value, unit: f.unit, ...bounds(f.value, f.upper, modifier), modifier, measure });
        }
      });
    }
    frame = '';
  }
  return out;
}

/**
 * A clause as figuresOf reads it: full-width digits half-width (one character for one) and digits
 * written apart joined (1 9 9 7 年 -> 1997年, 8 .8 % -> 8.8 %). `at(i)` is the offset in the original
 * clause of offset i in the text (i = text.length maps to the original's length).
 */
function normalised(original: string): { text: string; at: (i: number) => number } {
  const half = toHalfWidth(original);
  if (!SPACED_DIGITS.test(half)) return { text: half, at: (i) => i };
  const keep: number[] = [];
  let text = '';
  for (let i = 0; i < half.length; i++) {
    if (/\s/u.test(half[i]!)) {
      let j = i;
      while (j < half.length && /\s/u.test(half[j]!)) j++;
      if (i > 0 && /[\d.]/u.test(half[i - 1]!) && /[\d.]/u.test(half[j] ?? '')) {
        i = j - 1;
        continue;
      }
    }
    keep.push(i);
    text += half[i];
  }
  return { text, at: (i) => (i >= keep.length ? half.length : keep[i]!) };
}
const SPACED_DIGITS = /[\d.]\s+[\d.]/u;
