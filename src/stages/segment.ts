import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { tokenizerConfig } from '../segment/config.js';
import { loadJieba } from '../segment/jieba.js';
import { tokenizeInWorkers, workerScript } from '../segment/pool.js';
import { IdTokenizer, Interner, type DocumentIds } from '../segment/tokenize.js';
import { TermTrie } from '../text/trie.js';
import type { Corpus, Message } from '../types.js';
import type { StageContext } from './context.js';
import type { PhraseSet } from './phrases.js';

/** Parameters of the segment stage, with their defaults. */
export const segmentParams = z
  .object({
    stopwords: z.boolean().default(true).describe('drop Chinese stopwords (stopwords-iso zh list)'),
    domain_stopwords: z.boolean().default(false).describe('also drop report filler (进一步, 加快, 推进 ...: data/lexicon/stopwords_domain.txt)'),
    stopword_files: z.array(z.string()).default([]).describe('user stopword files, one word per line'),
    remove_numbers: z.boolean().default(true).describe('drop numbers (2022, 7.5, 三)'),
    remove_punctuation: z.boolean().default(true).describe('drop punctuation and symbols'),
    min_chars: z.number().int().min(1).default(2).describe('drop tokens shorter than this (2: single characters go)'),
    pos: z.array(z.string()).default([]).describe('keep only these jieba part-of-speech tags (prefixes: n keeps ns, nr ...); empty keeps all'),
    hmm: z.boolean().default(true).describe("jieba's HMM for words not in its dictionary"),
    kinds: z.array(z.enum(['report', 'other'])).default(['report']).describe('document kinds segmented'),
    workers: z.union([z.literal('auto'), z.number().int().min(1)]).default('auto').describe('worker threads (auto: one per core)'),
    parallel_min_chars: z.number().int().min(0).default(1_000_000).describe('corpora smaller than this are segmented on the main thread (a worker costs a 2 s dictionary load)'),
  })
  .strict();

export type SegmentParams = z.infer<typeof segmentParams>;

/** One document's counted tokens, as ids into the vocabulary. */
export interface TokenizedDocument {
  doc_id: string;
  ids: Uint32Array;
  /** Index in `ids` where each paragraph starts (paragraph k = ids[starts[k] .. starts[k+1])). */
  paragraphStarts: Uint32Array;
}

/** What the segment stage makes: a vocabulary and each document's token ids (compact at 10,000 reports). */
export interface Tokens {
  vocab: string[];
  documents: TokenizedDocument[];
  messages: Message[];
  meta: { stage: 'segment'; params: SegmentParams; compounds: number; workers: number };
}

/** The tokens of a document as strings. */
export function tokensOf(tokens: Tokens, doc: TokenizedDocument): string[] {
  return Array.from(doc.ids, (id) => tokens.vocab[id]!);
}

/**
 * Segment: every paragraph of every counted document -> tokens, with the
 * lexicon terms and compounded phrases kept whole (see segment/tokenize.ts),
 * stopwords, numbers, punctuation and single characters removed by default.
 * Large corpora are split over worker threads; the result does not depend
 * on how many.
 */
export async function segment(corpus: Corpus, phraseSet: PhraseSet, params: SegmentParams, ctx?: StageContext): Promise<Tokens> {
  const docs = corpus.documents.filter((d) => (params.kinds as string[]).includes(d.kind));
  const { filter, tiers: compounds } = tokenizerConfig(phraseSet, params);
  const totalChars = docs.reduce((n, d) => n + d.paragraphs.reduce((m, p) => m + p.length, 0), 0);
  const cores = availableParallelism();
  let workers = params.workers === 'auto' ? cores : params.workers;
  if (totalChars < params.parallel_min_chars || !workerScript()) workers = 1;

  // Ids in order of first occurrence in document order, for any number of workers.
  const vocab = new Interner();
  let tokenized: DocumentIds[];
  if (workers > 1) {
    const init = { compounds, filter: { ...filter, stopwords: [...filter.stopwords] } };
    tokenized = await tokenizeInWorkers(docs.map((d) => d.paragraphs), init, workers, 200_000, vocab, (done) => ctx?.progress(done, docs.length, 'documents'));
  } else {
    const jieba = loadJieba();
    const tokenizer = new IdTokenizer(jieba, compounds.map((terms) => new TermTrie(terms)), filter, vocab);
    tokenized = docs.map((d, i) => {
      ctx?.progress(i, docs.length, 'documents');
      return tokenizer.document(d.paragraphs);
    });
  }
  ctx?.progress(docs.length, docs.length, 'documents');
  const documents: TokenizedDocument[] = docs.map((d, i) => ({ doc_id: d.doc_id, ids: tokenized[i]!.ids, paragraphStarts: tokenized[i]!.paragraphStarts }));
  const messages: Message[] = [];
  for (const d of documents) if (d.ids.length === 0) messages.push({ origin: 'segment:empty', text: `${d.doc_id}: no tokens left after filtering` });
  return { vocab: vocab.strings, documents, messages, meta: { stage: 'segment', params, compounds: compounds[0]!.length + compounds[1]!.length, workers } };
}
