import { dot } from './spherical.js';
import type { Dense } from './dense.js';
import { dotAt } from '../linalg/dot.js';

/**
 * The first two principal components of the rows of X (centred), by power
 * iteration on the covariance, applied implicitly as Xcᵀ(Xc·v) so that no
 * d×d matrix is built. The start vector is fixed and each component's sign
 * is set so that its largest coordinate is positive: the map is the same on
 * every run. Returns each row's (x, y).
 */
export function pca2(X: readonly number[][], iterations = 200): [number, number][] {
  const n = X.length;
  const d = X[0]?.length ?? 0;
  if (n === 0 || d === 0) return X.map(() => [0, 0]);
  const mean = new Array<number>(d).fill(0);
  for (const x of X) for (let j = 0; j < d; j++) mean[j]! += x[j]! / n;
  const Xc = X.map((x) => x.map((v, j) => v - mean[j]!));
  const components: number[][] = [];
  for (let c = 0; c < 2; c++) {
    let v = Array.from({ length: d }, (_, j) => 1 / Math.sqrt(d) + (j % 7) * 1e-3 * (c + 1));
    for (let it = 0; it < iterations; it++) {
      const scores = Xc.map((x) => dot(x, v));
      const w = new Array<number>(d).fill(0);
      Xc.forEach((x, i) => {
        for (let j = 0; j < d; j++) w[j]! += x[j]! * scores[i]!;
      });
      for (const prev of components) {
        const p = dot(w, prev);
        for (let j = 0; j < d; j++) w[j]! -= p * prev[j]!;
      }
      const norm = Math.sqrt(dot(w, w));
      if (norm === 0) break;
      v = w.map((x) => x / norm);
    }
    let maxJ = 0;
    for (let j = 1; j < d; j++) if (Math.abs(v[j]!) > Math.abs(v[maxJ]!)) maxJ = j;
    if (v[maxJ]! < 0) v = v.map((x) => -x);
    components.push(v);
  }
  return Xc.map((x) => [dot(x, components[0]!), dot(x, components[1]!)]);
}

/**
 * pca2 of the rows of a Dense, with the same operations in the same order (so
 * the same bits). A power iteration that reaches a fixed point (the vector
 * unchanged, bit for bit) stops there: every further iteration would repeat it.
 */
export function pca2Dense(X: Dense, iterations = 200): [number, number][] {
  const { rows: n, cols: d } = X;
  if (n === 0 || d === 0) return Array.from({ length: n }, () => [0, 0]);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += X.data[i * d + j]! / n;
  const Xc = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) Xc[i * d + j] = X.data[i * d + j]! - mean[j]!;
  const components: Float64Array[] = [];
  for (let c = 0; c < 2; c++) {
    let v = Float64Array.from({ length: d }, (_, j) => 1 / Math.sqrt(d) + (j % 7) * 1e-3 * (c + 1));
    for (let it = 0; it < iterations; it++) {
      // One pass: each row's score, then its share of w (w's sums still over the rows in order).
      const w = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        const s = dotAt(Xc, o, v, 0, d);
        for (let j = 0; j < d; j++) w[j]! += Xc[o + j]! * s;
      }
      for (const prev of components) {
        const p = dotAt(w, 0, prev, 0, d);
        for (let j = 0; j < d; j++) w[j]! -= p * prev[j]!;
      }
      const norm = Math.sqrt(dotAt(w, 0, w, 0, d));
      if (norm === 0) break;
      let same = true;
      for (let j = 0; j < d; j++) {
        w[j] = w[j]! / norm;
        if (w[j] !== v[j]) same = false;
      }
      v = w;
      if (same) break;
    }
    let maxJ = 0;
    for (let j = 1; j < d; j++) if (Math.abs(v[j]!) > Math.abs(v[maxJ]!)) maxJ = j;
    if (v[maxJ]! < 0) v = v.map((x) => -x);
    components.push(v);
  }
  return Array.from({ length: n }, (_, i) => [dotAt(Xc, i * d, components[0]!, 0, d), dotAt(Xc, i * d, components[1]!, 0, d)]);
}
