import { documentChars, type Corpus } from '../artifacts/corpus.js';
import type { SegmentParams } from '../artifacts/tokens.js';
import { holdProcess, post, startWorkers, stopWorker, workerScript, type SegmentWorker } from './pool.js';
import { workerCount } from './workers.js';

/** The documents segment() counts, and how many worker processes it uses for them (1: none, this thread). */
export function segmentPlan(corpus: Corpus, params: SegmentParams): { docs: Corpus['documents']; workers: number } {
  const docs = corpus.documents.filter((d) => (params.kinds as string[]).includes(d.kind));
  const totalChars = docs.reduce((n, d) => n + documentChars(d), 0);
  let { workers } = workerCount(params.workers);
  if (totalChars < params.parallel_min_chars || !workerScript()) workers = 1;
  return { docs, workers };
}

/**
 * Segmentation workers (processes) started ahead of segment() by one run: they load
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
  private warm: { workers: SegmentWorker[]; exited: boolean } | undefined;

  /** Starts the worker processes segment() will use for this corpus and these params, if it uses any. */
  start(corpus: Corpus, params: SegmentParams): void {
    const { workers } = segmentPlan(corpus, params);
    if (this.warm && !this.warm.exited && this.warm.workers.length === workers) return;
    void this.release();
    if (workers <= 1) return;
    const w = { workers: startWorkers(workers), exited: false };
    for (const worker of w.workers) {
      holdProcess(worker, false);
      // Until segment() takes them, an error or an exit only means that they are not used.
      worker.on('error', () => (w.exited = true));
      worker.on('exit', () => (w.exited = true));
    }
    this.warm = w;
  }

  /** The workers when there are `n` of them, all alive, for segment() to use (ref'd again); else undefined. */
  take(n: number): SegmentWorker[] | undefined {
    const w = this.warm;
    if (!w || w.exited || w.workers.length !== n) return undefined;
    this.warm = undefined;
    for (const worker of w.workers) {
      worker.removeAllListeners();
      holdProcess(worker, true);
    }
    return w.workers;
  }

  /** Ends the workers not taken (their memory, jieba's dictionaries included, goes back with their process). */
  async release(): Promise<void> {
    const w = this.warm;
    if (!w) return;
    this.warm = undefined;
    if (w.exited) {
      await Promise.all(w.workers.map((worker) => stopWorker(worker)));
      return;
    }
    await Promise.all(
      w.workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            // Held by the promise: an unref'd worker would let the process exit before this resolves.
            holdProcess(worker, true);
            worker.once('exit', () => resolve());
            worker.once('error', () => void stopWorker(worker));
            post(worker, { done: true });
          }),
      ),
    );
  }
}
