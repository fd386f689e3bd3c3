/**
 * Dates as scrapers leave them, made readable for the metadata rules:
 * spaced digits (1 9 9 8 年3 月5 日), Chinese-numeral years and days
 * (一九五八年二月三日), full-width digits (folded earlier by normalizeLine).
 */

const ZH_DIGIT: Record<string, number> = { '〇': 0, '○': 0, '零': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };

/** 十 -> 10, 二十三 -> 23, 三十 -> 30, 七 -> 7; undefined for anything else. */
export function zhSmallNumber(s: string): number | undefined {
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/u.exec(s);
  if (!m || s === '') return undefined;
  const [, tens, ten, ones] = m as unknown as [string, string, string, string];
  if (!ten) return tens && !ones ? ZH_DIGIT[tens] : undefined;
  return (tens ? ZH_DIGIT[tens]! : 1) * 10 + (ones ? ZH_DIGIT[ones]! : 0);
}

const ZH_YEAR = /([〇○零Ｏ一二三四五六七八九]{4})年/gu;
const ZH_MONTH_DAY = /(\d{4}年)([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?/gu;

/**
 * Rewrites dates into Arabic digits without spaces: 1 9 9 8 年3 月5 日 ->
 * 1998年3月5日; 一九五八年二月三日 -> 1958年2月3日. Only date-shaped
 * stretches change; the rest of the text is returned as it is.
 *
 * @example arabicDates('一九五八年二月三日') // '1958年2月3日'
 */
export function arabicDates(text: string): string {
  // Only runs of single spaced digits before 年/月/日 close up: 2023 2024 stays two numbers.
  let s = text.replace(/\d(?: \d)+(?= ?[年月日])/gu, (m) => m.replace(/ /gu, ''));
  s = s.replace(/(\d) ([年月日])/gu, '$1$2').replace(/([年月]) (\d)/gu, '$1$2');
  s = s.replace(ZH_YEAR, (_, y: string) => `${[...y].map((c) => ZH_DIGIT[c]).join('')}年`);
  s = s.replace(ZH_MONTH_DAY, (all, y: string, mo: string, d: string | undefined) => {
    const m = zhSmallNumber(mo);
    const day = d === undefined ? undefined : zhSmallNumber(d);
    if (m === undefined || m > 12 || (d !== undefined && (day === undefined || day > 31))) return all;
    return `${y}${m}月${day === undefined ? '' : `${day}日`}`;
  });
  return s;
}
