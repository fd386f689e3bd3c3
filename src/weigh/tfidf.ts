import { documentFrequency, sharedFloat64, sharedUint32, termTotals, type Dtm } from './dtm.js';
import { ColumnBuilder } from '../linalg/column.js';

/** Options of {@link tfidf}: the TfidfVectorizer settings of the same names (smooth_idf, sublinear_tf, norm), or the natural scheme. */
export interface TfidfOptions {
  smoothIdf: boolean;
  sublinearTf: boolean;
  norm: 'l2' | 'l1' | 'none';
  scheme?: 'sklearn' | 'natural';
}

/** What {@link tfidf} computes: df and idf per term, tf and tf-idf per stored entry. */
export interface Tfidf {
  df: Uint32Array;
  idf: Float64Array;
  /** tf and normalised tf-idf of every stored entry of the matrix (aligned with dtm.indices); raw tf is the counts themselves. */
  tf: Float64Array | Uint32Array;
  weights: Float64Array;
}

/**
 * TF-IDF over a sparse document-term matrix, by default exactly
 * scikit-learn's TfidfVectorizer defaults:
 *
 *     idf(t)      = ln((1 + N) / (1 + df(t))) + 1          (smooth_idf)
 *     idf(t)      = ln(N / df(t)) + 1                       (smooth_idf: false)
 *     tf(t, d)    = count(t, d)            or 1 + ln(count)  (sublinear_tf)
 *     tfidf(t, d) = tf · idf, then divided by the document's L2 norm
 *                   (or L1 norm, or not at all)
 *
 * N is the number of documents, df(t) the number of documents containing t.
 * Reference: scikit-learn, sklearn/feature_extraction/text.py (TfidfTransformer).
 *
 * scheme 'natural' instead reproduces the natural package's TfIdf
 * (lib/natural/tfidf/tfidf.js): idf = 1 + ln(N / (1 + df)), tfidf = count ·
 * idf, not normalised (the other options are then ignored).
 *
 * @example
 * const { dtm } = selectFeatures(counts, { minDf: 1, maxDf: 1, maxFeatures: 0 }, (id) => vocab[id]!);
 * const { weights } = tfidf(dtm, { smoothIdf: true, sublinearTf: false, norm: 'l2' });
 */
export function tfidf(dtm: Dtm, options: TfidfOptions): Tfidf {
  const natural = options.scheme === 'natural';
  const opts: TfidfOptions = natural ? { smoothIdf: false, sublinearTf: false, norm: 'none' } : options;
  const df = documentFrequency(dtm);
  const n = dtm.nDocs;
  const idf = new Float64Array(dtm.nTerms);
  for (let t = 0; t < dtm.nTerms; t++) {
    if (df[t] === 0) continue;
    idf[t] = natural ? 1 + Math.log(n / (1 + df[t]!)) : opts.smoothIdf ? Math.log((1 + n) / (1 + df[t]!)) + 1 : Math.log(n / df[t]!) + 1;
  }
  // Raw tf is the counts themselves: shared, not copied (35 M entries at 10,000 reports).
  const tf = opts.sublinearTf ? new Float64Array(dtm.counts.length) : dtm.counts;
  const sublinear = opts.sublinearTf ? (tf as Float64Array) : undefined;
  const weights = sharedFloat64(dtm.counts.length);
  for (let d = 0; d < n; d++) {
    const a = dtm.indptr[d]!;
    const b = dtm.indptr[d + 1]!;
    let norm = 0;
    for (let k = a; k < b; k++) {
      const c = dtm.counts[k]!;
      if (sublinear) sublinear[k] = 1 + Math.log(c);
      const w = tf[k]! * idf[dtm.indices[k]!]!;
      weights[k] = w;
      norm += opts.norm === 'l2' ? w * w : Math.abs(w);
    }
    if (opts.norm === 'none') continue;
    const z = opts.norm === 'l2' ? Math.sqrt(norm) : norm;
    if (z > 0) for (let k = a; k < b; k++) weights[k] = weights[k]! / z;
  }
  return { df, idf, tf, weights };
}

export interface FeatureOptions {
  /** Documents a term must occur in: a count (>= 1) or a proportion of documents (< 1). */
  minDf: number;
  /** Documents a term may occur in at most: a proportion (<= 1) or a count (> 1). */
  maxDf: number;
  /** Keep only the most frequent terms over the corpus (0: all); ties by term. */
  maxFeatures: number;
}

/**
 * Terms kept as features, as scikit-learn's CountVectorizer selects them:
 * document frequency within [min_df, max_df], then the max_features most
 * frequent over the corpus. Returns a matrix without the other terms.
 */
export function selectFeatures(dtm: Dtm, opts: FeatureOptions, termOf: (id: number) => string): { dtm: Dtm; kept: Uint8Array } {
  const df = documentFrequency(dtm);
  const n = dtm.nDocs;
  const minCount = opts.minDf >= 1 ? opts.minDf : opts.minDf * n;
  const maxCount = opts.maxDf <= 1 ? opts.maxDf * n : opts.maxDf;
  const kept = new Uint8Array(dtm.nTerms);
  let candidates: number[] = [];
  for (let t = 0; t < dtm.nTerms; t++) if (df[t]! > 0 && df[t]! >= minCount && df[t]! <= maxCount) candidates.push(t);
  if (opts.maxFeatures > 0 && candidates.length > opts.maxFeatures) {
    const tot = termTotals(dtm);
    candidates.sort((a, b) => tot[b]! - tot[a]! || (termOf(a) < termOf(b) ? -1 : termOf(a) > termOf(b) ? 1 : 0));
    candidates = candidates.slice(0, opts.maxFeatures);
  }
  for (const t of candidates) kept[t] = 1;
  if (candidates.length === dtm.nTerms) return { dtm, kept };
  const indptr = sharedUint32(dtm.nDocs + 1);
  const indices = new ColumnBuilder(sharedUint32);
  const counts = new ColumnBuilder(sharedUint32);
  for (let d = 0; d < dtm.nDocs; d++) {
    for (let k = dtm.indptr[d]!; k < dtm.indptr[d + 1]!; k++) {
      if (kept[dtm.indices[k]!]) {
        indices.push(dtm.indices[k]!);
        counts.push(dtm.counts[k]!);
      }
    }
    indptr[d + 1] = indices.length;
  }
  return { dtm: { nDocs: dtm.nDocs, nTerms: dtm.nTerms, indptr, indices: indices.finish(), counts: counts.finish() }, kept };
}
