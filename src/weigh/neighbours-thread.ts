import { Worker } from 'node:worker_threads';
import { compiledScript } from '../paths.js';
import type { Pattern } from './dtm.js';
import { nearestNeighboursBounded, type NeighbourMethod, type NeighbourOptions, type NeighbourRow } from './similarity.js';

/**
 * nearestNeighboursBounded on a worker thread, while the calling thread
 * does other work of the weigh stage (the policy-term counts): the matrix
 * and weights are read in place from shared memory, the rows come back in
 * shared buffers. The same function on the same values: the same rows,
 * bit for bit, as in place (which is what happens when the worker is not
 * built, the matrix is small, its arrays are not shared, or it fails).
 */

/** What the worker is given: shared memory only. */
export interface NeighboursJob {
  nDocs: number;
  nTerms: number;
  indptr: SharedArrayBuffer;
  indices: SharedArrayBuffer;
  weights: SharedArrayBuffer;
  k: number;
  opts: NeighbourOptions;
  /** Up to nDocs·k rows: document, neighbour, rank (Int32) and cosine (Float64). */
  doc: SharedArrayBuffer;
  neighbour: SharedArrayBuffer;
  rank: SharedArrayBuffer;
  cosine: SharedArrayBuffer;
  /** Int32: [state (0 working, 1 done, 2 failed), rows, method (0 exact, 1 projection), dimensions, candidates]. */
  flag: SharedArrayBuffer;
}

/** The compiled worker, if built (dist/src/weigh/neighbours-worker.js). */
export function neighboursWorkerScript(): string | undefined {
  return compiledScript('weigh', 'neighbours-worker.js');
}

/** Stored entries from which the search goes to a thread: below, it takes less than a thread's start-up. */
export const THREAD_MIN_ENTRIES = 500_000;
/**
 * Above this many (about 4,000 reports) it stays in place, after the policy
 * terms: its projection's arrays (hundreds of MB at 10,000 reports) would
 * then be held beside the counting's, and the run's peak memory would rise.
 */
export const THREAD_MAX_ENTRIES = 15_000_000;

const shared = (a: ArrayBufferView): SharedArrayBuffer | undefined => (a.buffer instanceof SharedArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a.buffer : undefined);

/**
 * Starts the search; `result()` gives it (waiting for the worker, 10
 * minutes at most, or computing it in place). Call result() once.
 */
export function startNeighbours(dtm: Pattern, weights: Float64Array, k: number, opts: NeighbourOptions, minEntries = THREAD_MIN_ENTRIES): { result(): { rows: NeighbourRow[]; method: NeighbourMethod } } {
  const inPlace = { result: () => nearestNeighboursBounded(dtm, weights, k, opts) };
  const indptr = shared(dtm.indptr);
  const indices = shared(dtm.indices);
  const w = shared(weights);
  const script = dtm.indices.length >= minEntries && dtm.indices.length <= THREAD_MAX_ENTRIES && k > 0 && indptr && indices && w ? neighboursWorkerScript() : undefined;
  if (!script || !indptr || !indices || !w || weights.length !== dtm.indices.length) return inPlace;
  const max = dtm.nDocs * k;
  const job: NeighboursJob = {
    nDocs: dtm.nDocs,
    nTerms: dtm.nTerms,
    indptr,
    indices,
    weights: w,
    k,
    opts,
    doc: new SharedArrayBuffer(4 * max),
    neighbour: new SharedArrayBuffer(4 * max),
    rank: new SharedArrayBuffer(4 * max),
    cosine: new SharedArrayBuffer(8 * max),
    flag: new SharedArrayBuffer(4 * 5),
  };
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: job });
    worker.unref();
  } catch {
    return inPlace;
  }
  return {
    result() {
      const flag = new Int32Array(job.flag);
      const until = Date.now() + 600_000;
      while (Atomics.load(flag, 0) === 0 && Date.now() < until) Atomics.wait(flag, 0, 0, 1000);
      if (Atomics.load(flag, 0) !== 1) {
        void worker.terminate();
        return inPlace.result();
      }
      const n = flag[1]!;
      const doc = new Int32Array(job.doc);
      const neighbour = new Int32Array(job.neighbour);
      const rank = new Int32Array(job.rank);
      const cosine = new Float64Array(job.cosine);
      const rows: NeighbourRow[] = new Array<NeighbourRow>(n);
      for (let i = 0; i < n; i++) rows[i] = { doc: doc[i]!, neighbour: neighbour[i]!, cosine: cosine[i]!, rank: rank[i]! };
      const method: NeighbourMethod = flag[2] === 1 ? { method: 'projection', dimensions: flag[3]!, candidates: flag[4]! } : { method: 'exact' };
      return { rows, method };
    },
  };
}

/** The worker's side: the search, its rows written to the job's buffers, then the flag. */
export function runNeighboursJob(job: NeighboursJob): void {
  const flag = new Int32Array(job.flag);
  try {
    const indices = new Uint32Array(job.indices);
    const weights = new Float64Array(job.weights);
    // The search reads the sparsity pattern and the weights, never the counts.
    const dtm: Pattern = { nDocs: job.nDocs, nTerms: job.nTerms, indptr: new Uint32Array(job.indptr), indices };
    const { rows, method } = nearestNeighboursBounded(dtm, weights, job.k, job.opts);
    const doc = new Int32Array(job.doc);
    const neighbour = new Int32Array(job.neighbour);
    const rank = new Int32Array(job.rank);
    const cosine = new Float64Array(job.cosine);
    if (rows.length > doc.length) throw new Error(`similarity: ${rows.length} rows, room for ${doc.length}`);
    rows.forEach((r, i) => {
      doc[i] = r.doc;
      neighbour[i] = r.neighbour;
      rank[i] = r.rank;
      cosine[i] = r.cosine;
    });
    flag[1] = rows.length;
    flag[2] = method.method === 'projection' ? 1 : 0;
    flag[3] = method.dimensions ?? 0;
    flag[4] = method.candidates ?? 0;
    Atomics.store(flag, 0, 1);
  } catch {
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
}
