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

/** Is this string numeral-led and not a mere quantity? */
export function isNumericFormula(s: string): boolean {
  if (!NUMERAL.test(s) || QUANTITY.test(s) || isBareMeasure(s)) return false;
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
