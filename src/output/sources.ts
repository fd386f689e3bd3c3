import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { policyTermRows } from '../weigh/policy.js';
import type { Weights } from '../artifacts/weights.js';
import { POLICY_TERM_COLUMNS, TFIDF_COLUMNS, tfidfRows, writePolicyTermsCsv, writeTfidfCsv } from '../tables/weights.js';
import type { ParquetSource } from '../artifacts/run.js';
import { compiledScript } from '../paths.js';

/*
 * Both tables are read back from CSV by DuckDB (output/parquet.ts): from the
 * CSV of the output folder when it holds every row, else from a whole one
 * written to the Parquet writer's scratch folder on a thread of its own.
 * Their text cells (doc_id, term, category) are never empty and their
 * numbers are counts and non-negative weights (never -0), so the CSV says
 * every value (csvRows).
 */

/** What the CSV thread (csv-worker.ts) is given: the table, the part of the weights it reads, and the folder. */
export interface WholeCsvJob {
  kind: 'tfidf' | 'policy_terms';
  weights: Partial<Weights>;
  dir: string;
}

/** The compiled CSV thread (npm ci builds dist/). */
function csvScript(): string | undefined {
  return compiledScript('output', 'csv-worker.js');
}

/**
 * Writes dir/KIND.csv whole (every row, as the weigh tables write it) on a
 * worker thread, the typed arrays copied to it; in this thread when the
 * worker is not built. Resolves to the file.
 */
export function wholeCsvOnThread(job: WholeCsvJob, here: () => number): Promise<string> {
  const file = path.join(job.dir, `${job.kind}.csv`);
  const script = csvScript();
  if (!script) {
    here();
    return Promise.resolve(file);
  }
  return new Promise<string>((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    worker.once('message', (m: { rows?: number; error?: string }) => (m.error === undefined ? resolve(file) : reject(new Error(`${job.kind}.parquet: ${m.error}`))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${job.kind}.parquet: the CSV thread stopped (exit code ${code})`)));
  });
}

/** tfidf.parquet: every row of the tfidf table (no weigh.tfidf_rows cut), typed; `dir`: the folder of tfidf.csv. */
export function tfidfParquet(w: Weights, dir?: string): ParquetSource {
  const cut = w.meta.rows.tfidf.rows < w.meta.rows.tfidf.of;
  const part = { features: w.features, tfidf: w.tfidf, vocab: w.vocab, docIds: w.docIds, termOrder: w.termOrder };
  return {
    file: 'tfidf.parquet',
    columns: TFIDF_COLUMNS,
    types: ['VARCHAR', 'VARCHAR', 'BIGINT', 'DOUBLE', 'BIGINT', 'DOUBLE', 'DOUBLE'],
    rows: () => tfidfRows(w),
    ...(dir === undefined
      ? {}
      : { csvRows: w.meta.rows.tfidf.of, csv: (scratch: string) => (cut ? wholeCsvOnThread({ kind: 'tfidf', weights: part, dir: scratch }, () => writeTfidfCsv(w, scratch, 'all')) : path.join(dir, 'tfidf.csv')) }),
  };
}

/** policy_terms.parquet: every row of the policy-term table (no weigh.policy_rows cut), typed; `dir`: the folder of policy_terms.csv. */
export function policyTermsParquet(w: Weights, dir?: string): ParquetSource {
  const cut = w.meta.rows.policy_terms.rows < w.meta.rows.policy_terms.of;
  const part = { policyTable: w.policyTable, docIds: w.docIds, tokenTotals: w.tokenTotals };
  return {
    file: 'policy_terms.parquet',
    columns: POLICY_TERM_COLUMNS,
    types: ['VARCHAR', 'VARCHAR', 'VARCHAR', 'BIGINT', 'DOUBLE', 'DOUBLE'],
    rows: function* () {
      for (const p of policyTermRows(w)) yield [p.doc_id, p.term, p.category, p.count, p.per_10k, p.tfidf];
    },
    ...(dir === undefined
      ? {}
      : { csvRows: w.meta.rows.policy_terms.of, csv: (scratch: string) => (cut ? wholeCsvOnThread({ kind: 'policy_terms', weights: part, dir: scratch }, () => writePolicyTermsCsv(w, scratch)) : path.join(dir, 'policy_terms.csv')) }),
  };
}
