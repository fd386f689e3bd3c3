/**
 * How many rows of a long per-document table (tfidf.csv, policy_terms.csv)
 * are written: the `rows` parameter of the weigh stage ('auto', 'all' or a
 * number N of rows per document) applied to the table's rows per document.
 */
export type RowsSetting = 'auto' | 'all' | number;

/** 'auto' writes every row while the whole table has at most this many. */
export const AUTO_MAX_ROWS = 1_000_000;
/** ... and otherwise at least this many rows of each document. */
export const AUTO_MIN_PER_DOCUMENT = 100;

/** The rows written of a table: each document's first `perDocument` (Infinity: all), `rows` in all, of `of`. */
export interface RowCut {
  perDocument: number;
  rows: number;
  of: number;
}

/**
 * The rows written of a table whose document d has rows ptr[d] .. ptr[d+1]:
 * 'all' every row; N each document's first N; 'auto' every row while the
 * table has at most `max` rows (AUTO_MAX_ROWS), else each document's first
 * N with N the largest for which the table stays within `max` rows, but at
 * least `min` (AUTO_MIN_PER_DOCUMENT). Rows are cut only when rows < of.
 */
export function cutRows(ptr: ArrayLike<number>, setting: RowsSetting, max = AUTO_MAX_ROWS, min = AUTO_MIN_PER_DOCUMENT): RowCut {
  const nDocs = Math.max(0, ptr.length - 1);
  const of = nDocs > 0 ? ptr[nDocs]! - ptr[0]! : 0;
  let longest = 0;
  for (let d = 0; d < nDocs; d++) longest = Math.max(longest, ptr[d + 1]! - ptr[d]!);
  const kept = (n: number): number => {
    let s = 0;
    for (let d = 0; d < nDocs; d++) s += Math.min(n, ptr[d + 1]! - ptr[d]!);
    return s;
  };
  const all: RowCut = { perDocument: Infinity, rows: of, of };
  let n: number;
  if (setting === 'all') return all;
  if (setting === 'auto') {
    if (of <= max) return all;
    // kept(n) grows with n: the largest n with kept(n) <= max, by bisection (kept(0) = 0 <= max < kept(longest) = of).
    let lo = 0;
    let hi = longest;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (kept(mid) <= max) lo = mid;
      else hi = mid;
    }
    n = Math.max(lo, min);
  } else n = setting;
  if (n >= longest) return all;
  return { perDocument: n, rows: kept(n), of };
}
