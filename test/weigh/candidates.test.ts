import { describe, expect, it } from 'vitest';
import { candidateBlocks, candidatesWorkerScript, searchCandidates } from '../../src/weigh/candidates.js';
import { buildDtm } from '../../src/weigh/dtm.js';
import { nearestNeighboursBounded } from '../../src/weigh/similarity.js';
import { offer, type TopK } from '../../src/weigh/topk.js';
import { tfidf } from '../../src/weigh/tfidf.js';
import { seededUniform } from '../../src/random.js';

/** Rows of random numbers in [-1, 1), on shared memory. */
function embedding(n: number, D: number, seed: number): Float64Array {
  const u = seededUniform(seed);
  const emb = new Float64Array(new SharedArrayBuffer(n * D * 8));
  for (let i = 0; i < emb.length; i++) emb[i] = 2 * u() - 1;
  // A few exact ties: row 5 repeated.
  for (const r of [9, 40, 77]) emb.copyWithin(r * D, 5 * D, 6 * D);
  return emb;
}

/** Each row's top as (cosine, document) pairs, best first: the plain reference is every pair by a straight loop. */
function plainTop(emb: Float64Array, n: number, D: number, c: number): [number, number][][] {
  return Array.from({ length: n }, (_, d) => {
    const all: [number, number][] = [];
    for (let e = 0; e < n; e++) {
      if (e === d) continue;
      const [a, b] = d < e ? [d, e] : [e, d];
      let s = 0;
      for (let j = 0; j < D; j++) s += emb[a * D + j]! * emb[b * D + j]!;
      all.push([s, e]);
    }
    return all.sort((x, y) => y[0] - x[0] || x[1] - y[1]).slice(0, c);
  });
}

const sorted = (near: TopK[]) => near.map((h) => h.cos.map((x, i): [number, number] => [x, h.doc[i]!]).sort((x, y) => y[0] - x[0] || x[1] - y[1]));
const empty = (n: number): TopK[] => Array.from({ length: n }, () => ({ cos: [], doc: [] }));

// Row counts with even and odd tails after a block, and a last block of 0, 1 or 2 rows beyond a multiple of four.
describe.each([150, 151, 129, 37])('similarity candidate search over %i rows', (n) => {
  const D = 12;
  const c = 7;
  const emb = embedding(n, D, 3);
  const reference = plainTop(emb, n, D, c);

  it('in blocks on one thread, equals every pair by a plain loop', () => {
    const near = empty(n);
    candidateBlocks(emb, n, D, c, near, 0, Math.ceil(n / 32));
    expect(sorted(near)).toEqual(reference);
  });

  it('split between blocks in any two parts, merged, gives the same tops', () => {
    for (const split of [1, 2, 4]) {
      const a = empty(n);
      const b = empty(n);
      candidateBlocks(emb, n, D, c, a, 0, split);
      candidateBlocks(emb, n, D, c, b, split, Math.ceil(n / 32));
      const merged = empty(n);
      for (const part of [a, b]) part.forEach((h, d) => h.cos.forEach((x, i) => offer(merged[d]!, c, x, h.doc[i]!)));
      expect(sorted(merged)).toEqual(reference);
    }
  });

  it('with half on a worker thread (built in dist/), gives the same tops', () => {
    expect(candidatesWorkerScript()).toBeDefined();
    const near = empty(n);
    searchCandidates(emb, n, D, c, near, true);
    expect(sorted(near)).toEqual(reference);
  });

  it('without shared memory, runs on this thread and gives the same tops', () => {
    const near = empty(n);
    searchCandidates(Float64Array.from(emb), n, D, c, near, true);
    expect(sorted(near)).toEqual(reference);
  });
});

describe('nearestNeighboursBounded with the worker', () => {
  it('gives the rows of the single-thread search on a random corpus', () => {
    const u = seededUniform(11);
    const docs = Array.from({ length: 120 }, () => Uint32Array.from({ length: 5 + Math.floor(u() * 40) }, () => Math.floor(u() * u() * 300)));
    const dtm = buildDtm(docs, 300);
    const w = tfidf(dtm, { smoothIdf: true, sublinearTf: false, norm: 'l2' }).weights;
    const opts = { budget: 0, dimensions: 16, candidates: 9 };
    const one = nearestNeighboursBounded(dtm, w, 5, { ...opts, parallelWork: Infinity });
    const two = nearestNeighboursBounded(dtm, w, 5, { ...opts, parallelWork: 0 });
    expect(two).toEqual(one);
    expect(one.rows.length).toBeGreaterThan(400);
  });
});
