/**
 * Slogan candidates that announce themselves: text in quotation marks short
 * enough to be a slogan (“项目为王”, “1146”, 「放管服」), and numeral-led
 * formulas (六新, 三大攻坚战, 五抓一优一促), quoted or not.
 */

const QUOTED = /[“「『"]([^“”「」『』"\n]{2,16})[”」』"]/gu;
const SENTENCE_PUNCT = /[。,;:!?,;:!?()()《》]/u;

/** Numerals that open a formula: Chinese numerals and digits. */
export const NUMERAL = /^(?:[一二三四五六七八九十两百千万]|\d)/u;
const NUMERAL_CHAR = /[一二三四五六七八九十两百千万\d]/u;

/**
 * Second characters that make a numeral-led string a quantity or an
 * enumeration, not a formula: 一是, 一年, 两批, 三项, 十个 ...
 */
const QUANTITY = /^[一二三四五六七八九十两百千万\d]+(?:[是年月日天次批些系方定直步起般季期位名家户座所元亩吨倍成点份部级类种件把场轮届周半道线流切致手同律共样旦再举度号层期岁周体网]|\.|%)/u;

/** Numeral characters that only build quantities: in a run of two or more numerals (十二亿, 万千瓦), or before 多/余/分 (百多万, 百分之十, 十分重视). */
const BIG_NUMERAL = /[百千万亿]/u;
const QUANTITY_AFTER_NUMERAL = /^[多余来几分]/u;

/**
 * A quantity, a measure or an adverb that starts with numerals, not a
 * formula: digits only (00, 18, 2017), a numeral run holding 百千万亿 with
 * another numeral (十二亿, 万千瓦, 三千万), a numeral run followed by 多, 余,
 * 来, 几 or 分 (百多万, 三十余, 百分之十, 十分重视, 十分艰巨).
 */
export function isNumeralQuantity(s: string): boolean {
  if (/^[\d.,%]+$/u.test(s)) return true;
  // A date or a year written in numerals (一九五八年, 二〇一七年, 十月): no phrase.
  if (/^(?:[〇零一二三四五六七八九]{2,4}年|[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?)/u.test(s)) return true;
  const run = /^[一二三四五六七八九十两百千万亿零〇\d]+/u.exec(s)?.[0];
  if (!run) return false;
  if (run.length >= 2 && BIG_NUMERAL.test(run)) return true;
  return QUANTITY_AFTER_NUMERAL.test(s.slice(run.length));
}

/** Is this string numeral-led and not a mere quantity? An all-digit code (“1146”) counts only when `quoted`. */
export function isNumericFormula(s: string, quoted = false): boolean {
  if (/^\d{2,}$/u.test(s)) return quoted;
  if (!NUMERAL.test(s) || QUANTITY.test(s) || isBareMeasure(s) || isNumeralQuantity(s)) return false;
  // At least one non-numeral character, or an all-digit code such as “1146”.
  return /^\d{2,}$/u.test(s) || [...s].some((c) => !NUMERAL_CHAR.test(c));
}

/** Numeral + one measure character (两个, 三项): never a formula on its own. */
const NUMERAL_MEASURE = /^[一二三四五六七八九十两百千万\d]+[个项条张大次]$/u;

export function isBareMeasure(s: string): boolean {
  return NUMERAL_MEASURE.test(s);
}

/** Quoted strings that could be slogans: 2-16 characters, no sentence punctuation, some letter or digit; counts quoted occurrences. */
export function quotedCandidates(text: string, found: Map<string, number>): void {
  for (const m of text.matchAll(QUOTED)) {
    const inner = m[1]!.trim();
    if (inner.length < 2 || SENTENCE_PUNCT.test(inner) || !/[\p{L}\p{N}]/u.test(inner)) continue;
    if (/^[\d.%]+$/u.test(inner) && inner.length < 2) continue;
    found.set(inner, (found.get(inner) ?? 0) + 1);
  }
}
