import path from 'node:path';
import { policyTermRows } from '../weigh/policy.js';
import { type Weights } from '../artifacts/weights.js';
import { CellPool, CsvBytesWriter, field } from '../output/csv.js';
import { type Table } from '../artifacts/frame.js';
import { per10k } from '../weigh/rate.js';

export const TFIDF_COLUMNS = ['doc_id', 'term', 'count', 'tf', 'df', 'idf', 'tfidf'] as const;
export const KEYWORD_COLUMNS = ['doc_id', 'rank', 'term', 'tfidf', 'count'] as const;
export const POLICY_TERM_COLUMNS = ['doc_id', 'term', 'category', 'count', 'per_10k', 'tfidf'] as const;

/**
 * tfidf.csv, streamed: one row per (document, feature term) with a non-zero
 * count, terms in order of tf-idf (ties by term); values at full precision.
 * `top` limits the rows per document. Returns the number of rows.
 */
export function writeTfidfCsv(w: Pick<Weights, 'features' | 'tfidf' | 'vocab' | 'docIds' | 'termOrder'>, dir: string, top: number | 'all'): number {
  const out = new CsvBytesWriter(path.join(dir, 'tfidf.csv'), TFIDF_COLUMNS);
  const { features: m, tfidf, vocab, termOrder } = w;
  const weights = tfidf.weights;
  // Per-term and per-document cells are formatted once (3.6 M rows at 1,000 reports share ~10^4 terms).
  const docs = CellPool.of(w.docIds);
  const terms = CellPool.of(vocab);
  const dfIdf = new CellPool(Array.from(vocab, (_, t) => `${field(tfidf.df[t])},${field(tfidf.idf[t])}`));
  const sameTf = tfidf.tf === m.counts || tfidf.tf.every((x, k) => x === m.counts[k]);
  const perDocument = top === 'all' ? Infinity : top;
  try {
    const ks: number[] = [];
    const byWeight = (a: number, b: number) => weights[b]! - weights[a]! || termOrder[m.indices[a]!]! - termOrder[m.indices[b]!]!;
    for (let d = 0; d < m.nDocs; d++) {
      ks.length = 0;
      for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) ks.push(k);
      const n = topFirst(ks, perDocument, weights, byWeight);
      for (let i = 0; i < n; i++) {
        const k = ks[i]!;
        const t = m.indices[k]!;
        out.cell(docs, d);
        out.cell(terms, t);
        out.number(m.counts[k]!);
        out.number(sameTf ? m.counts[k]! : tfidf.tf[k]!);
        out.cell(dfIdf, t);
        // Rows go by tf-idf: equal weights (same count and df) are consecutive.
        out.repeated(weights[k]!, 0, true);
      }
    }
  } finally {
    out.close();
  }
  return out.rows;
}

let scratch = new Float64Array(1024);

/**
 * Puts the first n of `ks` by `order` (tf-idf descending, then term) at the
 * front of ks, in that order, and returns n = min(top, ks.length). With
 * fewer wanted than there are, only the entries at or above the top-th
 * largest weight (found by selection, in linear time) are sorted.
 */
function topFirst(ks: number[], top: number, weights: Float64Array, order: (a: number, b: number) => number): number {
  const len = ks.length;
  if (top >= len) {
    ks.sort(order);
    return len;
  }
  if (scratch.length < len) scratch = new Float64Array(len);
  const v = scratch;
  for (let i = 0; i < len; i++) v[i] = weights[ks[i]!]!;
  const threshold = nthLargest(v, len, top);
  let kept = 0;
  for (let i = 0; i < len; i++) if (weights[ks[i]!]! >= threshold) ks[kept++] = ks[i]!;
  ks.length = kept;
  ks.sort(order);
  return top;
}

/** The n-th largest (1-based) of v[0 .. len), by quickselect (v is reordered). */
function nthLargest(v: Float64Array, len: number, n: number): number {
  const target = n - 1;
  let lo = 0;
  let hi = len - 1;
  while (lo < hi) {
    // Median of three as the pivot; partition so that larger values come first.
    const mid = (lo + hi) >>> 1;
    const a = v[lo]!;
    const b = v[mid]!;
    const c = v[hi]!;
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (v[i]! > pivot) i++;
      while (v[j]! < pivot) j--;
      if (i <= j) {
        const t = v[i]!;
        v[i] = v[j]!;
        v[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return v[target]!;
  }
  return v[target]!;
}

export function keywordsTable(w: Weights): Table {
  return { name: 'keywords', columns: KEYWORD_COLUMNS, rows: w.keywords.map((k) => [k.doc_id, k.rank, k.term, k.tfidf, k.count]) };
}

/**
 * policy_terms.csv streamed (over a million rows at 1,000 reports), in the
 * bytes toCsv would write, from the columnar table (no row objects); the
 * doc_id, term and category cells are formatted once. `perDocument` keeps
 * each document's first N rows (its N terms of most hits). Returns the rows.
 */
export function writePolicyTermsCsv(w: Pick<Weights, 'policyTable' | 'docIds' | 'tokenTotals'>, dir: string, perDocument = Infinity): number {
  const out = new CsvBytesWriter(path.join(dir, 'policy_terms.csv'), POLICY_TERM_COLUMNS);
  const { ptr, term, count, tfidf, terms, category } = w.policyTable;
  const docs = CellPool.of(w.docIds);
  // term and category of each policy term, one cell
  const termCategory = new CellPool(Array.from(terms, (t, i) => `${field(t)},${field(category[i])}`));
  try {
    for (let d = 0; d + 1 < ptr.length; d++) {
      const total = w.tokenTotals[d]!;
      const end = Math.min(ptr[d + 1]!, ptr[d]! + perDocument);
      for (let r = ptr[d]!; r < end; r++) {
        const c = count[r]!;
        out.cell(docs, d);
        out.cell(termCategory, term[r]!);
        out.number(c);
        // As policyTermRows computes it.
        // Rows go by count: a document's equal counts, and so rates, are consecutive.
        out.repeated(per10k(c, total), 0);
        out.number(tfidf[r]!, true);
      }
    }
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

/**
 * The rows of the tfidf table (tfidf.csv's columns), in tfidf.csv's order:
 * documents in order, a document's terms by tf-idf descending, ties by
 * term; with `top`, each document's first `top` (as writeTfidfCsv cuts).
 */
export function* tfidfRows(w: Pick<Weights, 'features' | 'tfidf' | 'vocab' | 'docIds' | 'termOrder'>, top: number | 'all' = 'all'): Generator<[string, string, number, number, number, number, number]> {
  const { features: m, tfidf, vocab, termOrder } = w;
  const weights = tfidf.weights;
  const byWeight = (a: number, b: number) => weights[b]! - weights[a]! || termOrder[m.indices[a]!]! - termOrder[m.indices[b]!]!;
  const ks: number[] = [];
  for (let d = 0; d < m.nDocs; d++) {
    ks.length = 0;
    for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) ks.push(k);
    const n = topFirst(ks, top === 'all' ? Infinity : top, weights, byWeight);
    for (let i = 0; i < n; i++) {
      const k = ks[i]!;
      const t = m.indices[k]!;
      yield [w.docIds[d]!, vocab[t]!, m.counts[k]!, tfidf.tf[k]!, tfidf.df[t]!, tfidf.idf[t]!, weights[k]!];
    }
  }
}
