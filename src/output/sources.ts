import path from 'node:path';
import { policyTermRows } from '../weigh/policy.js';
import type { Weights } from '../artifacts/weights.js';
import { POLICY_TERM_COLUMNS, TFIDF_COLUMNS, tfidfRows, writePolicyTermsCsv, writeTfidfCsv } from '../tables/weights.js';
import type { ParquetSource } from '../artifacts/run.js';

/*
 * Both tables are read back from CSV by DuckDB (output/parquet.ts): from the
 * CSV of the output folder when it holds every row, else from a whole one
 * written to the Parquet writer's scratch folder. Their text cells (doc_id,
 * term, category) are never empty and their numbers are counts and
 * non-negative weights (never -0), so the CSV says every value (csvRows).
 */

/** tfidf.parquet: every row of the tfidf table (no weigh.tfidf_rows cut), typed; `dir`: the folder of tfidf.csv. */
export function tfidfParquet(w: Weights, dir?: string): ParquetSource {
  const cut = w.meta.rows.tfidf.rows < w.meta.rows.tfidf.of;
  return {
    file: 'tfidf.parquet',
    columns: TFIDF_COLUMNS,
    types: ['VARCHAR', 'VARCHAR', 'BIGINT', 'DOUBLE', 'BIGINT', 'DOUBLE', 'DOUBLE'],
    rows: () => tfidfRows(w),
    ...(dir === undefined ? {} : { csvRows: w.meta.rows.tfidf.of, csv: (scratch: string) => (cut ? (writeTfidfCsv(w, scratch, 'all'), path.join(scratch, 'tfidf.csv')) : path.join(dir, 'tfidf.csv')) }),
  };
}

/** policy_terms.parquet: every row of the policy-term table (no weigh.policy_rows cut), typed; `dir`: the folder of policy_terms.csv. */
export function policyTermsParquet(w: Weights, dir?: string): ParquetSource {
  const cut = w.meta.rows.policy_terms.rows < w.meta.rows.policy_terms.of;
  return {
    file: 'policy_terms.parquet',
    columns: POLICY_TERM_COLUMNS,
    types: ['VARCHAR', 'VARCHAR', 'VARCHAR', 'BIGINT', 'DOUBLE', 'DOUBLE'],
    rows: function* () {
      for (const p of policyTermRows(w)) yield [p.doc_id, p.term, p.category, p.count, p.per_10k, p.tfidf];
    },
    ...(dir === undefined ? {} : { csvRows: w.meta.rows.policy_terms.of, csv: (scratch: string) => (cut ? (writePolicyTermsCsv(w, scratch), path.join(scratch, 'policy_terms.csv')) : path.join(dir, 'policy_terms.csv')) }),
  };
}
