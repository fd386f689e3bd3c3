import { z } from 'zod';
import type { Message } from './corpus.js';

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
