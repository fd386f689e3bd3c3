import { dot } from './spherical.js';

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
