import { Worker } from 'node:worker_threads';
import { compiledScript } from '../paths.js';
import { dot4, dotAt } from '../linalg/dot.js';
import { offer, type TopK } from './topk.js';

/** The compiled candidate-search worker, if built (dist/src/weigh/candidates-worker.js). */
export function candidatesWorkerScript(): string | undefined {
  return compiledScript('weigh', 'candidates-worker.js');
}

/** What the worker is given: shared memory only. */
export interface CandidatesJob {
  emb: SharedArrayBuffer;
  n: number;
  D: number;
  c: number;
  b0: number;
  b1: number;
  /** Per row, up to c (cosine, document) of its top found by the worker, and how many. */
  cos: SharedArrayBuffer;
  doc: SharedArrayBuffer;
  len: SharedArrayBuffer;
  /** 0 while working, 1 done, 2 failed. */
  flag: SharedArrayBuffer;
}

/**
 * Every pair of rows of `emb` offered to both rows' top c in `near` (see
 * candidateBlocks). With `parallel` (and the worker built), a worker thread
 * takes the later blocks, about half of the pairs, and its tops are merged
 * into the main thread's: a top c of the union of two sets of offers is
 * the top c of their two tops, so `near` holds the same candidates however
 * the pairs are split (the order within a top does not matter to its users).
 * If the worker fails, the main thread does its blocks too.
 */
export function searchCandidates(emb: Float64Array, n: number, D: number, c: number, near: TopK[], parallel: boolean): void {
  const blocks = Math.ceil(n / BLOCK);
  const shared = emb.buffer instanceof SharedArrayBuffer ? emb.buffer : undefined;
  const script = parallel && shared ? candidatesWorkerScript() : undefined;
  if (!script || !shared || blocks < 2) {
    candidateBlocks(emb, n, D, c, near, 0, blocks);
    return;
  }
  // Block b pairs its rows with the n - BLOCK·b rows from it on: split where half of that work is done.
  let total = 0;
  for (let b = 0; b < blocks; b++) total += n - b * BLOCK;
  let split = 0;
  for (let done = 0; split < blocks - 1 && done + (n - split * BLOCK) <= total / 2; split++) done += n - split * BLOCK;
  split = Math.max(1, split);
  const job: CandidatesJob = {
    emb: shared,
    n,
    D,
    c,
    b0: split,
    b1: blocks,
    cos: new SharedArrayBuffer(n * c * 8),
    doc: new SharedArrayBuffer(n * c * 4),
    len: new SharedArrayBuffer(n * 4),
    flag: new SharedArrayBuffer(4),
  };
  const flag = new Int32Array(job.flag);
  let worker: Worker | undefined;
  try {
    worker = new Worker(script, { workerData: job });
    worker.unref();
  } catch {
    candidateBlocks(emb, n, D, c, near, 0, blocks);
    return;
  }
  candidateBlocks(emb, n, D, c, near, 0, split);
  // The worker cannot report through events while this thread waits: it sets the flag (10 minutes at most).
  const until = Date.now() + 600_000;
  while (Atomics.load(flag, 0) === 0 && Date.now() < until) Atomics.wait(flag, 0, 0, 1000);
  if (Atomics.load(flag, 0) !== 1) {
    void worker.terminate();
    candidateBlocks(emb, n, D, c, near, split, blocks);
    return;
  }
  const cos = new Float64Array(job.cos);
  const doc = new Int32Array(job.doc);
  const len = new Int32Array(job.len);
  for (let d = 0; d < n; d++) for (let i = 0; i < len[d]!; i++) offer(near[d]!, c, cos[d * c + i]!, doc[d * c + i]!);
}

/** The worker's side: its blocks, its tops written to the job's buffers, then the flag. */
export function runCandidatesJob(job: CandidatesJob): void {
  const flag = new Int32Array(job.flag);
  try {
    const near: TopK[] = Array.from({ length: job.n }, () => ({ cos: [], doc: [] }));
    candidateBlocks(new Float64Array(job.emb), job.n, job.D, job.c, near, job.b0, job.b1);
    const cos = new Float64Array(job.cos);
    const doc = new Int32Array(job.doc);
    const len = new Int32Array(job.len);
    near.forEach((h, d) => {
      len[d] = h.cos.length;
      for (let i = 0; i < h.cos.length; i++) {
        cos[d * job.c + i] = h.cos[i]!;
        doc[d * job.c + i] = h.doc[i]!;
      }
    });
    Atomics.store(flag, 0, 1);
  } catch {
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
}

/** Rows of the embedding processed together: their D values stay in cache while every later row is read once. */
const BLOCK = 32;

/**
 * Every pair d < e, d in blocks b0 .. b1-1 (rows BLOCK·b ..), of the n rows of `emb` (n x D, row-major) by inner
 * product, offered to both rows' top c in `near`. Each inner product is
 * summed over j = 0 .. D-1 in order, as a plain loop would; rows are taken
 * in blocks and four at a time only to reuse what is in cache and
 * registers. The order in which pairs are offered does not change a top c
 * (ties are broken by document index).
 */
export function candidateBlocks(emb: Float64Array, n: number, D: number, c: number, near: TopK[], b0: number, b1: number): void {
  const take = (h: TopK, s: number, e: number) => {
    // Below the worst kept of a full top: rejected (what offer would decide).
    if (h.cos.length === c && s < h.cos[0]!) return;
    offer(h, c, s, e);
  };
  const s = new Float64Array(4);
  for (let d0 = b0 * BLOCK; d0 < Math.min(n, b1 * BLOCK); d0 += BLOCK) {
    const d1 = Math.min(n, d0 + BLOCK);
    // Each later row against the block's rows before it (all of them once e >= d1), four at a time.
    for (let e = d0 + 1; e < n; e++) {
      const q = e * D;
      const end = Math.min(d1, e);
      const he = near[e]!;
      let d = d0;
      for (; d + 4 <= end; d += 4) {
        const o0 = d * D;
        // emb[q+j]·emb[o+j]: the same products as emb[o+j]·emb[q+j] (IEEE multiplication commutes).
        dot4(emb, q, emb, o0, o0 + D, o0 + 2 * D, o0 + 3 * D, 0, D, s);
        take(near[d]!, s[0]!, e);
        take(he, s[0]!, d);
        take(near[d + 1]!, s[1]!, e);
        take(he, s[1]!, d + 1);
        take(near[d + 2]!, s[2]!, e);
        take(he, s[2]!, d + 2);
        take(near[d + 3]!, s[3]!, e);
        take(he, s[3]!, d + 3);
      }
      for (; d < end; d++) {
        const sd = dotAt(emb, d * D, emb, q, D);
        take(near[d]!, sd, e);
        take(he, sd, d);
      }
    }
  }
}
