import { z } from 'zod';
import { attention, presetPath, readDictionary, type AttentionRow } from '../weigh/attention.js';
import { buildDtm, type Dtm } from '../weigh/dtm.js';
import { selectFeatures, tfidf, type Tfidf } from '../weigh/tfidf.js';
import type { Message } from '../types.js';
import type { StageContext } from './context.js';
import type { PhraseSet } from './phrases.js';
import type { Tokens } from './segment.js';

/** Parameters of the weigh stage, with their defaults (scikit-learn's TfidfVectorizer defaults). */
export const weighParams = z
  .object({
    sublinear_tf: z.boolean().default(false).describe('tf = 1 + ln(count) instead of the raw count'),
    smooth_idf: z.boolean().default(true).describe('idf = ln((1+N)/(1+df)) + 1; false: ln(N/df) + 1'),
    norm: z.enum(['l2', 'l1', 'none']).default('l2').describe("each document's tf-idf vector divided by its L2 (or L1) norm"),
    min_df: z.number().positive().default(1).describe('documents a term must occur in: a count (>= 1) or a proportion (< 1)'),
    max_df: z.number().positive().default(1).describe('documents a term may occur in: a proportion (<= 1) or a count (> 1)'),
    max_features: z.number().int().min(0).default(0).describe('keep the most frequent terms only (0: all)'),
    keywords: z.number().int().min(1).default(20).describe('keywords per document in keywords.csv'),
    tfidf_rows: z.union([z.literal('all'), z.number().int().min(1)]).default('all').describe("tfidf.csv rows per document: 'all', or the top N by tf-idf (for very large corpora)"),
    attention: z.array(z.string()).default(['lexicon', 'env_attention_chen2018']).describe('attention dictionaries: lexicon (its categories), presets in data/dictionaries/, or YAML/CSV files'),
  })
  .strict();

export type WeighParams = z.infer<typeof weighParams>;

export interface KeywordRow {
  doc_id: string;
  rank: number;
  term: string;
  tfidf: number;
  count: number;
}

export interface PolicyTermRow {
  doc_id: string;
  term: string;
  category: string;
  count: number;
  per_10k: number;
  tfidf: number;
}

/** What the weigh stage makes: the document-term matrix and its weights, keywords and the policy-term table. */
export interface Weights {
  vocab: string[];
  docIds: string[];
  /** Counted tokens per document (the per_10k denominator). */
  tokenTotals: Float64Array;
  /** All terms (counts). */
  counts: Dtm;
  /** Feature terms only (after min_df, max_df, max_features), with their tf-idf. */
  features: Dtm;
  tfidf: Tfidf;
  keywords: KeywordRow[];
  policyTerms: PolicyTermRow[];
  attention: AttentionRow[];
  messages: Message[];
  meta: { stage: 'weigh'; params: WeighParams; scheme: string };
}

const byTerm = (vocab: readonly string[]) => (a: number, b: number) => (vocab[a]! < vocab[b]! ? -1 : vocab[a]! > vocab[b]! ? 1 : 0);

/** Entries of document d in a CSR matrix, as [term id, position] pairs. */
function* row(m: Dtm, d: number): Generator<[number, number]> {
  for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) yield [m.indices[k]!, k];
}

/**
 * Weigh: tokens -> a sparse document-term matrix, TF-IDF (scikit-learn's
 * definition by default, see weigh/tfidf.ts), each document's keywords (top
 * tf-idf, ties by term) and the policy-term table: every lexicon term and
 * compounded phrase in each document with its count, rate per 10,000 counted
 * tokens and tf-idf.
 */
export function weigh(tokens: Tokens, phraseSet: PhraseSet, params: WeighParams, ctx?: StageContext): Weights {
  const vocab = tokens.vocab;
  const counts = buildDtm(tokens.documents.map((d) => d.ids), vocab.length);
  ctx?.progress(1, 3, 'steps');
  const { dtm: features } = selectFeatures(counts, { minDf: params.min_df, maxDf: params.max_df, maxFeatures: params.max_features }, (id) => vocab[id]!);
  const weights = tfidf(features, { smoothIdf: params.smooth_idf, sublinearTf: params.sublinear_tf, norm: params.norm });
  ctx?.progress(2, 3, 'steps');
  const docIds = tokens.documents.map((d) => d.doc_id);
  const tokenTotals = Float64Array.from(tokens.documents, (d) => d.ids.length);

  const keywords: KeywordRow[] = [];
  const policyTerms: PolicyTermRow[] = [];
  const categoryOf = new Map<string, string>();
  for (const e of phraseSet.lexicon.entries) categoryOf.set(e.term, e.category);
  for (const p of phraseSet.phrases) if (p.compound && !categoryOf.has(p.phrase)) categoryOf.set(p.phrase, `discovered:${p.kind}`);
  const order = byTerm(vocab);

  for (let d = 0; d < features.nDocs; d++) {
    const entries = [...row(features, d)];
    entries.sort((x, y) => weights.weights[y[1]]! - weights.weights[x[1]]! || order(x[0], y[0]));
    entries.slice(0, params.keywords).forEach(([t, k], i) => keywords.push({ doc_id: docIds[d]!, rank: i + 1, term: vocab[t]!, tfidf: weights.weights[k]!, count: features.counts[k]! }));

    const tfidfOf = new Map<number, number>();
    for (const [t, k] of row(features, d)) tfidfOf.set(t, weights.weights[k]!);
    const terms = [...row(counts, d)].filter(([t]) => categoryOf.has(vocab[t]!));
    terms.sort((x, y) => counts.counts[y[1]]! - counts.counts[x[1]]! || order(x[0], y[0]));
    for (const [t, k] of terms) {
      const c = counts.counts[k]!;
      policyTerms.push({ doc_id: docIds[d]!, term: vocab[t]!, category: categoryOf.get(vocab[t]!)!, count: c, per_10k: tokenTotals[d]! > 0 ? (c / tokenTotals[d]!) * 10000 : 0, tfidf: tfidfOf.get(t) ?? 0 });
    }
  }
  const dictionaries = params.attention.map((name) => {
    if (name === 'lexicon') {
      const categories = new Map<string, string[]>();
      for (const e of phraseSet.lexicon.entries) categories.set(e.category, [...(categories.get(e.category) ?? []), e.term]);
      return { name: 'lexicon', match: 'token' as const, categories: new Map([...categories].sort(([a], [b]) => (a < b ? -1 : 1))) };
    }
    return readDictionary(/[/\\.]/u.test(name) ? name : presetPath(name));
  });
  const attentionRows = attention(tokens.documents, vocab, dictionaries);
  ctx?.progress(3, 3, 'steps');
  const scheme = `tf=${params.sublinear_tf ? '1+ln(count)' : 'count'}; idf=${params.smooth_idf ? 'ln((1+N)/(1+df))+1' : 'ln(N/df)+1'}; norm=${params.norm}`;
  return { vocab, docIds, tokenTotals, counts, features, tfidf: weights, keywords, policyTerms, attention: attentionRows, messages: [], meta: { stage: 'weigh', params, scheme } };
}
