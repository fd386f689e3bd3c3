import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { Corpus, Document } from '../artifacts/corpus.js';
import { FolderText } from './text.js';
import { THREAD_STAGES } from './thread-stages.js';
import type { ThreadRequest, ThreadResult } from './threads.js';

/** A stage on a thread of its own: the corpus without its text comes in (released documents); their paragraphs are read from clean/. */
const req = workerData as ThreadRequest;
const started = performance.now();
let msg: ThreadResult;
try {
  const documents = req.documents.map(({ doc, paragraphs, chars }): Document => ({ ...(doc as unknown as Document), paragraphs: [], released: { paragraphs, chars } }));
  const corpus: Corpus = { ...req.corpus, documents };
  const run = THREAD_STAGES[req.stage];
  if (!run) throw new Error(`stage ${req.stage} cannot run on a thread`);
  msg = { made: run(corpus, req.params as never, new FolderText(req.dir)), ms: performance.now() - started };
} catch (err) {
  const e = err as Error;
  msg = { error: { name: e.name, message: e.message, stack: e.stack ?? '' }, ms: performance.now() - started };
}
parentPort!.postMessage(msg);
