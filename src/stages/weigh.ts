import { attention, presetPath, readDictionary } from '../weigh/attention.js';
import { buildDtm } from '../weigh/dtm.js';
import { nearestNeighboursBounded } from '../weigh/similarity.js';
import { selectFeatures, tfidf } from '../weigh/tfidf.js';
import type { Corpus, Message } from '../artifacts/corpus.js';
import type { StageContext } from '../pipeline/context.js';
import type { PhraseSet } from '../artifacts/phrases.js';
import type { Tokens } from '../artifacts/tokens.js';
import type { WeighParams, Weights } from '../artifacts/weights.js';
import { writtenRows } from '../weigh/written.js';
import { policyCategories, policyTableOf } from '../weigh/policy.js';
import { keynessTables } from '../weigh/keyness-tables.js';
import { termOrderOf } from '../weigh/order.js';
import { keywordRows } from '../weigh/keywords.js';

/**
 * Weigh: tokens -> a sparse document-term matrix, TF-IDF (scikit-learn's
 * definition by default, see weigh/tfidf.ts), each document's keywords (top
 * tf-idf, ties by term), the policy-term table (every lexicon term and
 * compounded phrase in each document with its count, rate per 10,000 counted
 * tokens and tf-idf), attention indices, keyness between groups (quanteda's
 * chi2 and G2, see weigh/keyness.ts) and each document's nearest documents
 * by cosine of tf-idf.
 */
export function weigh(corpus: Corpus, tokens: Tokens, phraseSet: PhraseSet, params: WeighParams, ctx?: StageContext): Weights {
  const vocab = tokens.vocab;
  const counts = buildDtm(tokens.documents.map((d) => d.ids), vocab.length);
  ctx?.progress(1, 3, 'steps');
  const { dtm: features } = selectFeatures(counts, { minDf: params.min_df, maxDf: params.max_df, maxFeatures: params.max_features }, (id) => vocab[id]!);
  const weights = tfidf(features, { smoothIdf: params.smooth_idf, sublinearTf: params.sublinear_tf, norm: params.norm, scheme: params.scheme });
  ctx?.progress(2, 3, 'steps');
  const docIds = tokens.documents.map((d) => d.doc_id);
  const tokenTotals = Float64Array.from(tokens.documents, (d) => d.ids.length);

  const termOrder = termOrderOf(vocab);
  const keywords = keywordRows(features, weights.weights, vocab, docIds, params.keywords, termOrder);
  const categoryOf = policyCategories(phraseSet);
  const policyTable = policyTableOf(counts, features, weights.weights, vocab, categoryOf, termOrder);
  const policyPtr = policyTable.ptr;
  const dictionaries = params.attention.map((name) => {
    if (name === 'lexicon') {
      const categories = new Map<string, string[]>();
      for (const e of phraseSet.lexicon.entries) categories.set(e.category, [...(categories.get(e.category) ?? []), e.term]);
      return { name: 'lexicon', match: 'token' as const, categories: new Map([...categories].sort(([a], [b]) => (a < b ? -1 : 1))) };
    }
    return readDictionary(/[/\\.]/u.test(name) ? name : presetPath(name));
  });
  const attentionRows = attention(tokens.documents, vocab, dictionaries, counts);
  const messages: Message[] = [];
  const rows = {
    tfidf: writtenRows('tfidf.csv', 'tfidf_rows', features.indptr, params.tfidf_rows, (n) => `each document's ${n === 1 ? 'term' : `${n} terms`} of highest tf-idf (ties by term)`, messages),
    policy_terms: writtenRows('policy_terms.csv', 'policy_rows', policyPtr, params.policy_rows, (n) => `each document's ${n === 1 ? 'policy term' : `${n} policy terms`} with most hits (ties by term)`, messages),
  };
  const keynessRows = keynessTables(corpus, tokens, counts, params, messages);
  // Exact up to ~10^8 multiply-adds (a few hundred reports); beyond, candidates from a random projection, rescored exactly.
  const { rows: similarity, method: similarityMethod } = nearestNeighboursBounded(features, weights.weights, params.similarity, { budget: params.similarity_method === 'exact' ? Infinity : 2e8, dimensions: 128, candidates: 60 });
  ctx?.progress(3, 3, 'steps');
  const scheme =
    params.scheme === 'natural'
      ? 'natural TfIdf: tf=count; idf=1+ln(N/(1+df)); norm=none'
      : `sklearn: tf=${params.sublinear_tf ? '1+ln(count)' : 'count'}; idf=${params.smooth_idf ? 'ln((1+N)/(1+df))+1' : 'ln(N/df)+1'}; norm=${params.norm}`;
  return {
    vocab,
    docIds,
    tokenTotals,
    counts,
    features,
    tfidf: weights,
    keywords,
    policyTable,
    attention: attentionRows, keyness: keynessRows,
    similarity,
    messages,
    termOrder,
    meta: { stage: 'weigh', params, scheme, similarity: similarityMethod, rows },
  };
}
