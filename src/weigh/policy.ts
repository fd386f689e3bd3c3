import type { PhraseSet } from '../artifacts/phrases.js';
import type { PolicyTable, PolicyTermRow, Weights } from '../artifacts/weights.js';
import type { Dtm } from './dtm.js';
import { per10k } from './rate.js';

/**
 * The rows of the policy-term table one at a time, in document order; with
 * `perDocument`, only each document's first N rows (its N terms of most hits,
 * ties by term, as the rows are ordered).
 */
export function* policyTermRows(w: Pick<Weights, 'policyTable' | 'counts' | 'vocab' | 'docIds' | 'tokenTotals'>, perDocument = Infinity): Generator<PolicyTermRow> {
  const { ptr, pos, tfidf, category } = w.policyTable;
  for (let d = 0; d + 1 < ptr.length; d++) {
    const total = w.tokenTotals[d]!;
    const end = Math.min(ptr[d + 1]!, ptr[d]! + perDocument);
    for (let r = ptr[d]!; r < end; r++) {
      const t = w.counts.indices[pos[r]!]!;
      const c = w.counts.counts[pos[r]!]!;
      yield { doc_id: w.docIds[d]!, term: w.vocab[t]!, category: category[t]!, count: c, per_10k: per10k(c, total), tfidf: tfidf[r]! };
    }
  }
}

let buckets = new Uint32Array(64);

/** Reorders entries ks (positions in `counts`) by count descending, keeping their order within a count; `most` is their largest count. */
function byCount(ks: number[], counts: Float64Array, most: number): void {
  if (ks.length < 2) return;
  if (buckets.length < most + 2) buckets = new Uint32Array(most + 2);
  const start = buckets.fill(0, 0, most + 2);
  // start[most - c + 1] counts entries of count c; summed, start[most - c] is where count c begins.
  for (const k of ks) start[most - counts[k]! + 1]! += 1;
  for (let i = 1; i <= most + 1; i++) start[i]! += start[i - 1]!;
  const sorted = new Array<number>(ks.length);
  for (const k of ks) sorted[start[most - counts[k]!]!++] = k;
  for (let i = 0; i < ks.length; i++) ks[i] = sorted[i]!;
}

/** The category of every policy term: lexicon terms by their lexicon category, compounded discoveries as `discovered:KIND`. */
export function policyCategories(phraseSet: Pick<PhraseSet, 'lexicon' | 'phrases'>): Map<string, string> {
  const categoryOf = new Map<string, string>();
  for (const e of phraseSet.lexicon.entries) categoryOf.set(e.term, e.category);
  for (const p of phraseSet.phrases) if (p.compound && !categoryOf.has(p.phrase)) categoryOf.set(p.phrase, `discovered:${p.kind}`);
  return categoryOf;
}

/**
 * The policy-term table: every policy term (a key of `categoryOf`) in each
 * document, with its count and its tf-idf there (0 when it is not a
 * feature); rows of a document by count descending, then term (`termOrder`).
 *
 * @param weights tf-idf of each entry of `features` (Tfidf.weights)
 * @example policyTableOf(counts, features, tfidf.weights, vocab, policyCategories(phraseSet), termOrderOf(vocab))
 */
export function policyTableOf(counts: Dtm, features: Dtm, weights: ArrayLike<number>, vocab: readonly string[], categoryOf: ReadonlyMap<string, string>, termOrder: Uint32Array): PolicyTable {
  const policyPtr = new Uint32Array(features.nDocs + 1);
  const policyPos: number[] = [];
  const policyTfidf: number[] = [];
  const order = (a: number, b: number) => termOrder[a]! - termOrder[b]!;
  const isPolicy = Uint8Array.from(vocab, (t) => (categoryOf.has(t) ? 1 : 0));
  // Policy-term ids in term order, and each one's position + 1 in the current document's row (0: absent).
  const policyIds = Uint32Array.from(vocab.flatMap((_, t) => (isPolicy[t] ? [t] : [])).sort(order));
  const at = new Uint32Array(vocab.length);
  const tfidfOf = new Float64Array(vocab.length);
  const ks: number[] = [];
  for (let d = 0; d < features.nDocs; d++) {
    for (let k = features.indptr[d]!; k < features.indptr[d + 1]!; k++) tfidfOf[features.indices[k]!] = weights[k]!;
    ks.length = 0;
    const c0 = counts.indptr[d]!;
    const c1 = counts.indptr[d + 1]!;
    if (policyIds.length < 8 * (c1 - c0)) {
      // The document's policy terms in term order (a pass over the policy terms), then by count descending (a stable counting sort).
      let most = 0;
      for (let k = c0; k < c1; k++) {
        if (!isPolicy[counts.indices[k]!]) continue;
        at[counts.indices[k]!] = k + 1;
        if (counts.counts[k]! > most) most = counts.counts[k]!;
      }
      for (const t of policyIds) {
        if (at[t] === 0) continue;
        ks.push(at[t]! - 1);
        at[t] = 0;
      }
      byCount(ks, counts.counts, most);
    } else {
      for (let k = c0; k < c1; k++) if (isPolicy[counts.indices[k]!]) ks.push(k);
      ks.sort((x, y) => counts.counts[y]! - counts.counts[x]! || order(counts.indices[x]!, counts.indices[y]!));
    }
    for (const k of ks) {
      policyPos.push(k);
      policyTfidf.push(tfidfOf[counts.indices[k]!]!);
    }
    policyPtr[d + 1] = policyPos.length;
    for (let k = features.indptr[d]!; k < features.indptr[d + 1]!; k++) tfidfOf[features.indices[k]!] = 0;
  }
  return { ptr: policyPtr, pos: Uint32Array.from(policyPos), tfidf: Float64Array.from(policyTfidf), category: vocab.map((t) => categoryOf.get(t) ?? '') };
}
