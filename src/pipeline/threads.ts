import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { compiledScript } from '../paths.js';
import { documentChars, paragraphCount, type Corpus } from '../artifacts/corpus.js';
import { THREAD_STAGES } from './thread-stages.js';

/** Below this many characters a stage runs in its place on the main thread: a thread's start-up would cost more than it saves. */
export const THREAD_MIN_CHARS = 1_000_000;
/**
 * Above this many (about 3,000 reports) it runs in its place too: its result
 * (indicators: 0.3 GB at 10,000 reports), and the copy that brings it back
 * from the thread, would then be held beside weigh's and cluster's largest
 * matrices, and the run's peak memory would rise past 3 GB.
 */
export const THREAD_MAX_CHARS = 100_000_000;

/** What a stage worker gets: the corpus without its text, where clean/ is, the stage and its parameters. */
export interface ThreadRequest {
  stage: string;
  params: unknown;
  dir: string;
  corpus: Omit<Corpus, 'documents'>;
  documents: { doc: Record<string, unknown>; paragraphs: number; chars: number }[];
}

export type ThreadResult = { made: unknown; ms: number } | { error: { name: string; message: string; stack: string }; ms: number };

/** A stage running on its own thread: its result (and its own wall time there), or the error it threw. */
export interface ThreadRun {
  result: Promise<{ made: unknown; ms: number }>;
  stop(): Promise<void>;
}

/** The compiled stage worker (npm ci builds dist/); undefined when it is not built (the stage then runs on the main thread). */
function stageWorkerScript(): string | undefined {
  return compiledScript('pipeline', 'stage-worker.js');
}

/** Whether `stage` can run on a thread for this corpus: a thread stage, a worker built, and a corpus large enough to be worth it and small enough to afford it. */
export function threadable(stage: string, corpus: Corpus): boolean {
  if (!(stage in THREAD_STAGES) || !stageWorkerScript()) return false;
  let chars = 0;
  for (const d of corpus.documents) chars += documentChars(d);
  return chars >= THREAD_MIN_CHARS && chars <= THREAD_MAX_CHARS;
}

/**
 * Starts `stage` on a worker thread over `corpus`, whose text the worker
 * reads from DIR/clean/ (written by the corpus writer). The main thread goes
 * on with the stages in between; the result is the same as running the
 * stage in its place, since the stage is a pure function of the corpus.
 */
export function startOnThread(stage: string, params: unknown, corpus: Corpus, dir: string): ThreadRun {
  const script = stageWorkerScript();
  if (!script) throw new Error('stage worker not built: run `npm run build`');
  const documents = corpus.documents.map((d) => {
    const doc: Record<string, unknown> = {};
    // Every variable but the text (and its counts, sent beside): the thread reads the text from clean/.
    for (const key of Object.keys(d)) if (key !== 'paragraphs' && key !== 'released') doc[key] = (d as unknown as Record<string, unknown>)[key];
    return { doc, paragraphs: paragraphCount(d), chars: documentChars(d) };
  });
  const request: ThreadRequest = { stage, params, dir, corpus: { messages: corpus.messages, meta: corpus.meta }, documents };
  const worker = new Worker(script, { workerData: request });
  const result = new Promise<{ made: unknown; ms: number }>((resolve, reject) => {
    worker.once('message', (msg: ThreadResult) => {
      if ('made' in msg) return resolve(msg);
      // Bad input stays bad input (exit code 2), with the stage's own message.
      const err = msg.error.name === 'InputError' ? new InputError(msg.error.message) : new Error(msg.error.message);
      err.stack = msg.error.stack;
      reject(err);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the ${stage} thread stopped with code ${code} before its result`)));
  });
  // A run that fails elsewhere may never await this result: no unhandled rejection then.
  result.catch(() => {});
  return { result, stop: async () => void (await worker.terminate()) };
}
