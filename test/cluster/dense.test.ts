import { describe, expect, it } from 'vitest';
import { kmeans } from 'ml-kmeans';
import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import { dense, denseOfRows, normalizeDenseRows, rowsOfDense } from '../../src/cluster/dense.js';
import { lsaDense, orthonormalColumns } from '../../src/cluster/lsa.js';
import { pca2, pca2Dense } from '../../src/cluster/pca.js';
import { cosineDistanceMatrix, cosineDistanceMatrixDense, sampledDistanceRows, sampledSilhouettes, silhouetteFromSampledRows } from '../../src/cluster/silhouette.js';
import { mulDense, sparseOfDense, tmulDense } from '../../src/cluster/sparse.js';
import { dot, kmeansPlusPlus, mlKmeansRun, normalize, sphericalInertia, sphericalKmeansDense } from '../../src/cluster/spherical.js';
import { seededUniform } from '../../src/random.js';

/** A deterministic n x d matrix with about `density` of its cells non-zero (and row `emptyRow` all zero). */
function built(n: number, d: number, density: number, seed: number, emptyRow = -1): number[][] {
  const u = seededUniform(seed);
  return Array.from({ length: n }, (_, i) => Array.from({ length: d }, () => (u() < density && i !== emptyRow ? u() * 2 - 1 : 0)));
}

/** Points around `k` directions in d dimensions, with overlap, unit length. */
function clustered(n: number, d: number, k: number, spread: number, seed: number): number[][] {
  const u = seededUniform(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => u() * 2 - 1));
  return Array.from({ length: n }, (_, i) => normalize(centres[i % k]!.map((x) => x + spread * (u() * 2 - 1))));
}

/** X·B (B: cols x l, row-major) by the textbook loop, zero terms skipped (adding 0·x changes no sum). */
function plainMul(X: number[][], B: Float64Array, l: number): Float64Array {
  const d = X[0]!.length;
  const out = new Float64Array(X.length * l);
  for (let i = 0; i < X.length; i++) for (let j = 0; j < l; j++) for (let c = 0; c < d; c++) if (X[i]![c] !== 0) out[i * l + j] += X[i]![c]! * B[c * l + j]!;
  return out;
}

/** Xᵀ·Q (Q: rows x l, row-major) by the textbook loop, the rows in order. */
function plainTmul(X: number[][], Q: Float64Array, l: number): Float64Array {
  const d = X[0]!.length;
  const out = new Float64Array(d * l);
  for (let c = 0; c < d; c++) for (let j = 0; j < l; j++) for (let i = 0; i < X.length; i++) if (X[i]![c] !== 0) out[c * l + j] += X[i]![c]! * Q[i * l + j]!;
  return out;
}

describe('sparse x dense products (blocked) against plain loops', () => {
  it('A·B and Aᵀ·Q give the bits of the textbook triple loop, for any block of columns and of rows', () => {
    const X = built(23, 17, 0.4, 3, 5);
    const A = sparseOfDense(X);
    for (const l of [1, 3, 8, 13, 20]) {
      const u = seededUniform(l);
      const B = Float64Array.from({ length: 17 * l }, () => u() - 0.5);
      const Q = Float64Array.from({ length: 23 * l }, () => u() - 0.5);
      const AB = plainMul(X, B, l);
      const AtQ = plainTmul(X, Q, l);
      expect(mulDense(A, B, l)).toEqual(AB);
      expect(tmulDense(A, Q, l)).toEqual(AtQ);
      // Rows of A transposed a few non-zeros at a time: each sum goes on where the previous block left it.
      for (const block of [1, 7, 40]) expect(tmulDense(A, Q, l, block)).toEqual(AtQ);
    }
  });
  it('a product worked by hand', () => {
    // A = [[1, 0], [2, 3]], B = [[1, 2], [3, 4]]: AB = [[1, 2], [11, 16]], AᵀB = [[7, 10], [9, 12]]
    const A = sparseOfDense([[1, 0], [2, 3]]);
    expect(Array.from(mulDense(A, Float64Array.of(1, 2, 3, 4), 2))).toEqual([1, 2, 11, 16]);
    expect(Array.from(tmulDense(A, Float64Array.of(1, 2, 3, 4), 2))).toEqual([7, 10, 9, 12]);
  });
});

