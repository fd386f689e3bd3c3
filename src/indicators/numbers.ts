/**
 * Numbers as reports write them: Arabic (107.2, 1,234.5, full-width ０-９),
 * Chinese numerals (七, 十二, 一百零五, 三点五, 百分之七), and ranges
 * (6-6.5, 6%-6.5%, 6～6.5, 6至6.5). Magnitude words (万, 亿) stay with the
 * unit (107.2亿元 is 107.2 of the unit 亿元), as the report states it.
 */

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters of a Chinese numeral (digits, 十百千, 点 for the decimal point). */
export const CHINESE_NUMERAL = '[零〇一二两三四五六七八九十百千点]';

const WHOLE_NUMERAL = new RegExp(`^${CHINESE_NUMERAL}+$`, 'u');

/**
 * Value of a Chinese numeral below 万: 七 = 7, 十二 = 12, 一百零五 = 105,
 * 三点五 = 3.5, 二五 (digit by digit) = 25. Returns undefined when the text
 * is not a numeral.
 */
export function chineseNumeral(text: string): number | undefined {
  if (text === '' || !WHOLE_NUMERAL.test(text)) return undefined;
  const [whole, frac, extra] = text.split('点');
  if (extra !== undefined || whole === undefined) return undefined;
  let value: number | undefined;
  if (whole === '') value = frac === undefined ? undefined : 0;
  else if (!/[十百千]/u.test(whole)) value = digitsOf(whole);
  else {
    // Positional: 一百零五 = 1*100 + 5; a leading 十 means 一十 (十二 = 12).
    let total = 0;
    let pending = 0;
    for (const ch of whole) {
      if (ch in SMALL_UNIT) {
        total += (pending || 1) * SMALL_UNIT[ch]!;
        pending = 0;
      } else if (ch in DIGIT) pending = DIGIT[ch]!;
      else return undefined;
    }
    value = total + pending;
  }
  if (value === undefined) return undefined;
  if (frac === undefined) return value;
  const f = digitsOf(frac);
  return f === undefined || frac === '' ? undefined : Number(`${value}.${[...frac].map((c) => DIGIT[c]).join('')}`);
}

function digitsOf(text: string): number | undefined {
  let s = '';
  for (const ch of text) {
    if (!(ch in DIGIT)) return undefined;
    s += String(DIGIT[ch]);
  }
  return s === '' ? undefined : Number(s);
}

/** Half-width digits, point, percent and minus for their full-width forms (１２．５％). */
const FULL_WIDTH = /[０-９．％－～]/u;

export function toHalfWidth(text: string): string {
  // Most clauses have none: a test is cheaper than a replace with a callback.
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(/[０-９．％－～]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * A number as written: Arabic (thousands commas allowed) or a Chinese
 * numeral. Returns undefined for anything else.
 */
export function parseNumber(text: string): number | undefined {
  const t = toHalfWidth(text).replace(/,(?=\d{3}\b)/gu, '');
  if (/^\d+(?:\.\d+)?$/u.test(t)) return Number(t);
  return chineseNumeral(t);
}
