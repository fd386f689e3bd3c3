import type { KeywordRow } from '../artifacts/weights.js';
import type { Dtm } from './dtm.js';

/**
 * Each document's keywords: its `n` feature terms of highest tf-idf (ties by
 * term, in `termOrder`), ranked from 1, found by insertion into a short
 * sorted list (no full sort of the row).
 *
 * @param weights tf-idf of each entry of `features` (Tfidf.weights)
 * @param termOrder position of each vocabulary id in term order (termOrderOf)
 * @example keywordRows(features, tfidf.weights, vocab, docIds, 20, termOrderOf(vocab))
 */
export function keywordRows(features: Dtm, weights: ArrayLike<number>, vocab: readonly string[], docIds: readonly string[], n: number, termOrder: Uint32Array): KeywordRow[] {
  const keywords: KeywordRow[] = [];
  const order = (a: number, b: number) => termOrder[a]! - termOrder[b]!;
  const ks: number[] = [];
  for (let d = 0; d < features.nDocs; d++) {
    // The top `keywords` entries by tf-idf (ties by term), by insertion into a short sorted list: no full sort.
    ks.length = 0;
    const before = (x: number, y: number) => weights[x]! > weights[y]! || (weights[x] === weights[y] && order(features.indices[x]!, features.indices[y]!) < 0);
    for (let k = features.indptr[d]!; k < features.indptr[d + 1]!; k++) {
      if (ks.length === n && !before(k, ks[ks.length - 1]!)) continue;
      let i = ks.length === n ? ks.length - 1 : ks.length;
      for (; i > 0 && before(k, ks[i - 1]!); i--) ks[i] = ks[i - 1]!;
      ks[i] = k;
    }
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      keywords.push({ doc_id: docIds[d]!, rank: i + 1, term: vocab[features.indices[k]!]!, tfidf: weights[k]!, count: features.counts[k]! });
    }
  }
  return keywords;
}