describe('Householder orthonormalisation', () => {
  it('is ml-matrix\'s QR orthogonal factor, bit for bit, and orthonormal', () => {
    for (const [m, n] of [[9, 4], [30, 7], [12, 12]] as const) {
      const Y = built(m, n, 1, m * n);
      const Q = orthonormalColumns(Float64Array.from(Y.flat()), m, n);
      expect(Array.from(Q)).toEqual(new QrDecomposition(new Matrix(Y)).orthogonalMatrix.to1DArray());
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          let s = 0;
          for (let i = 0; i < m; i++) s += Q[i * n + a]! * Q[i * n + b]!;
          expect(s).toBeCloseTo(a === b ? 1 : 0, 12);
        }
      }
    }
  });
});

describe('LSA on flat arrays', () => {
  it('gives the bits of the randomized SVD done with plain products and ml-matrix\'s QR, full SVD and mmul', () => {
    const X = built(60, 40, 0.3, 11, 2);
    const dims = 6;
    const seed = 7;
    // The reference: Halko et al.'s steps as the stage made them before, ml-matrix doing every dense step.
    const next = seededUniform(seed);
    const un = () => next() + 0.5 / 4294967296;
    const gauss = () => Math.sqrt(-2 * Math.log(un())) * Math.cos(2 * Math.PI * un());
    const l = dims + 10;
    const omega = Float64Array.from({ length: 40 * l }, gauss);
    const orth = (Y: Float64Array, m: number) => new QrDecomposition(Matrix.from1DArray(m, l, Y)).orthogonalMatrix.to1DArray();
    let Q = orth(plainMul(X, omega, l), 60);
    Q = orth(plainMul(X, Float64Array.from(orth(plainTmul(X, Float64Array.from(Q), l), 40)), l), 60);
    const B = Matrix.from1DArray(40, l, plainTmul(X, Float64Array.from(Q), l)).transpose();
    const svd = new SingularValueDecomposition(B, { autoTranspose: true });
    const U = svd.leftSingularVectors.subMatrix(0, l - 1, 0, dims - 1);
    const S = svd.diagonal.slice(0, dims);
    const expected = Matrix.from1DArray(60, l, Q).mmul(U).to2DArray().map((row) => row.map((v, j) => v * S[j]!));
    expect(rowsOfDense(lsaDense(sparseOfDense(X), dims, seed, 1))).toEqual(expected);
  });
});

/** ml-kmeans with the cosine distance the stage gave it before (norms as computed from the arrays). */
function mlKmeansSpherical(X: number[][], k: number, seed: number, restarts: number) {
  const dist = (p: number[], q: number[]) => {
    const np = Math.sqrt(dot(p, p));
    const nq = Math.sqrt(dot(q, q));
    return np > 0 && nq > 0 ? 1 - dot(p, q) / (np * nq) : 1;
  };
  let best: { labels: number[]; inertia: number } | undefined;
  for (let r = 0; r < restarts; r++) {
    const res = kmeans(X, k, { initialization: kmeansPlusPlus(X, k, seed + r), maxIterations: 100, distanceFunction: dist });
    const { inertia } = sphericalInertia(X, res.clusters, k);
    if (!best || inertia < best.inertia - 1e-12) best = { labels: [...res.clusters], inertia };
  }
  return best!;
}

