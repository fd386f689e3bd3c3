import { describe, expect, it } from 'vitest';
import { denseOfRows } from '../../src/cluster/dense.js';
import { kmeansRuns, kpoolWorkerScript } from '../../src/cluster/kpool.js';
import { normalize, sphericalKmeansDense } from '../../src/cluster/spherical.js';
import { seededUniform } from '../../src/random.js';

/** Points around `k` directions in d dimensions, with overlap, unit length. */
function clustered(n: number, d: number, k: number, spread: number, seed: number): number[][] {
  const u = seededUniform(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => u() * 2 - 1));
  return Array.from({ length: n }, (_, i) => normalize(centres[i % k]!.map((x) => x + spread * (u() * 2 - 1))));
}

describe('kmeansRuns: the k search shared with a worker thread', () => {
  const X = denseOfRows(clustered(600, 24, 5, 1.2, 7));
  const ks = [2, 3, 4, 5, 6, 7, 8];
  const opts = { seed: 42, restarts: 4, maxIterations: 100 };
  // The reference: each k's sphericalKmeansDense, one after the other on this thread.
  const reference = ks.map((k) => sphericalKmeansDense(X, k, opts));

  it.skipIf(!kpoolWorkerScript())('gives every k the labels, inertia (same bits) and kept seed of sphericalKmeansDense when a worker takes part', () => {
    const runs = kmeansRuns(X, ks, opts, true);
    expect(runs.map((r) => r.seed)).toEqual(reference.map((r) => r.seed));
    runs.forEach((r, t) => {
      expect(r.labels).toEqual(reference[t]!.labels);
      expect(Object.is(r.inertia, reference[t]!.inertia)).toBe(true);
    });
    // Not every restart keeps seed 42: the choice among restarts is exercised.
    expect(new Set(runs.map((r) => r.seed)).size).toBeGreaterThan(1);
  });

  it('gives the same on this thread alone, and for a single k', () => {
    const alone = kmeansRuns(X, ks, opts, false);
    alone.forEach((r, t) => {
      expect(r.labels).toEqual(reference[t]!.labels);
      expect(r.inertia).toBe(reference[t]!.inertia);
      expect(r.seed).toBe(reference[t]!.seed);
    });
    const one = kmeansRuns(X, [4], opts, true);
    expect(one[0]!.labels).toEqual(reference[2]!.labels);
    expect(one[0]!.inertia).toBe(reference[2]!.inertia);
  });
});
