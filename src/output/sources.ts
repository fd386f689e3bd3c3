import path from 'node:path';
import { policyTermRows } from '../weigh/policy.js';
import type { Weights } from '../artifacts/weights.js';
import { POLICY_TERM_COLUMNS, TFIDF_COLUMNS, tfidfRows } from '../tables/weights.js';
import type { ParquetSource } from '../artifacts/run.js';

/*
 * The Parquet twins of the two long weigh tables hold their CSV's rows (each
 * document's top rows when weigh.tfidf_rows or weigh.policy_rows cut it), and
 * are read back from that CSV by DuckDB (output/parquet.ts). Their text cells
 * (doc_id, term, category) are never empty and their numbers are counts and
 * non-negative weights (never -0), so the CSV says every value (csvRows).
 */

/** tfidf.parquet: the `rows` rows of dir/tfidf.csv, each document's `top` (or 'all'), typed. */
export function tfidfParquet(w: Weights, dir: string, top: number | 'all', rows: number): ParquetSource {
  return {
    file: 'tfidf.parquet',
    columns: TFIDF_COLUMNS,
    types: ['VARCHAR', 'VARCHAR', 'BIGINT', 'DOUBLE', 'BIGINT', 'DOUBLE', 'DOUBLE'],
    rows: () => tfidfRows(w, top),
    csvRows: rows,
    csv: () => path.join(dir, 'tfidf.csv'),
  };
}

/** policy_terms.parquet: the `rows` rows of dir/policy_terms.csv, each document's first `perDocument`, typed. */
export function policyTermsParquet(w: Weights, dir: string, perDocument: number, rows: number): ParquetSource {
  return {
    file: 'policy_terms.parquet',
    columns: POLICY_TERM_COLUMNS,
    types: ['VARCHAR', 'VARCHAR', 'VARCHAR', 'BIGINT', 'DOUBLE', 'DOUBLE'],
    rows: function* () {
      for (const p of policyTermRows(w, perDocument)) yield [p.doc_id, p.term, p.category, p.count, p.per_10k, p.tfidf];
    },
    csvRows: rows,
    csv: () => path.join(dir, 'policy_terms.csv'),
  };
}
