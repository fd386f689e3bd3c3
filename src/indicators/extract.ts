import { indicatorOf, isMeasure, sharedMeasure } from './names.js';
import { CHINESE_NUMERAL, parseNumber, toHalfWidth } from './numbers.js';

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
  `(百分之)?(${NUM})\\s*(?:(%|${UNIT.replace('|%', '')})?\\s*(?:-|~|至|到|—|–)\\s*(?:百分之)?(${NUM}))?\\s*(${UNIT})?\\s*(左右|以上|以内|以下|上下)?`,
  'gu',
);
const PRE_WORDS = ['力争', '确保', '争取', '不低于', '不少于', '不超过', '超过', '高于', '低于'];
const PRE_MODIFIER = new RegExp(`(${PRE_WORDS.join('|')})$`, 'u');
const VERB_WORDS = ['增长', '增速', '增幅', '提高', '提升', '上涨', '涨幅', '下降', '降低', '减少', '降幅', '完成', '达到', '实现', '突破', '达', '为', '控制在', '保持在', '稳定在', '保持', '净增', '拟按', '按', '年均增长', '年均', '增加', '分别增长', '分别', '同比增长', '同比', '比上年增长', '较上年增长', '增'];
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
const LEAD = /^(?:[、和及与除的]|并且|而且|其中|今年|全年|明年|去年|上年|预计|初步|力争|确保|争取|推动|促进|带动|拉动|支撑|全[市县区省国州盟旗]|[我本][市县区省州]|到?\d{4}年[底末]?)+/u;
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
const HINT = new RegExp(`[0-9０-９${CHINESE_NUMERAL.slice(1, -1)}]\\s*[${FIRST_CHARS}％\\-~至到—–－～]|百分之|目标|同步|[高快]于`, 'gu');

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
    if (/\s/u.test(ch)) t[c]! |= SPACE_CLASS;
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

/** Wording that sets a target wherever it stands. */
const TARGET_CUE = /(预期目标|主要目标|目标是|目标为|目标任务是|力争|争取|拟按|拟安排)/u;
/** Wording that commits to a bound: a target outside a review (a review reports 控制在3%以内 as done). */
const BOUND_CUE = /(确保|控制在|左右|以内)/u;
const ACHIEVED_CUE = /(同比|比上年|较上年|比去年|上年|去年|过去|一年来|五年来|已经|累计完成|圆满完成|期间)/u;
const MULTI_YEAR = /(年均|十[一二三四五]五|(?:今后|未来|过去)五年|五年来|到20\d\d年|20\d\d年末|翻一番)/u;

/**
 * Whether a sentence states targets or achievements. A target cue (预期目标,
 * 力争, 争取) makes a target anywhere unless the sentence reports it met
 * (圆满完成); a review section otherwise reports achievements; a plan
 * section sets targets unless the sentence looks back (同比, 上年, 过去);
 * elsewhere a bound (确保, 控制在, 左右, 以内) makes a target.
 */
export function kindOf(sentence: string, section: 'review' | 'plan' | 'other'): IndicatorKind {
  if (TARGET_CUE.test(sentence) && !/(圆满完成|超额完成|完成了)/u.test(sentence)) return 'target';
  if (section === 'review') return 'achieved';
  if (section === 'plan') return ACHIEVED_CUE.test(sentence) ? 'achieved' : 'target';
  return BOUND_CUE.test(sentence) ? 'target' : 'achieved';
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
    const [, pct, a, unitA, b, unitB, post] = m;
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
  const subject = rest.trim().slice(lead.length).replace(TRAIL, '').trim();
  return { subject, verb, pre };
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
  if (/以上|不低于|不少于|超过|高于/u.test(modifier)) return { lower: value, upper: null };
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
export function statementsOf(sentence: string, section: 'review' | 'plan' | 'other', sectionHeading = ''): Statement[] {
  const kind = kindOf(sentence, section);
  const clauses = clausesOf(sentence);
  // Five-year wording counts in the figure's clause, in a lead-in clause without figures (到2025年,), or in the heading of a target.
  const leadIn = clauses.length > 1 && MULTI_YEAR.test(clauses[0]!) && figuresOf(toHalfWidth(clauses[0]!)).length === 0;
  const sentenceWide = leadIn || (kind === 'target' && MULTI_YEAR.test(sectionHeading));
  let horizon: Horizon = sentenceWide ? 'multi-year' : 'year';
  const out: Statement[] = [];
  const push = (s: Omit<Statement, 'kind' | 'horizon' | 'sentence' | 'recognised'> & { recognised?: boolean }, k: IndicatorKind = kind) =>
    out.push({ recognised: true, ...s, kind: k, horizon, sentence });

  // Both wordings of NO_TARGET contain 目标: the cheap test first.
  if (sentence.includes('目标') && NO_TARGET.test(sentence)) {
    push({ indicator: '地区生产总值', raw: NO_TARGET.exec(sentence)![0], value: null, unit: '', lower: null, upper: null, modifier: 'no_target', measure: 'growth' }, 'target');
  }
  let previous: { subject: string; verb: string } | undefined;
  for (const original of clauses) {
    // No figure (the hint reads full-width forms as their half-width twins) and no worded target: nothing to read.
    if (!mayHoldFigure(original) && !(kind === 'target' && WORDED_HINT.test(original))) continue;
    // Offsets in the half-width clause are offsets in the original (one character for one).
    const clause = toHalfWidth(original);
    const figures = figuresOf(clause);
    // QUALITATIVE needs 同步, 高于 or 快于: tested only then.
    const q = figures.length === 0 && kind === 'target' && WORDED_HINT.test(clause) ? QUALITATIVE.exec(clause) : null;
    // Most clauses state nothing: the horizon is worked out only for those that do.
    if (figures.length > 0 || q) horizon = sentenceWide || MULTI_YEAR.test(clause) ? 'multi-year' : 'year';
    if (figures.length === 0) {
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
    let group: { subject: string; verb: string; pre: string; headStart: number; figures: Figure[] } | undefined;
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
        group = { subject, verb: h.verb || (subject === previous?.subject ? previous.verb : ''), pre: h.pre, headStart: cursor + headText.length - headText.trimStart().length, figures: [f] };
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
          const measure = DECLINE.test(g.verb) ? 'decline' : GROWTH.test(g.verb) || (f.unit === '%' && /增速|增幅|涨幅/u.test(subject)) ? 'growth' : 'level';
          const raw = original.slice(i === 0 ? g.headStart : f.start, f.end).trim();
          push({ indicator: name?.name ?? subject, recognised: Boolean(name), raw, value: f.value, unit: f.unit, ...bounds(f.value, f.upper, modifier), modifier, measure });
        }
      });
    }
  }
  return out;
}
