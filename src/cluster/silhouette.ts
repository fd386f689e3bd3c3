import { cosineDistance } from './spherical.js';

/**
 * Mean silhouette (Rousseeuw 1987) with cosine distance, as scikit-learn's
 * silhouette_score(X, labels, metric='cosine'): for point i, a = mean
 * distance to the other points of its cluster, b = the lowest mean distance
 * to the points of another cluster, s = (b − a) / max(a, b); s = 0 for a
 * point alone in its cluster. Needs 2 <= k <= n − 1.
 * `indices` restricts the points scored (a sample, for large corpora); their
 * distances are to all points.
 */
export function silhouette(X: readonly number[][], labels: readonly number[], k: number, indices?: readonly number[]): number {
  const n = X.length;
  const size = new Array<number>(k).fill(0);
  for (const l of labels) size[l]!++;
  const which = indices ?? X.map((_, i) => i);
  let total = 0;
  for (const i of which) {
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]!]! += cosineDistance(X[i]!, X[j]!);
    const own = labels[i]!;
    if (size[own]! <= 1) continue; // s(i) = 0
    const a = sums[own]! / (size[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && size[c]! > 0) b = Math.min(b, sums[c]! / size[c]!);
    total += (b - a) / Math.max(a, b);
  }
  return total / which.length;
}

/** Cosine distances between all rows (n x n, row-major), for the exact silhouette of many k at the cost of one pass. */
export function cosineDistanceMatrix(X: readonly number[][]): Float64Array {
  const n = X.length;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = cosineDistance(X[i]!, X[j]!);
      D[i * n + j] = d;
      D[j * n + i] = d;
    }
  }
  return D;
}

/** Per-point silhouettes from a distance matrix (same definition as silhouette()). */
export function silhouettesFromDistances(D: Float64Array, n: number, labels: readonly number[], k: number): number[] {
  const size = new Array<number>(k).fill(0);
  for (const l of labels) size[l]!++;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]!]! += D[i * n + j]!;
    const own = labels[i]!;
    if (size[own]! <= 1) {
      out.push(0);
      continue;
    }
    const a = sums[own]! / (size[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && size[c]! > 0) b = Math.min(b, sums[c]! / size[c]!);
    out.push((b - a) / Math.max(a, b));
  }
  return out;
}
