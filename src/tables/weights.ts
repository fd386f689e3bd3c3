import path from 'node:path';
import { policyTermRows, type Weights } from '../stages/weigh.js';
import { CsvWriter, field, type Table } from './csv.js';

export const TFIDF_COLUMNS = ['doc_id', 'term', 'count', 'tf', 'df', 'idf', 'tfidf'] as const;
export const KEYWORD_COLUMNS = ['doc_id', 'rank', 'term', 'tfidf', 'count'] as const;
export const POLICY_TERM_COLUMNS = ['doc_id', 'term', 'category', 'count', 'per_10k', 'tfidf'] as const;

/**
 * tfidf.csv, streamed: one row per (document, feature term) with a non-zero
 * count, terms in order of tf-idf (ties by term); values at full precision.
 * `top` limits the rows per document. Returns the number of rows.
 */
export function writeTfidfCsv(w: Weights, dir: string, top: number | 'all'): number {
  const out = new CsvWriter(path.join(dir, 'tfidf.csv'), TFIDF_COLUMNS);
  const { features: m, tfidf, vocab } = w;
  // Per-term cells are formatted once (3.6 M rows at 1,000 reports share ~10^4 terms).
  const termCell: string[] = new Array<string>(vocab.length);
  const dfIdfCell: string[] = new Array<string>(vocab.length);
  const termOf = (t: number): string => (termCell[t] ??= field(vocab[t]));
  const sameTf = tfidf.tf === m.counts || tfidf.tf.every((x, k) => x === m.counts[k]);
  try {
    const ks: number[] = [];
    for (let d = 0; d < m.nDocs; d++) {
      ks.length = 0;
      for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) ks.push(k);
      ks.sort((a, b) => tfidf.weights[b]! - tfidf.weights[a]! || (vocab[m.indices[a]!]! < vocab[m.indices[b]!]! ? -1 : 1));
      const doc = field(w.docIds[d]);
      const n = top === 'all' ? ks.length : Math.min(top, ks.length);
      for (let i = 0; i < n; i++) {
        const k = ks[i]!;
        const t = m.indices[k]!;
        const count = field(m.counts[k]);
        out.writeLine(`${doc},${termOf(t)},${count},${sameTf ? count : field(tfidf.tf[k])},${(dfIdfCell[t] ??= `${field(tfidf.df[t])},${field(tfidf.idf[t])}`)},${field(tfidf.weights[k])}\r\n`);
      }
    }
  } finally {
    out.close();
  }
  return out.rows;
}

export function keywordsTable(w: Weights): Table {
  return { name: 'keywords', columns: KEYWORD_COLUMNS, rows: w.keywords.map((k) => [k.doc_id, k.rank, k.term, k.tfidf, k.count]) };
}

/**
 * policy_terms.csv streamed (over a million rows at 1,000 reports), formatted
 * as toCsv would; the doc_id, term and category cells are formatted once.
 */
export function writePolicyTermsCsv(w: Weights, dir: string): number {
  const out = new CsvWriter(path.join(dir, 'policy_terms.csv'), POLICY_TERM_COLUMNS);
  const cell = new Map<string, string>();
  const text = (v: string): string => {
    let c = cell.get(v);
    if (c === undefined) cell.set(v, (c = field(v)));
    return c;
  };
  try {
    for (const p of policyTermRows(w)) out.writeLine(`${text(p.doc_id)},${text(p.term)},${text(p.category)},${field(p.count)},${field(p.per_10k)},${field(p.tfidf)}\r\n`);
  } finally {
    out.close();
  }
  return out.rows;
}

/** policy_terms.csv as a table; with `perDocument`, each document's N terms of most hits. */
export function policyTermsTable(w: Weights, perDocument = Infinity): Table {
  return { name: 'policy_terms', columns: POLICY_TERM_COLUMNS, rows: Array.from(policyTermRows(w, perDocument), (p) => [p.doc_id, p.term, p.category, p.count, p.per_10k, p.tfidf]) };
}

export const ATTENTION_COLUMNS = ['doc_id', 'dictionary', 'category', 'hits', 'tokens', 'per_10k'] as const;

export function attentionTable(w: Weights): Table {
  return { name: 'attention', columns: ATTENTION_COLUMNS, rows: w.attention.map((a) => [w.docIds[a.doc], a.dictionary, a.category, a.hits, a.tokens, a.per_10k]) };
}

export const KEYNESS_COLUMNS = ['group_by', 'target', 'reference', 'term', 'target_count', 'reference_count', 'g2', 'chi2', 'p_value', 'log_ratio'] as const;
export const SIMILARITY_COLUMNS = ['doc_id', 'neighbour_id', 'cosine', 'rank'] as const;

export function keynessTable(w: Weights): Table {
  return { name: 'keyness', columns: KEYNESS_COLUMNS, rows: w.keyness.map((k) => [k.group_by, k.target, k.reference, k.term, k.target_count, k.reference_count, k.g2, k.chi2, k.p_value, k.log_ratio]) };
}

export function similarityTable(w: Weights): Table {
  return { name: 'similarity', columns: SIMILARITY_COLUMNS, rows: w.similarity.map((s) => [w.docIds[s.doc], w.docIds[s.neighbour], s.cosine, s.rank]) };
}
