import path from 'node:path';
import { DOMAIN_STOPWORDS, readWordList } from '../lexicon/stopwords.js';
import { functionWords } from '../lexicon/function-words.js';
import { packageRoot } from '../paths.js';
import type { KeywordRow } from '../artifacts/weights.js';
import type { Dtm } from './dtm.js';

/**
 * Each document's keywords: its `n` feature terms of highest tf-idf (ties by
 * term, in `termOrder`), ranked from 1, found by insertion into a short
 * sorted list (no full sort of the row). Terms marked in `skip` (by
 * vocabulary id: {@link keywordSkip}) are never keywords.
 *
 * @param weights tf-idf of each entry of `features` (Tfidf.weights)
 * @param termOrder position of each vocabulary id in term order (termOrderOf)
 * @example keywordRows(features, tfidf.weights, vocab, docIds, 20, termOrderOf(vocab))
 */
export function keywordRows(features: Dtm, weights: ArrayLike<number>, vocab: readonly string[], docIds: readonly string[], n: number, termOrder: Uint32Array, skip?: Uint8Array): KeywordRow[] {
  const keywords: KeywordRow[] = [];
  const order = (a: number, b: number) => termOrder[a]! - termOrder[b]!;
  const ks: number[] = [];
  for (let d = 0; d < features.nDocs; d++) {
    // The top `keywords` entries by tf-idf (ties by term), by insertion into a short sorted list: no full sort.
    ks.length = 0;
    const before = (x: number, y: number) => weights[x]! > weights[y]! || (weights[x] === weights[y] && order(features.indices[x]!, features.indices[y]!) < 0);
    for (let k = features.indptr[d]!; k < features.indptr[d + 1]!; k++) {
      if (skip?.[features.indices[k]!]) continue;
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

/*
 * Which terms may be keywords. Keywords say what sets a report apart, so
 * report filler that every report repeats is left out by default: the
 * report-filler list (data/lexicon/stopwords_domain.txt: 加快, 推进, 进一步 ...)
 * and the generic content words of data/lexicon/keyword_filler.txt (发展,
 * 建设, 经济, 社会 ...), and function words (lexicon/function-words.ts: adverbs,
 * pronouns, time words, modal verbs … by jieba's part-of-speech tags). They stay tokens: tfidf.csv, the policy-term table,
 * clusters and keyness still count them; only keywords.csv skips them.
 */
export const KEYWORD_FILLER = 'data/lexicon/keyword_filler.txt';

/** The words kept out of keywords: with `filler`, the two built-in lists and the function words; then the user's files. */
export function keywordFillerWords(filler: boolean, files: readonly string[] = [], cwd = process.cwd()): Set<string> {
  const words = new Set<string>();
  if (filler) {
    for (const f of [DOMAIN_STOPWORDS, KEYWORD_FILLER]) for (const w of readWordList(path.join(packageRoot(), f))) words.add(w);
    for (const w of functionWords()) words.add(w);
  }
  for (const f of files) for (const w of readWordList(path.resolve(cwd, f))) words.add(w);
  return words;
}

/** 1 for each vocabulary id that may not be a keyword. */
export function keywordSkip(vocab: readonly string[], words: ReadonlySet<string>): Uint8Array {
  return Uint8Array.from(vocab, (t) => (words.has(t) ? 1 : 0));
}
