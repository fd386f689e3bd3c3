import { cosineDistance, dot } from './spherical.js';
import { rowNorms, type Dense } from './dense.js';
import { dot4, dotAt } from '../linalg/dot.js';

/** cosineDistance with the norms computed once per row: the same formula, so the same bits. */
function rowDistance(X: readonly number[][]): (i: number, j: number) => number {
  const norms = X.map((x) => Math.sqrt(dot(x, x)));
  return (i, j) => (norms[i]! > 0 && norms[j]! > 0 ? 1 - dot(X[i]!, X[j]!) / (norms[i]! * norms[j]!) : 1);
}

/**
 * Silhouettes (Rousseeuw 1987) with cosine distance, as scikit-learn's
 * silhouette_samples(X, labels, metric='cosine'): for point i, a = mean
 * distance to the other points of its cluster, b = the lowest mean distance
 * to the points of another cluster, s = (b − a) / max(a, b); s = 0 for a
 * point alone in its cluster. Needs 2 <= k <= n − 1.
 * `dist(i, j)` gives the distance of two points; `indices` restricts the
 * points scored (a sample, for large corpora), their distances still to all.
 */
function pointSilhouettes(n: number, labels: readonly number[], k: number, dist: (i: number, j: number) => number, indices?: readonly number[]): number[] {
  const size = new Array<number>(k).fill(0);
  for (const l of labels) size[l]!++;
  return (indices ?? Array.from({ length: n }, (_, i) => i)).map((i) => {
    const own = labels[i]!;
    if (size[own]! <= 1) return 0;
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]!]! += dist(i, j);
    const a = sums[own]! / (size[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && size[c]! > 0) b = Math.min(b, sums[c]! / size[c]!);
    return (b - a) / Math.max(a, b);
  });
}

/** Mean silhouette of the points (or of the sampled `indices`), distances computed on the fly. */
export function silhouette(X: readonly number[][], labels: readonly number[], k: number, indices?: readonly number[]): number {
  const s = pointSilhouettes(X.length, labels, k, (i, j) => cosineDistance(X[i]!, X[j]!), indices);
  return s.reduce((a, b) => a + b, 0) / s.length;
}

/** Cosine distances between all rows (n x n, row-major), for the exact silhouette of many k at the cost of one pass. */
export function cosineDistanceMatrix(X: readonly number[][]): Float64Array {
  return distanceMatrix(X.length, rowDistance(X));
}

/** The symmetric n x n matrix (row-major) of dist(i, j), each pair computed once. */
function distanceMatrix(n: number, dist: (i: number, j: number) => number): Float64Array {
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = dist(i, j);
      D[i * n + j] = d;
      D[j * n + i] = d;
    }
  }
  return D;
}

/** Per-point silhouettes from a distance matrix made by cosineDistanceMatrix. */
export function silhouettesFromDistances(D: Float64Array, n: number, labels: readonly number[], k: number): number[] {
  return pointSilhouettes(n, labels, k, (i, j) => D[i * n + j]!);
}

/**
 * Cosine distances from each sampled point to every point (sample.length x n,
 * row-major): computed once, they give the sampled silhouette of every k tried
 * (the same numbers as `silhouette(X, labels, k, sample)`) at the cost of one pass.
 */
export function sampledDistanceRows(X: readonly number[][], sample: readonly number[]): Float64Array {
  const n = X.length;
  const D = new Float64Array(sample.length * n);
  const dist = rowDistance(X);
  sample.forEach((i, r) => {
    for (let j = 0; j < n; j++) if (j !== i) D[r * n + j] = dist(i, j);
  });
  return D;
}

/** Mean silhouette of the sampled points, from rows made by sampledDistanceRows. */
export function silhouetteFromSampledRows(D: Float64Array, sample: readonly number[], n: number, labels: readonly number[], k: number): number {
  const row = new Map(sample.map((i, r) => [i, r]));
  const s = pointSilhouettes(n, labels, k, (i, j) => D[row.get(i)! * n + j]!, sample);
  return s.reduce((a, b) => a + b, 0) / s.length;
}

/** Cosine distances of the rows of a Dense from their norms, as rowDistance. */
function denseDistance(X: Dense): (i: number, j: number) => number {
  const norms = rowNorms(X);
  const { cols: d, data } = X;
  return (i, j) => (norms[i]! > 0 && norms[j]! > 0 ? 1 - dotAt(data, i * d, data, j * d, d) / (norms[i]! * norms[j]!) : 1);
}

/** cosineDistanceMatrix of the rows of a Dense (the same bits). */
export function cosineDistanceMatrixDense(X: Dense): Float64Array {
  return distanceMatrix(X.rows, denseDistance(X));
}

/**
 * The sampled mean silhouette of several labellings of the rows of X at once
 * (labellings[t] with ks[t] clusters), the same numbers as
 * silhouetteFromSampledRows(sampledDistanceRows(X, sample), …) for each: the
 * distances of one sampled point to all points are computed once, used for
 * every labelling and let go, so memory stays one row instead of
 * sample.length × n distances.
 */
export function sampledSilhouettes(X: Dense, sample: readonly number[], labellings: readonly (readonly number[])[], ks: readonly number[]): number[] {
  const n = X.rows;
  const norms = rowNorms(X);
  const row = new Float64Array(n);
  const sizes = labellings.map((labels, t) => {
    const size = new Array<number>(ks[t]!).fill(0);
    for (const l of labels) size[l]!++;
    return size;
  });
  const scores = labellings.map(() => [] as number[]);
  for (const i of sample) {
    distanceRow(X, norms, i, row);
    labellings.forEach((labels, t) => {
      const k = ks[t]!;
      const size = sizes[t]!;
      const own = labels[i]!;
      if (size[own]! <= 1) {
        scores[t]!.push(0);
        return;
      }
      const sums = new Array<number>(k).fill(0);
      for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]!]! += row[j]!;
      const a = sums[own]! / (size[own]! - 1);
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== own && size[c]! > 0) b = Math.min(b, sums[c]! / size[c]!);
      scores[t]!.push((b - a) / Math.max(a, b));
    });
  }
  return scores.map((s) => s.reduce((a, b) => a + b, 0) / s.length);
}

/**
 * The cosine distances of row i to every row of X into `out` (0 at i), as
 * denseDistance computes each: four rows at a time share the reads of row i,
 * each dot product still summed over the columns in order.
 */
function distanceRow(X: Dense, norms: Float64Array, i: number, out: Float64Array): void {
  const { rows: n, cols: d, data } = X;
  const o = i * d;
  const ni = norms[i]!;
  const put = (j: number, s: number) => (out[j] = ni > 0 && norms[j]! > 0 ? 1 - s / (ni * norms[j]!) : 1);
  const s = new Float64Array(4);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o0 = j * d;
    dot4(data, o, data, o0, o0 + d, o0 + 2 * d, o0 + 3 * d, 0, d, s);
    put(j, s[0]!);
    put(j + 1, s[1]!);
    put(j + 2, s[2]!);
    put(j + 3, s[3]!);
  }
  for (; j < n; j++) put(j, dotAt(data, o, data, j * d, d));
  out[i] = 0;
}