describe('spherical k-means on flat arrays (Lloyd with Elkan bounds) against ml-kmeans', () => {
  it('the same labels and inertia as ml-kmeans on separated and on overlapping groups', () => {
    for (const [spread, seed] of [[0.3, 1], [1.5, 2], [4, 3]] as const) {
      const X = clustered(150, 12, 4, spread, seed);
      X[17] = X[17]!.map(() => 0); // a zero row: distance 1 to every centre
      X[40] = [...X[41]!]; // a duplicate
      for (const k of [2, 3, 5, 8]) {
        const ours = sphericalKmeansDense(denseOfRows(X), k, { seed: 42, restarts: 3, maxIterations: 100 });
        const ref = mlKmeansSpherical(X, k, 42, 3);
        expect(ours.labels).toEqual(ref.labels);
        expect(ours.inertia).toBe(ref.inertia);
      }
    }
  });
  it('the published run (ml-kmeans from the kept seed) is the replay\'s best restart, labels, centroids and inertia', () => {
    const X = denseOfRows(clustered(120, 10, 3, 1.5, 7));
    for (const k of [2, 3, 6]) {
      const search = sphericalKmeansDense(X, k, { seed: 42, restarts: 4, maxIterations: 100 });
      const published = mlKmeansRun(X, k, search.seed, 100);
      expect(search.seed).toBeGreaterThanOrEqual(42);
      expect(search.seed).toBeLessThan(46);
      expect(published.labels).toEqual(search.labels);
      expect(published.inertia).toBe(search.inertia);
      expect(Array.from(published.centroids.data)).toEqual(Array.from(search.centroids.data));
    }
  });
  it('stops after maxIterations as ml-kmeans does', () => {
    const X = clustered(80, 6, 3, 2, 9);
    for (const it of [1, 2, 3]) {
      const init = kmeansPlusPlus(X, 3, 5);
      const ref = kmeans(X, 3, { initialization: init, maxIterations: it, distanceFunction: (p: number[], q: number[]) => 1 - dot(p, q) / (Math.sqrt(dot(p, p)) * Math.sqrt(dot(q, q))) });
      const ours = sphericalKmeansDense(denseOfRows(X), 3, { seed: 5, restarts: 1, maxIterations: it });
      expect(ours.labels).toEqual(ref.clusters);
    }
  });
  it('centroids are the unit mean directions of the clusters', () => {
    const X = clustered(40, 5, 2, 0.2, 4);
    const r = sphericalKmeansDense(denseOfRows(X), 2, { seed: 1, restarts: 2, maxIterations: 100 });
    expect(rowsOfDense(r.centroids)).toEqual(sphericalInertia(X, r.labels, 2).centroids);
  });
});

describe('silhouettes and PCA on flat arrays', () => {
  const X = clustered(61, 7, 3, 1, 5);
  it('the distance matrix is the row-array one', () => {
    expect(cosineDistanceMatrixDense(denseOfRows(X))).toEqual(cosineDistanceMatrix(X));
  });
  it('sampled silhouettes of several labellings at once equal each from its stored distance rows', () => {
    const sample = [0, 5, 9, 30, 60];
    const labellings = [X.map((_, i) => i % 2), X.map((_, i) => i % 3), X.map((_, i) => (i < 3 ? 0 : 1 + (i % 4)))];
    const ks = [2, 3, 5];
    const rows = sampledDistanceRows(X, sample);
    const expected = labellings.map((l, t) => silhouetteFromSampledRows(rows, sample, 61, l, ks[t]!));
    expect(sampledSilhouettes(denseOfRows(X), sample, labellings, ks)).toEqual(expected);
  });
  it('pca2Dense is pca2', () => {
    expect(pca2Dense(denseOfRows(X))).toEqual(pca2(X));
    expect(pca2Dense(dense(0, 0))).toEqual([]);
  });
  it('rows normalised in place as normalize does', () => {
    const Y = built(10, 4, 0.6, 8, 3);
    expect(rowsOfDense(normalizeDenseRows(denseOfRows(Y)))).toEqual(Y.map(normalize));
  });
});
