import { z } from 'zod';
import type { Message } from './corpus.js';
import { MB_PER_WORKER } from '../segment/workers.js';

/** Parameters of the segment stage, with their defaults. */
export const segmentParams = z
  .object({
    stopwords: z.boolean().default(true).describe('drop Chinese stopwords (stopwords-iso zh list)'),
    domain_stopwords: z.boolean().default(false).describe('also drop report filler (进一步, 加快, 推进 ...: data/lexicon/stopwords_domain.txt)'),
    stopword_files: z.array(z.string()).default([]).describe('user stopword files, one word per line'),
    remove_numbers: z.boolean().default(true).describe('drop numbers (2022, 7.5, 三)'),
    remove_dates: z.boolean().default(true).describe('drop dates and years written as numbers (一九五八年, 2017年, 十二月, 二十五日): they lead the keywords of the 1950s reports otherwise'),
    remove_applause: z.boolean().default(true).describe('drop applause marks of the transcript (鼓掌, 热烈鼓掌, 掌声)'),
    remove_punctuation: z.boolean().default(true).describe('drop punctuation and symbols'),
    min_chars: z.number().int().min(1).default(2).describe('drop tokens shorter than this (2: single characters go)'),
    pos: z.array(z.string()).default([]).describe('keep only these jieba part-of-speech tags (prefixes: n keeps ns, nr ...); empty keeps all'),
    hmm: z.boolean().default(true).describe("jieba's HMM for words not in its dictionary"),
    kinds: z.array(z.enum(['report', 'other'])).default(['report']).describe('document kinds segmented'),
    workers: z.union([z.literal('auto'), z.number().int().min(1)]).default('auto').describe(`worker processes (auto: one per core; capped at the cores available; about ${MB_PER_WORKER} MB of memory each)`),
    parallel_min_chars: z.number().int().min(0).default(1_000_000).describe('corpora smaller than this are segmented in the main process (a worker costs a 2 s dictionary load)'),
  })
  .strict();

export type SegmentParams = z.infer<typeof segmentParams>;

/** One document's counted tokens, as ids into the vocabulary. */
export interface TokenizedDocument {
  doc_id: string;
  ids: Uint32Array;
  /** Index in `ids` where each paragraph starts (paragraph k = ids[starts[k] .. starts[k+1])). */
  paragraphStarts: Uint32Array;
  /** Set once a run has let the ids go (see {@link releaseTokenIds}): `ids` and `paragraphStarts` are then empty. */
  released?: { tokens: number };
}

/** A document's number of tokens, whether or not the run has let its ids go. */
export function tokenCount(d: TokenizedDocument): number {
  return d.released?.tokens ?? d.ids.length;
}

const NONE = new Uint32Array(0);

/**
 * The tokens with each document's ids let go (4 bytes a token: 0.33 GB at
 * 10,000 reports), its count kept in `released`: what a run keeps once
 * tokens.jsonl holds the ids and no later stage reads them. Documents
 * already released stay as they are.
 *
 * @example
 * const light = releaseTokenIds(tokens);
 * tokenCount(light.documents[0]!) === tokens.documents[0]!.ids.length; // true
 */
export function releaseTokenIds(t: Tokens): Tokens {
  return { ...t, documents: t.documents.map((d) => (d.released ? d : { doc_id: d.doc_id, ids: NONE, paragraphStarts: NONE, released: { tokens: d.ids.length } })) };
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
