import { Worker } from 'node:worker_threads';
import { compiledScript } from '../paths.js';
import { dense, rowNorms, type Dense } from './dense.js';
import { keeps, sphericalRun, type SphericalDenseResult } from './spherical.js';

/**
 * The k search of the cluster stage on two cores. Each restart of each k
 * tried (k-means++ seeding from seed + r, then Lloyd's iterations) is a pure
 * function of (X, k, seed + r, iterations), independent of the others, so a
 * worker thread and the calling thread take them from one shared counter
 * (largest k first: they cost most) until none is left; then each k keeps
 * its restart of lowest inertia, in restart order, as sphericalKmeansDense
 * does. Whichever thread runs a restart, its labels and inertia are the same
 * bits, so the result does not depend on how the work was shared, nor on
 * whether a worker ran at all.
 */

/** Options of one k's runs (those of sphericalKmeansDense). */
export interface KRunOptions {
  seed: number;
  restarts: number;
  maxIterations: number;
}

/** What the worker is given: shared memory only. */
export interface KRunsJob {
  /** X's values (rows x cols, row-major). */
  data: SharedArrayBuffer;
  rows: number;
  cols: number;
  /** The k and the seed of each item (one restart), in the order items are taken. */
  ks: number[];
  seeds: number[];
  maxIterations: number;
  /** Int32 [1]: the next item to take. */
  next: SharedArrayBuffer;
  /** Int32 per item: 0 not done (or taken by the calling thread), 1 done by the worker, 2 the worker failed on it. */
  status: SharedArrayBuffer;
  /** Int32, rows per item: the labels of the worker's items. */
  labels: SharedArrayBuffer;
  /** Float64 per item: inertia. */
  inertia: SharedArrayBuffer;
}

/** The compiled worker, if built (dist/src/cluster/kpool-worker.js). */
export function kpoolWorkerScript(): string | undefined {
  return compiledScript('cluster', 'kpool-worker.js');
}

/** Work (rows x cols x Σk x restarts) from which a worker thread takes part of the runs: below it, its start-up costs more than it saves. */
export const PARALLEL_WORK = 1e7;

/** One k's result as the k search uses it. */
export type KRun = Pick<SphericalDenseResult, 'labels' | 'inertia' | 'seed'>;

/**
 * sphericalKmeansDense(X, k, opts) for every k of `ks` (labels, inertia and
 * the seed of the restart kept), in the order of `ks`. With `parallel`
 * (default: when the work is at least PARALLEL_WORK and there are two runs
 * or more) and the worker built, a worker thread runs some of the restarts;
 * if it fails on one, this thread runs it. Centroids are not returned: the
 * k search keeps labels and inertia, and the clustering published is
 * refitted from the kept seed (fit.ts).
 */
export function kmeansRuns(X: Dense, ks: readonly number[], opts: KRunOptions, parallel?: boolean): KRun[] {
  const n = X.rows;
  const items: { k: number; t: number; r: number }[] = [];
  ks.forEach((k, t) => {
    for (let r = 0; r < opts.restarts; r++) items.push({ k, t, r });
  });
  // Largest k first (then k's order, then restarts): the last items taken are cheap, so neither thread waits long.
  items.sort((a, b) => b.k - a.k || a.t - b.t || a.r - b.r);
  const work = X.rows * X.cols * ks.reduce((a, b) => a + b, 0) * opts.restarts;
  const script = (parallel ?? work >= PARALLEL_WORK) && items.length >= 2 ? kpoolWorkerScript() : undefined;
  const runs: { labels: Int32Array | number[]; inertia: number }[] = new Array(items.length);
  let local = X;
  let worker: Worker | undefined;
  let job: KRunsJob | undefined;
  if (script) {
    const data = new Float64Array(new SharedArrayBuffer(X.data.length * 8));
    data.set(X.data);
    local = dense(n, X.cols, data);
    job = {
      data: data.buffer as SharedArrayBuffer,
      rows: n,
      cols: X.cols,
      ks: items.map((it) => it.k),
      seeds: items.map((it) => opts.seed + it.r),
      maxIterations: opts.maxIterations,
      next: new SharedArrayBuffer(4),
      status: new SharedArrayBuffer(4 * items.length),
      labels: new SharedArrayBuffer(4 * n * items.length),
      inertia: new SharedArrayBuffer(8 * items.length),
    };
    try {
      worker = new Worker(script, { workerData: job });
      worker.unref();
    } catch {
      worker = undefined;
    }
  }
  const norms = rowNorms(local);
  const run = (i: number) => sphericalRun(local, norms, items[i]!.k, opts.seed + items[i]!.r, opts.maxIterations);
  if (!job || !worker) {
    for (let i = 0; i < items.length; i++) runs[i] = run(i);
  } else {
    const next = new Int32Array(job.next);
    const status = new Int32Array(job.status);
    for (let i = Atomics.add(next, 0, 1); i < items.length; i = Atomics.add(next, 0, 1)) runs[i] = run(i);
    // The worker's items: wait for each (10 minutes at most in all), or run it here if the worker failed on it.
    const labels = new Int32Array(job.labels);
    const inertia = new Float64Array(job.inertia);
    const until = Date.now() + 600_000;
    for (let i = 0; i < items.length; i++) {
      if (runs[i]) continue;
      while (Atomics.load(status, i) === 0 && Date.now() < until) Atomics.wait(status, i, 0, 1000);
      runs[i] = Atomics.load(status, i) === 1 ? { labels: labels.slice(i * n, (i + 1) * n), inertia: inertia[i]! } : run(i);
    }
    // Every item is taken: the worker finds none left and returns.
    void worker.terminate();
  }
  // Per k, the restart of lowest inertia, in restart order.
  const best: (KRun | undefined)[] = ks.map(() => undefined);
  const byItem = items.map((it, i) => ({ ...it, i })).sort((a, b) => a.t - b.t || a.r - b.r);
  for (const { t, r, i } of byItem) {
    if (keeps(best[t], runs[i]!.inertia)) best[t] = { labels: Array.from(runs[i]!.labels), inertia: runs[i]!.inertia, seed: opts.seed + r };
  }
  return best as KRun[];
}

/** The worker's side: items from the shared counter until none is left, each written to the job's buffers, then its status. */
export function runKRunsJob(job: KRunsJob): void {
  const next = new Int32Array(job.next);
  const status = new Int32Array(job.status);
  const labels = new Int32Array(job.labels);
  const inertia = new Float64Array(job.inertia);
  const X = dense(job.rows, job.cols, new Float64Array(job.data));
  const norms = rowNorms(X);
  for (let i = Atomics.add(next, 0, 1); i < job.ks.length; i = Atomics.add(next, 0, 1)) {
    try {
      const r = sphericalRun(X, norms, job.ks[i]!, job.seeds[i]!, job.maxIterations);
      labels.set(r.labels, i * job.rows);
      inertia[i] = r.inertia;
      Atomics.store(status, i, 1);
    } catch {
      Atomics.store(status, i, 2);
    }
    Atomics.notify(status, i);
  }
}
