import { describe, expect, it } from 'vitest';
import { AUTO_MAX_ROWS, AUTO_MIN_PER_DOCUMENT, cutRows } from '../../src/weigh/rows.js';

/** Row pointers of a table whose documents have these many rows. */
const ptrOf = (lengths: number[]) => Uint32Array.from([0, ...lengths.map((_, i) => lengths.slice(0, i + 1).reduce((a, b) => a + b, 0))]);

describe('cutRows: the rows tfidf.csv and policy_terms.csv hold', () => {
  // Documents of 5, 3, 10 and 1 rows: 19 in all. Each document's first n rows: n = 1: 4 rows, 2: 7, 3: 10, 4: 12, 5: 14.
  const ptr = ptrOf([5, 3, 10, 1]);

  it("'all' and auto within the limit keep every row", () => {
    expect(cutRows(ptr, 'all', 10, 2)).toEqual({ perDocument: Infinity, rows: 19, of: 19 });
    expect(cutRows(ptr, 'auto', 19, 2)).toEqual({ perDocument: Infinity, rows: 19, of: 19 });
  });

  it('auto over the limit keeps the largest n per document that stays within it', () => {
    expect(cutRows(ptr, 'auto', 10, 2)).toEqual({ perDocument: 3, rows: 10, of: 19 });
    expect(cutRows(ptr, 'auto', 11, 2)).toEqual({ perDocument: 3, rows: 10, of: 19 });
    expect(cutRows(ptr, 'auto', 12, 2)).toEqual({ perDocument: 4, rows: 12, of: 19 });
  });

  it('auto keeps at least the minimum per document, even past the limit', () => {
    expect(cutRows(ptr, 'auto', 10, 4)).toEqual({ perDocument: 4, rows: 12, of: 19 });
    // A minimum as long as the longest document keeps everything.
    expect(cutRows(ptr, 'auto', 10, 10)).toEqual({ perDocument: Infinity, rows: 19, of: 19 });
  });

  it('a number n keeps each document\'s first n rows; n >= the longest keeps all', () => {
    expect(cutRows(ptr, 2)).toEqual({ perDocument: 2, rows: 7, of: 19 });
    expect(cutRows(ptr, 10)).toEqual({ perDocument: Infinity, rows: 19, of: 19 });
  });

  it('the defaults: 1,000,000 rows, at least 100 per document', () => {
    expect([AUTO_MAX_ROWS, AUTO_MIN_PER_DOCUMENT]).toEqual([1_000_000, 100]);
    // 1,000 documents of 3,000 rows: 1,000 of each fit in 10^6 rows.
    expect(cutRows(ptrOf(Array.from({ length: 1000 }, () => 3000)), 'auto')).toEqual({ perDocument: 1000, rows: 1_000_000, of: 3_000_000 });
    // 20,000 documents of 300 rows: 50 each would fit; 100 are kept.
    expect(cutRows(ptrOf(Array.from({ length: 20000 }, () => 300)), 'auto')).toEqual({ perDocument: 100, rows: 2_000_000, of: 6_000_000 });
  });

  it('an empty table', () => {
    expect(cutRows(Uint32Array.from([0]), 'auto')).toEqual({ perDocument: Infinity, rows: 0, of: 0 });
  });
});
