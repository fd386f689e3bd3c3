import { attention, presetPath, readDictionary } from '../weigh/attention.js';
import { buildDtm } from '../weigh/dtm.js';
import { startNeighbours } from '../weigh/neighbours-thread.js';
import { selectFeatures, tfidf } from '../weigh/tfidf.js';
import type { Corpus, Message } from '../artifacts/corpus.js';
import { stageContext, type StageContext } from '../pipeline/context.js';
import type { PhraseSet } from '../artifacts/phrases.js';
import type { Tokens } from '../artifacts/tokens.js';
import type { WeighParams, Weights } from '../artifacts/weights.js';
import { writtenRows } from '../weigh/written.js';
import { buildPolicyTable, policyCategories } from '../weigh/policy.js';
import { Ignored } from '../text/count.js';
import { keynessTables } from '../weigh/keyness-tables.js';
import { termOrderOf } from '../weigh/order.js';
import { keywordFillerWords, keywordRows, keywordSkip } from '../weigh/keywords.js';

/**
 * Weigh: tokens -> a sparse document-term matrix, TF-IDF (scikit-learn's
 * definition by default, see weigh/tfidf.ts), each document's keywords (top
 * tf-idf, ties by term), the policy-term table (every lexicon term and
 * compounded phrase in each document with its count, rate per 10,000 counted
 * tokens and tf-idf), attention indices, keyness between groups (quanteda's
 * chi2 and G2, see weigh/keyness.ts) and each document's nearest documents
 * by cosine of tf-idf.
 */
export function weigh(corpus: Corpus, tokens: Tokens, phraseSet: PhraseSet, params: WeighParams, ctx: StageContext = stageContext()): Weights {
  const vocab = tokens.vocab;
  const counts = buildDtm(tokens.documents.map((d) => d.ids), vocab.length);
  ctx.progress(1, 3, 'steps');
  const { dtm: features } = selectFeatures(counts, { minDf: params.min_df, maxDf: params.max_df, maxFeatures: params.max_features }, (id) => vocab[id]!);
  const weights = tfidf(features, { smoothIdf: params.smooth_idf, sublinearTf: params.sublinear_tf, norm: params.norm, scheme: params.scheme });
  ctx.progress(2, 3, 'steps');
  const docIds = tokens.documents.map((d) => d.doc_id);
  const tokenTotals = Float64Array.from(tokens.documents, (d) => d.ids.length);

  const termOrder = termOrderOf(vocab);
  // Report filler (weigh.keyword_filler) stays a token but is never a keyword.
  const keywords = keywordRows(features, weights.weights, vocab, docIds, params.keywords, termOrder, keywordSkip(vocab, keywordFillerWords(params.keyword_filler, params.keyword_stopwords)));
  const categoryOf = policyCategories(phraseSet);
  const dictionaries = params.attention.map((name) => {
    if (name === 'lexicon') {
      const categories = new Map<string, string[]>();
      // Pushed, not spread: a spread per term was quadratic (minutes at 100,000 lexicon lines).
      for (const e of phraseSet.lexicon.entries) {
        const terms = categories.get(e.category);
        if (terms) terms.push(e.term);
        else categories.set(e.category, [e.term]);
      }
      // Counted in the text as policy_terms.csv counts its terms: a category's hits are the sum of its terms' counts.
      return { name: 'lexicon', match: 'substring' as const, categories: new Map([...categories].sort(([a], [b]) => (a < b ? -1 : 1))) };
    }
    return readDictionary(/[/\\.]/u.test(name) ? name : presetPath(name));
  });
  // Policy terms and substring dictionaries are counted in the cleaned text (src/text/count.ts), in one scan of each
  // document asked for one at a time (a released corpus is read back from clean/ then); a term inside a longer term counts in both.
  const ignored = new Ignored(phraseSet.meta.params.match_ignore);
  const docOf = new Map(corpus.documents.map((d) => [d.doc_id, d]));
  const texts = { length: docIds.length, text: (d: number): readonly string[] => {
    const doc = docOf.get(docIds[d]!);
    return doc ? ctx.text.paragraphs(doc) : [];
  } };
  // The vocabulary id of each policy term that is a token: a map of the policy terms alone (~10^4), not of the
  // whole vocabulary (~10^5 at 1,000 reports), is built faster and looked up faster (once per policy-table row).
  const vocabId = new Map<string, number>();
  vocab.forEach((t, i) => {
    if (categoryOf.has(t)) vocabId.set(t, i);
  });
  // Each term's tf-idf as a token of the document being counted (documents come in order: one row filled at a time).
  const tfidfOf = new Float64Array(vocab.length);
  let filled = -1;
  const tokenTfidf = (d: number, term: string): number => {
    if (d !== filled) {
      if (filled >= 0) for (let k = features.indptr[filled]!; k < features.indptr[filled + 1]!; k++) tfidfOf[features.indices[k]!] = 0;
      for (let k = features.indptr[d]!; k < features.indptr[d + 1]!; k++) tfidfOf[features.indices[k]!] = weights.weights[k]!;
      filled = d;
    }
    let id = vocabId.get(term);
    // Not a policy term (never asked today): its id from the whole vocabulary.
    if (id === undefined && !categoryOf.has(term)) {
      const i = vocab.indexOf(term);
      if (i >= 0) vocabId.set(term, (id = i));
    }
    return id === undefined ? 0 : tfidfOf[id]!;
  };
  // Each document's nearest documents on a worker thread while this one counts the policy terms (same rows as in place).
  // Exact up to ~10^8 multiply-adds (a few hundred reports); beyond, candidates from a random projection, rescored exactly.
  const neighbours = startNeighbours(features, weights.weights, params.similarity, { budget: params.similarity_method === 'exact' ? Infinity : 2e8, dimensions: 128, candidates: 60 });
  const substring = dictionaries.filter((d) => d.match === 'substring');
  const { dictionaryHits, ...policyTable } = buildPolicyTable(texts, categoryOf, tokenTfidf, ignored, substring);
  const policyPtr = policyTable.ptr;
  const hits = new Map(substring.map((d, i) => [d, dictionaryHits[i]!]));
  const attentionRows = attention(tokens.documents, vocab, dictionaries, counts, { text: texts.text, ignored, hits });
  const messages: Message[] = [];
  const rows = {
    tfidf: writtenRows('tfidf.csv', 'tfidf_rows', features.indptr, params.tfidf_rows, (n) => `each document's ${n === 1 ? 'term' : `${n} terms`} of highest tf-idf (ties by term)`, messages),
    policy_terms: writtenRows('policy_terms.csv', 'policy_rows', policyPtr, params.policy_rows, (n) => `each document's ${n === 1 ? 'policy term' : `${n} policy terms`} with most hits (ties by term)`, messages),
  };
  const keynessRows = keynessTables(corpus, tokens, counts, params, messages);
  const { rows: similarity, method: similarityMethod } = neighbours.result();
  ctx.progress(3, 3, 'steps');
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
