import { type Dense } from './dense.js';
import { kmeansRuns } from './kpool.js';
import { mlKmeansRun } from './spherical.js';
import type { ClusterParams, KSelectionRow } from '../artifacts/clusters.js';

/**
 * Fits k on X (given, or each k of k_min..k_max, the highest silhouette kept:
 * `score` gives the silhouette of every labelling tried at once) and returns
 * the labelling and the k tried. k stays within 2..n − 1 whatever the
 * parameters say.
 */
export function fit(X: Dense, k: 'auto' | number, kMin: number, kMax: number, params: ClusterParams, score?: (labellings: number[][], ks: number[]) => number[]): { labels: number[]; centroids: Dense; k: number; tried: KSelectionRow[] } {
  const n = X.rows;
  const lo = Math.min(kMin, n - 1);
  const hi = Math.max(lo, Math.min(kMax, n - 1));
  const ks = k === 'auto' ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i) : [Math.min(k, n - 1)];
  // Each k on whichever of two threads is free (kpool.ts): the same runs as one after the other.
  const runs = kmeansRuns(X, ks, { seed: params.seed, restarts: params.restarts, maxIterations: params.max_iterations });
  const sil = score ? score(runs.map((r) => r.labels), ks) : ks.map(() => NaN);
  const tried = runs.map((r, t) => ({ k: ks[t]!, silhouette: sil[t]!, inertia: r.inertia, chosen: false, labels: r.labels }));
  let best = tried[0]!;
  for (const t of tried) if (t.silhouette > best.silhouette + 1e-12) best = t;
  best.chosen = true;
  // The labelling written is ml-kmeans's own run from the kept seed (the replay gives the same labels; a test checks it).
  const published = mlKmeansRun(X, best.k, runs[tried.indexOf(best)]!.seed, params.max_iterations);
  return { labels: published.labels, centroids: published.centroids, k: best.k, tried: tried.map(({ k: kk, silhouette: s, inertia, chosen }) => ({ k: kk, silhouette: s, inertia, chosen })) };
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function evenSample(n: number, max: number): number[] | undefined {
  if (n <= max) return undefined;
  const step = n / max;
  return Array.from({ length: max }, (_, i) => Math.floor(i * step));
}
