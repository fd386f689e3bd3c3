import type { Worker } from 'node:worker_threads';
import { documentChars, type Corpus } from '../artifacts/corpus.js';
import type { SegmentParams } from '../artifacts/tokens.js';
import { startWorkers, workerScript } from './pool.js';
import { workerCount } from './workers.js';

/** The documents segment() counts, and how many worker threads it uses for them (1: the main thread). */
export function segmentPlan(corpus: Corpus, params: SegmentParams): { docs: Corpus['documents']; workers: number } {
  const docs = corpus.documents.filter((d) => (params.kinds as string[]).includes(d.kind));
  const totalChars = docs.reduce((n, d) => n + documentChars(d), 0);
  let { workers } = workerCount(params.workers);
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
  const { workers } = segmentPlan(corpus, params);
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
export function takeWarm(n: number): Worker[] | undefined {
  const w = warm;
  if (!w || w.exited || w.workers.length !== n) return undefined;
  warm = undefined;
  for (const worker of w.workers) {
    worker.removeAllListeners();
    worker.ref();
  }
  return w.workers;
}
