import type { Cell } from '../artifacts/frame.js';

/** Decimal places for display of a column (Markdown, LaTeX, HTML); the CSV and XLSX keep full precision. */
export type Digits = Readonly<Record<string, number>>;

/** Default decimals for non-integers when a table names none for the column. */
export const DEFAULT_DIGITS = 3;

/** The text a reader sees for a cell: integers as they are, other numbers rounded, empty for missing. */
export function displayCell(v: Cell, digits: number = DEFAULT_DIGITS): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    if (Number.isInteger(v)) return String(v);
    const s = v.toFixed(digits);
    return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v;
}

/**
 * Width of a string in monospace columns: CJK and full-width characters take
 * two (for spreadsheet column widths and aligned plain text).
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

/** Characters of a warning shown in summary.md and report.html; manifest.json has every warning in full. */
export const WARNING_CHARS = 300;

/** A warning's text as the summaries show it: a long one (a list of 159 doc_ids) is cut, saying where the rest is. */
export function shortWarning(text: string, max = WARNING_CHARS): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')} … (${chars.length - max} more characters; the full warning is in manifest.json)`;
}
