import { policyTermRows } from '../weigh/policy.js';
import type { Weights } from '../artifacts/weights.js';
import { POLICY_TERM_COLUMNS, TFIDF_COLUMNS, tfidfRows } from '../tables/weights.js';
import type { ParquetSource } from '../artifacts/run.js';

/** tfidf.parquet: every row of the tfidf table (no weigh.tfidf_rows cut), typed. */
export function tfidfParquet(w: Weights): ParquetSource {
  return { file: 'tfidf.parquet', columns: TFIDF_COLUMNS, types: ['VARCHAR', 'VARCHAR', 'BIGINT', 'DOUBLE', 'BIGINT', 'DOUBLE', 'DOUBLE'], rows: () => tfidfRows(w) };
}

/** policy_terms.parquet: every row of the policy-term table (no weigh.policy_rows cut), typed. */
export function policyTermsParquet(w: Weights): ParquetSource {
  return {
    file: 'policy_terms.parquet',
    columns: POLICY_TERM_COLUMNS,
    types: ['VARCHAR', 'VARCHAR', 'VARCHAR', 'BIGINT', 'DOUBLE', 'DOUBLE'],
    rows: function* () {
      for (const p of policyTermRows(w)) yield [p.doc_id, p.term, p.category, p.count, p.per_10k, p.tfidf];
    },
  };
}
