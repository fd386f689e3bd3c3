import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { tokenizerConfig } from '../segment/config.js';
import { loadJieba } from '../segment/jieba.js';
import { startWorkers, tokenizeInWorkers, workerScript } from '../segment/pool.js';
import { IdTokenizer, Interner, type DocumentIds } from '../segment/tokenize.js';
import { TermTrie } from '../text/trie.js';
import { documentChars, type Corpus, type Message } from '../types.js';
import type { StageContext } from './context.js';
import type { PhraseSet } from './phrases.js';

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

/** The documents segment() counts, and how many worker threads it uses for them (1: the main thread). */
function plan(corpus: Corpus, params: SegmentParams): { docs: Corpus['documents']; workers: number } {
  const docs = corpus.documents.filter((d) => (params.kinds as string[]).includes(d.kind));
  const totalChars = docs.reduce((n, d) => n + documentChars(d), 0);
  let workers = params.workers === 'auto' ? availableParallelism() : params.workers;
  if (totalChars < params.parallel_min_chars || !workerScript()) workers = 1;
  return { docs, workers };
}

/** Workers started by warmSegment and not taken yet; `exited` once one of them ended on its own (then none is used). */
interface Warm {
  workers: Worker[];
  exited: boolean;
}
let warm: Warm | undefined;

/**
 * Starts the worker threads segment() will use for this corpus and these
 * params, if it uses any, so that they load jieba's dictionaries (about 2 s
 * each) while the main thread runs the stages before segment. They do not
 * keep the process alive on their own; releaseWarmSegment ends them if
 * segment() never takes them.
 */
export function warmSegment(corpus: Corpus, params: SegmentParams): void {
  const { workers } = plan(corpus, params);
  if (warm && !warm.exited && warm.workers.length === workers) return;
  void releaseWarmSegment();
  if (workers <= 1) return;
  const w: Warm = { workers: startWorkers(workers), exited: false };
  for (const worker of w.workers) {
    worker.unref();
    // Until segment() takes them, an error or an exit only means that they are not used.
    worker.on('error', () => (w.exited = true));
    worker.on('exit', () => (w.exited = true));
  }
  warm = w;
}

/** Ends the warm workers that segment() did not take (each frees jieba's dictionaries first: nodejieba never does). */
export async function releaseWarmSegment(): Promise<void> {
  const w = warm;
  if (!w) return;
  warm = undefined;
  if (w.exited) {
    await Promise.all(w.workers.map((worker) => worker.terminate()));
    return;
  }
  await Promise.all(
    w.workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          // Held by the promise: an unref'd worker would let the process exit before this resolves.
          worker.ref();
          worker.once('exit', () => resolve());
          worker.once('error', () => void worker.terminate());
          worker.postMessage({ done: true });
        }),
    ),
  );
}

/** The warm workers when there are `n` of them, all alive, for segment() to use (ref'd again); else undefined. */
function takeWarm(n: number): Worker[] | undefined {
  const w = warm;
  if (!w || w.exited || w.workers.length !== n) return undefined;
  warm = undefined;
  for (const worker of w.workers) {
    worker.removeAllListeners();
    worker.ref();
  }
  return w.workers;
}

/**
 * Segment: every paragraph of every counted document -> tokens, with the
 * lexicon terms and compounded phrases kept whole (see segment/tokenize.ts),
 * stopwords, numbers, punctuation and single characters removed by default.
 * Large corpora are split over worker threads; the result does not depend
 * on how many.
 */
export async function segment(corpus: Corpus, phraseSet: PhraseSet, params: SegmentParams, ctx?: StageContext): Promise<Tokens> {
  const { docs, workers } = plan(corpus, params);
  const { filter, tiers: compounds } = tokenizerConfig(phraseSet, params);
  const started = workers > 1 ? takeWarm(workers) : undefined;
  // Warm workers that do not fit this run free their dictionaries.
  void releaseWarmSegment();

  // Ids in order of first occurrence in document order, for any number of workers.
  const vocab = new Interner();
  let tokenized: DocumentIds[];
  if (workers > 1) {
    const init = { compounds, filter: { ...filter, stopwords: [...filter.stopwords] } };
    tokenized = await tokenizeInWorkers(docs.map((d) => d.paragraphs), init, workers, 200_000, vocab, (done) => ctx?.progress(done, docs.length, 'documents'), started);
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
