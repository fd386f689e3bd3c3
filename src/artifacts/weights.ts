import { z } from 'zod';
import type { AttentionRow } from '../weigh/attention.js';
import type { Dtm } from '../weigh/dtm.js';
import type { KeynessRow } from '../weigh/keyness.js';
import type { RowCut } from '../weigh/rows.js';
import type { NeighbourMethod, NeighbourRow } from '../weigh/similarity.js';
import type { Tfidf } from '../weigh/tfidf.js';
import type { Message } from './corpus.js';

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
 * The policy-term table, columnar: the rows of document d are
 * ptr[d] .. ptr[d+1], each a position in the counts matrix (its term and
 * count) with the term's tf-idf in that document; rows within a document by
 * count descending, then term.
 */
export interface PolicyTable {
  ptr: Uint32Array;
  /** Each row's policy term: an index into `terms`. */
  term: Uint32Array;
  /** Each row's count: the term's string in the document's cleaned text (src/text/count.ts). */
  count: Uint32Array;
  /** Each row's tf-idf of the term as a token (0 when it is none in the document). */
  tfidf: Float64Array;
  /** The policy terms, sorted (code-unit order), and the category of each. */
  terms: string[];
  category: string[];
}
