import { describe, expect, it } from 'vitest';
import { buildDtm } from '../../src/weigh/dtm.js';
import { neighboursWorkerScript, startNeighbours } from '../../src/weigh/neighbours-thread.js';
import { nearestNeighboursBounded } from '../../src/weigh/similarity.js';
import { tfidf } from '../../src/weigh/tfidf.js';
import { seededUniform } from '../../src/random.js';

/** n documents of Zipf-like token ids over a vocabulary of v terms (shared terms, ties, a few empty documents). */
function corpus(n: number, v: number, seed: number): Uint32Array[] {
  const u = seededUniform(seed);
  return Array.from({ length: n }, (_, d) => (d % 97 === 5 ? new Uint32Array(0) : Uint32Array.from({ length: 50 + Math.floor(u() * 300) }, () => Math.floor(v * u() ** 3))));
}

describe('startNeighbours: the similarity search on a worker thread', () => {
  const dtm = buildDtm(corpus(400, 3000, 4), 3000);
  const { weights } = tfidf(dtm, { smoothIdf: true, sublinearTf: false, norm: 'l2' });

  it('puts the matrix and its weights on shared memory (read in place by the thread)', () => {
    for (const a of [dtm.indptr, dtm.indices, dtm.counts, weights]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it.skipIf(!neighboursWorkerScript())('gives the rows and method of nearestNeighboursBounded, exact and by projection', () => {
    for (const opts of [
      { budget: Infinity, dimensions: 128, candidates: 60 },
      { budget: 0, dimensions: 32, candidates: 12 },
    ]) {
      const expected = nearestNeighboursBounded(dtm, weights, 5, opts);
      const got = startNeighbours(dtm, weights, 5, opts, 1).result();
      expect(got.method).toEqual(expected.method);
      expect(got.rows.length).toBe(expected.rows.length);
      got.rows.forEach((r, i) => {
        const e = expected.rows[i]!;
        expect([r.doc, r.neighbour, r.rank]).toEqual([e.doc, e.neighbour, e.rank]);
        expect(Object.is(r.cosine, e.cosine)).toBe(true);
      });
      expect(got.rows.length).toBeGreaterThan(1500);
    }
  });

  it('still throws a bad k as the search does', () => {
    expect(() => startNeighbours(dtm, weights, -1, { budget: Infinity, dimensions: 128, candidates: 60 }, 1).result()).toThrow(RangeError);
  });
});
