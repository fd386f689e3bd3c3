import { z } from 'zod';
import { attention, presetPath, readDictionary, type AttentionRow } from '../weigh/attention.js';
import { buildDtm, type Dtm } from '../weigh/dtm.js';
import { groupCounts, keyness, type KeynessRow } from '../weigh/keyness.js';
import { nearestNeighboursBounded, type NeighbourMethod, type NeighbourRow } from '../weigh/similarity.js';
import { buildPolicyTable, policyRows, type PolicyTable, type PolicyTermRow } from '../weigh/policy.js';
import { cutRows, type RowCut } from '../weigh/rows.js';
import { Ignored } from '../text/count.js';
import { keywordFillerWords, keywordSkip } from '../weigh/keywords.js';
import { selectFeatures, tfidf, type Tfidf } from '../weigh/tfidf.js';
import { sectionOf, type Corpus, type Message } from '../types.js';
import type { StageContext } from './context.js';
import type { PhraseSet } from './phrases.js';
import type { Tokens } from './segment.js';

/** Parameters of the weigh stage, with their defaults (scikit-learn's TfidfVectorizer defaults). */
export const weighParams = z
  .object({
    scheme: z.enum(['sklearn', 'natural']).default('sklearn').describe("sklearn: TfidfVectorizer's definition (the options below apply); natural: the natural package's TfIdf (count x (1 + ln(N/(1+df))), not normalised)"),
    sublinear_tf: z.boolean().default(false).describe('tf = 1 + ln(count) instead of the raw count'),
    smooth_idf: z.boolean().default(true).describe('idf = ln((1+N)/(1+df)) + 1; false: ln(N/df) + 1'),
    norm: z.enum(['l2', 'l1', 'none']).default('l2').describe("each document's tf-idf vector divided by its L2 (or L1) norm"),
    min_df: z.number().positive().default(1).describe('documents a term must occur in: a count (>= 1) or a proportion (< 1)'),
    max_df: z.number().positive().default(1).describe('documents a term may occur in: a proportion (<= 1) or a count (> 1)'),
    max_features: z.number().int().min(0).default(0).describe('keep the most frequent terms only (0: all)'),
    keywords: z.number().int().min(1).default(20).describe('keywords per document in keywords.csv'),
    keyword_filler: z.boolean().default(true).describe('leave report filler out of keywords.csv: data/lexicon/stopwords_domain.txt (加快, 推进 ...) and data/lexicon/keyword_filler.txt (发展, 建设 ...); they stay tokens, counted everywhere else'),
    keyword_stopwords: z.array(z.string()).default([]).describe('files of further words (one per line) to leave out of keywords.csv'),
    tfidf_rows: z.union([z.literal('auto'), z.literal('all'), z.number().int().min(1)]).default('auto').describe("tfidf.csv rows: auto (every row while the table has at most 1,000,000, else each document's top N by tf-idf, ties by term, N the largest that keeps the table within 1,000,000 rows but at least 100), all, or each document's top N; the in-memory matrix, keywords and the report always use every row, and the manifest says what was written"),
    policy_rows: z.union([z.literal('auto'), z.literal('all'), z.number().int().min(1)]).default('auto').describe("policy_terms.csv rows: auto (every row while the table has at most 1,000,000, else each document's first N rows, its terms with most hits, ties by term, N the largest that keeps the table within 1,000,000 rows but at least 100), all, or each document's first N; the report and tables.xlsx always use every row, and the manifest says what was written"),
    attention: z.array(z.string()).default(['lexicon', 'env_attention_chen2018']).describe('attention dictionaries: lexicon (its categories), presets in data/dictionaries/, or YAML/CSV files'),
    keyness: z.array(z.string()).default(['year', 'level', 'section']).describe('compare each value of these corpus.csv columns (or section) with the rest of the corpus'),
    keyness_top: z.number().int().min(1).default(50).describe('keyness.csv rows per comparison: the terms most over-used in the target (highest G2)'),
    similarity: z.number().int().min(1).default(5).describe('nearest documents per document in similarity.csv'),
    similarity_method: z.enum(['auto', 'exact']).default('auto').describe('auto: exact all-pairs cosine while it costs under 2e8 multiply-adds (a few hundred reports), else candidates from a random projection rescored exactly (about 90% of the true top 5 found); exact: always all pairs (quadratic in the corpus)'),
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

export interface KeynessTableRow extends Omit<KeynessRow, 'term'> {
  group_by: string;
  target: string;
  reference: string;
  term: string;
}

export type { PolicyTermRow, PolicyTable } from '../weigh/policy.js';

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
    /** The policy-term table, columnar (12 M rows at 10,000 reports would take gigabytes as objects): read it through policyTermRows(w). */
  policyTable: PolicyTable;
  attention: AttentionRow[];
  keyness: KeynessTableRow[];
  similarity: NeighbourRow[];
  messages: Message[];
  /** Position of each vocabulary id in the vocabulary sorted by term (code-unit order): ties by term compare these. */
  termOrder: Uint32Array;
  /** The rows tfidf.csv and policy_terms.csv hold (tfidf_rows, policy_rows), and what the rule keeps in words. */
  meta: { stage: 'weigh'; params: WeighParams; scheme: string; similarity: NeighbourMethod; rows: { tfidf: WrittenRows; policy_terms: WrittenRows } };
}

/** The rows written of a long table: each document's first perDocument (Infinity: every row), and in words. */
export interface WrittenRows extends RowCut {
  file: string;
  parameter: string;
  /** What a cut keeps, in words ('' when every row is written). */
  rule: string;
}

/**
 * The rows of the policy-term table one at a time, in document order; with
 * `perDocument`, only each document's first N rows (its N terms of most hits,
 * ties by term, as the rows are ordered).
 */
export function policyTermRows(w: Pick<Weights, 'policyTable' | 'docIds' | 'tokenTotals'>, perDocument = Infinity): Generator<PolicyTermRow> {
  return policyRows(w.policyTable, w.docIds, w.tokenTotals, perDocument);
}

/** Position of each id in the vocabulary sorted by term (code-unit order, as < compares strings). */
function termOrderOf(vocab: readonly string[]): Uint32Array {
  const ids = Array.from(vocab, (_, i) => i);
  ids.sort((a, b) => (vocab[a]! < vocab[b]! ? -1 : vocab[a]! > vocab[b]! ? 1 : a - b));
  const order = new Uint32Array(vocab.length);
  ids.forEach((id, i) => (order[id] = i));
  return order;
}

/** The rows a setting writes of a table, with the warning when it cuts them. */
function writtenRows(file: string, parameter: string, ptr: Uint32Array, setting: WeighParams['tfidf_rows'], rule: (n: number) => string, messages: Message[]): WrittenRows {
  const cut = cutRows(ptr, setting);
  const cutting = cut.rows < cut.of;
  if (cutting) {
    messages.push({
      origin: `weigh:${parameter}`,
      text: `${file} holds ${cut.rows} of ${cut.of} rows, ${rule(cut.perDocument)} (weigh.${parameter}: ${setting}); --set weigh.${parameter}=all writes all (the report uses all; tokens.jsonl can rebuild them)`,
    });
  }
  return { ...cut, perDocument: cutting ? cut.perDocument : Infinity, file, parameter, rule: cutting ? rule(cut.perDocument) : '' };
}

/**
 * Weigh: tokens -> a sparse document-term matrix, TF-IDF (scikit-learn's
 * definition by default, see weigh/tfidf.ts), each document's keywords (top
 * tf-idf, ties by term), the policy-term table (every lexicon term and
 * compounded phrase in each document with its count, rate per 10,000 counted
 * tokens and tf-idf), attention indices, keyness between groups (quanteda's
 * chi2 and G2, see weigh/keyness.ts) and each document's nearest documents
 * by cosine of tf-idf.
 */
/**
 * Keyness comparisons: for each grouping variable, each of its values against
 * all other documents (or, with exactly two values, against the other one).
 * `section` compares the review, plan and other sections of all reports.
 */
function keynessTables(corpus: Corpus, tokens: Tokens, counts: Dtm, params: WeighParams, messages: Message[]): KeynessTableRow[] {
  const rows: KeynessTableRow[] = [];
  const docs = new Map(corpus.documents.map((d) => [d.doc_id, d]));
  const nTerms = tokens.vocab.length;
  for (const variable of params.keyness) {
    // Token counts per value of the variable.
    const groups = new Map<string, Float64Array>();
    const groupOf = (v: string) => {
      let g = groups.get(v);
      if (!g) groups.set(v, (g = new Float64Array(nTerms)));
      return g;
    };
    if (variable === 'section') {
      tokens.documents.forEach((td) => {
        const doc = docs.get(td.doc_id)!;
        for (let p = 0; p < td.paragraphStarts.length; p++) {
          const kind = sectionOf(doc, p + 1)?.kind ?? 'other';
          const end = p + 1 < td.paragraphStarts.length ? td.paragraphStarts[p + 1]! : td.ids.length;
          const g = groupOf(kind);
          for (let k = td.paragraphStarts[p]!; k < end; k++) g[td.ids[k]!]! += 1;
        }
      });
    } else {
      if (!corpus.documents.some((d) => variable in d)) {
        messages.push({ origin: 'weigh:keyness', text: `keyness by '${variable}' skipped: not a column of corpus.csv` });
        continue;
      }
      const byValue = new Map<string, number[]>();
      tokens.documents.forEach((td, i) => {
        const v = String((docs.get(td.doc_id) as unknown as Record<string, unknown>)[variable] ?? '');
        if (v === '' || v === 'null') return;
        const list = byValue.get(v);
        if (list) list.push(i);
        else byValue.set(v, [i]);
      });
      for (const [v, ids] of byValue) groups.set(v, groupCounts(counts, ids));
    }
    const values = [...groups.keys()].sort();
    if (values.length < 2) {
      messages.push({ origin: 'weigh:keyness', text: `keyness by '${variable}' skipped: only ${values.length} value(s) in the corpus` });
      continue;
    }
    const total = new Float64Array(nTerms);
    for (const g of groups.values()) for (let t = 0; t < nTerms; t++) total[t]! += g[t]!;
    for (const v of values) {
      const target = groups.get(v)!;
      const reference = total.map((x, t) => x - target[t]!);
      const label = values.length === 2 ? values.find((w) => w !== v)! : 'rest';
      for (const r of keyness(target, reference).slice(0, params.keyness_top)) {
        rows.push({ group_by: variable, target: v, reference: label, term: tokens.vocab[r.term]!, target_count: r.target_count, reference_count: r.reference_count, g2: r.g2, chi2: r.chi2, p_value: r.p_value, log_ratio: r.log_ratio });
      }
    }
  }
  return rows;
}

export function weigh(corpus: Corpus, tokens: Tokens, phraseSet: PhraseSet, params: WeighParams, ctx?: StageContext): Weights {
  const vocab = tokens.vocab;
  const counts = buildDtm(tokens.documents.map((d) => d.ids), vocab.length);
  ctx?.progress(1, 3, 'steps');
  const { dtm: features } = selectFeatures(counts, { minDf: params.min_df, maxDf: params.max_df, maxFeatures: params.max_features }, (id) => vocab[id]!);
  const weights = tfidf(features, { smoothIdf: params.smooth_idf, sublinearTf: params.sublinear_tf, norm: params.norm, scheme: params.scheme });
  ctx?.progress(2, 3, 'steps');
  const docIds = tokens.documents.map((d) => d.doc_id);
  const tokenTotals = Float64Array.from(tokens.documents, (d) => d.ids.length);

  const keywords: KeywordRow[] = [];
  const categoryOf = new Map<string, string>();
  for (const e of phraseSet.lexicon.entries) categoryOf.set(e.term, e.category);
  for (const p of phraseSet.phrases) if (p.compound && !categoryOf.has(p.phrase)) categoryOf.set(p.phrase, `discovered:${p.kind}`);
  const termOrder = termOrderOf(vocab);
  const order = (a: number, b: number) => termOrder[a]! - termOrder[b]!;
  const skip = keywordSkip(vocab, keywordFillerWords(params.keyword_filler, params.keyword_stopwords));
  const ks: number[] = [];
  for (let d = 0; d < features.nDocs; d++) {
    // The top `keywords` entries by tf-idf (ties by term), by insertion into a short sorted list: no full sort.
    ks.length = 0;
    const before = (x: number, y: number) => weights.weights[x]! > weights.weights[y]! || (weights.weights[x] === weights.weights[y] && order(features.indices[x]!, features.indices[y]!) < 0);
    for (let k = features.indptr[d]!; k < features.indptr[d + 1]!; k++) {
      if (skip[features.indices[k]!]) continue;
      if (ks.length === params.keywords && !before(k, ks[ks.length - 1]!)) continue;
      let i = ks.length === params.keywords ? ks.length - 1 : ks.length;
      for (; i > 0 && before(k, ks[i - 1]!); i--) ks[i] = ks[i - 1]!;
      ks[i] = k;
    }
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      keywords.push({ doc_id: docIds[d]!, rank: i + 1, term: vocab[features.indices[k]!]!, tfidf: weights.weights[k]!, count: features.counts[k]! });
    }
  }
  // Policy terms are counted in the cleaned text (src/text/count.ts), not among the tokens: a term inside a longer term counts in both.
  const ignored = new Ignored(phraseSet.meta.params.match_ignore);
  // Each document's text asked for when it is counted (a released corpus reads it back from clean/ then).
  const docOf = new Map(corpus.documents.map((d) => [d.doc_id, d]));
  const texts = { length: docIds.length, text: (d: number): readonly string[] => docOf.get(docIds[d]!)?.paragraphs ?? [] };
  const vocabId = new Map(vocab.map((t, i) => [t, i]));
  // Each term's tf-idf as a token of the document being counted (documents come in order: one row filled at a time).
  const tfidfOf = new Float64Array(vocab.length);
  let filled = -1;
  const tokenTfidf = (d: number, term: string): number => {
    if (d !== filled) {
      if (filled >= 0) for (let k = features.indptr[filled]!; k < features.indptr[filled + 1]!; k++) tfidfOf[features.indices[k]!] = 0;
      for (let k = features.indptr[d]!; k < features.indptr[d + 1]!; k++) tfidfOf[features.indices[k]!] = weights.weights[k]!;
      filled = d;
    }
    const id = vocabId.get(term);
    return id === undefined ? 0 : tfidfOf[id]!;
  };
  const dictionaries = params.attention.map((name) => {
    if (name === 'lexicon') {
      const categories = new Map<string, string[]>();
      for (const e of phraseSet.lexicon.entries) categories.set(e.category, [...(categories.get(e.category) ?? []), e.term]);
      return { name: 'lexicon', match: 'substring' as const, categories: new Map([...categories].sort(([a], [b]) => (a < b ? -1 : 1))) };
    }
    return readDictionary(/[/\\.]/u.test(name) ? name : presetPath(name));
  });
  const substring = dictionaries.filter((d) => d.match === 'substring');
  const { dictionaryHits, ...policyTable } = buildPolicyTable(texts, categoryOf, tokenTfidf, ignored, substring);
  const hits = new Map(substring.map((d, i) => [d, dictionaryHits[i]!]));
  const attentionRows = attention(tokens.documents, vocab, dictionaries, counts, { text: texts.text, ignored, hits });
  const messages: Message[] = [];
  const rows = {
    tfidf: writtenRows('tfidf.csv', 'tfidf_rows', features.indptr, params.tfidf_rows, (n) => `each document's ${n === 1 ? 'term' : `${n} terms`} of highest tf-idf (ties by term)`, messages),
    policy_terms: writtenRows('policy_terms.csv', 'policy_rows', policyTable.ptr, params.policy_rows, (n) => `each document's ${n === 1 ? 'policy term' : `${n} policy terms`} with most hits (ties by term)`, messages),
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
