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

/**
 * Segmentation workers started ahead of segment() by one run: they load
 * jieba's dictionaries (about 2 s each) while the main thread runs the
 * stages before segment. One object per run (the run's scope holds it), so
 * two runs in one process never take each other's workers. The workers do
 * not keep the process alive on their own; `release` ends those segment()
 * did not take.
 *
 * @example
 * const warm = new WarmWorkers();
 * warm.start(corpus, params);      // as soon as the corpus exists
 * const workers = warm.take(2);    // in segment(): undefined when they do not fit
 * await warm.release();            // at the end of the run
 */
export class WarmWorkers {
  /** Workers started and not taken yet; `exited` once one of them ended on its own (then none is used). */
  private warm: { workers: Worker[]; exited: boolean } | undefined;

  /** Starts the worker threads segment() will use for this corpus and these params, if it uses any. */
  start(corpus: Corpus, params: SegmentParams): void {
    const { workers } = segmentPlan(corpus, params);
    if (this.warm && !this.warm.exited && this.warm.workers.length === workers) return;
    void this.release();
    if (workers <= 1) return;
    const w = { workers: startWorkers(workers), exited: false };
    for (const worker of w.workers) {
      worker.unref();
      // Until segment() takes them, an error or an exit only means that they are not used.
      worker.on('error', () => (w.exited = true));
      worker.on('exit', () => (w.exited = true));
    }
    this.warm = w;
  }

  /** The workers when there are `n` of them, all alive, for segment() to use (ref'd again); else undefined. */
  take(n: number): Worker[] | undefined {
    const w = this.warm;
    if (!w || w.exited || w.workers.length !== n) return undefined;
    this.warm = undefined;
    for (const worker of w.workers) {
      worker.removeAllListeners();
      worker.ref();
    }
    return w.workers;
  }

  /** Ends the workers not taken (each frees jieba's dictionaries first: nodejieba never does). */
  async release(): Promise<void> {
    const w = this.warm;
    if (!w) return;
    this.warm = undefined;
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
}
