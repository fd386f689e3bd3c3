import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { tokenizerConfig } from '../segment/config.js';
import { loadJieba } from '../segment/jieba.js';
import { startWorkers, tokenizeInWorkers, workerScript } from '../segment/pool.js';
import { IdTokenizer, Interner, type DocumentIds } from '../segment/tokenize.js';
import { TermTrie } from '../text/trie.js';
import { documentChars, type Corpus, type Message } from '../artifacts/corpus.js';
import type { StageContext } from '../pipeline/context.js';
import type { PhraseSet } from '../artifacts/phrases.js';
import type { SegmentParams, TokenizedDocument, Tokens } from '../artifacts/tokens.js';

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
