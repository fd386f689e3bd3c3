/**
 * Character-level normalisation applied to every line of input text, so that
 * counts do not depend on which width or white space a site used.
 *
 * - Full-width ASCII variants (U+FF01-U+FF5E: ，：（）０-９Ａ-Ｚ) fold to their
 *   half-width forms, the convention of most scraped report text; CJK
 *   punctuation without an ASCII twin (。、“”《》) is kept.
 * - Every kind of space (ideographic U+3000, no-break, zero-width, tabs)
 *   becomes an ASCII space; runs collapse to one; ends are trimmed.
 * - Control characters other than line breaks are removed.
 * - A lone surrogate (not Unicode: a JSON "\ud800" escape can make one)
 *   becomes U+FFFD, as the segmenter would otherwise turn it into one behind
 *   the text's back.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\u00ad]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const LONE_SURROGATE = /\p{Cs}/gu;

export function normalizeLine(line: string): string {
  return foldWidth(line).replace(CONTROL, '').replace(INVISIBLE, '').replace(LONE_SURROGATE, '\ufffd').replace(SPACES, ' ').trim();
}

/** Splits text into lines (any line-break convention), normalised; blank lines become ''. */
export function normalizedLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/).map(normalizeLine);
}

const HAN = /\p{Script=Han}/u;
export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

/** Sentence-final punctuation after width folding. */
export const SENTENCE_END = /[。!?;…!?;」』”"')\]】]$/;
