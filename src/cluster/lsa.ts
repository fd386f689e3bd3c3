import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { seededUniform } from '../random.js';
import { dense, rowsOfDense, type Dense } from './dense.js';
import { dot4, dotAt } from '../linalg/dot.js';
import { denseOfSparse, mulDense, sparseOfDense, tmulDense, type SparseRows } from './sparse.js';

/**
 * Latent semantic analysis: the rows of X projected on their top `dims`
 * right singular vectors (X·V_r = U_r·Σ_r), by randomized SVD (Halko,
 * Martinsson & Tropp 2011: a seeded Gaussian range finder with `power`
 * iterations and 10 extra columns). k-means then works in `dims` dimensions
 * instead of thousands of terms; cosine geometry is kept up to the discarded
 * directions. Deterministic for a given seed (sign flips of a component do
 * not change cosines). Returns X unchanged when it has no more columns than `dims`.
 */
export function lsa(X: readonly number[][] | SparseRows, dims: number, seed: number, power = 2): number[][] {
  return rowsOfDense(lsaDense(Array.isArray(X) ? sparseOfDense(X as readonly number[][]) : (X as SparseRows), dims, seed, power));
}

/** lsa on a Dense result (n x dims, row-major); the rows of A dense when it has no more columns than `dims`. */
export function lsaDense(A: SparseRows, dims: number, seed: number, power = 2): Dense {
  const d = A.cols;
  const n = A.rows;
  if (dims <= 0 || d <= dims || n <= dims) return denseOfSparse(A);
  // The products with A skip its zeros (sparse.ts): the same sums as ml-matrix's dense mmul, far fewer terms.
  const l = Math.min(dims + 10, d, n);
  const rand = gaussian(seed);
  const omega = Float64Array.from({ length: d * l }, rand);
  let Q = orthonormalColumns(mulDense(A, omega, l), n, l);
  for (let i = 0; i < power; i++) {
    const Z = orthonormalColumns(tmulDense(A, Q, l), d, l);
    Q = orthonormalColumns(mulDense(A, Z, l), n, l);
  }
  const B = Matrix.from1DArray(d, l, tmulDense(A, Q, l)).transpose(); // l x d
  // Only B's left singular vectors are used: ml-matrix computes them (and the singular values) with the same operations
  // whether or not it also accumulates the d x l right ones, which were most of the SVD's cost.
  const svd = new SingularValueDecomposition(B, { autoTranspose: true, computeRightSingularVectors: false });
  const U = svd.leftSingularVectors; // l x l
  const S = svd.diagonal;
  // Y = Q·U_dims (as ml-matrix's mmul sums: over Q's columns in order), then column j times S[j].
  const Ut = new Float64Array(dims * l); // column j of U_dims, contiguous
  for (let j = 0; j < dims; j++) for (let k = 0; k < l; k++) Ut[j * l + k] = U.get(k, j);
  const Y = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dims; j++) {
      let s = 0;
      for (let k = 0; k < l; k++) s += Q[i * l + k]! * Ut[j * l + k]!;
      Y[i * dims + j] = s * S[j]!;
    }
  }
  return dense(n, dims, Y);
}

/** ml-matrix's hypotenuse (JAMA's): sqrt(a² + b²) without overflow. */
function hypotenuse(a: number, b: number): number {
  if (Math.abs(a) > Math.abs(b)) {
    const r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    const r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

/**
 * The orthogonal factor Q of the Householder QR of Y (m x n, row-major), as
 * ml-matrix's QrDecomposition(Y).orthogonalMatrix computes it (JAMA's
 * algorithm, the same operations in the same order, so the same bits), but on
 * a column-major Float64Array instead of get/set calls: LSA's range finder
 * orthonormalises tall matrices several times, which was most of its cost.
 * Returns Q row-major.
 */
export function orthonormalColumns(Y: Float64Array, m: number, n: number): Float64Array {
  const qr = new Float64Array(m * n); // column-major: column k is qr[k*m .. (k+1)*m)
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) qr[j * m + i] = Y[i * n + j]!;
  for (let k = 0; k < n; k++) {
    const ck = k * m;
    let nrm = 0;
    for (let i = k; i < m; i++) nrm = hypotenuse(nrm, qr[ck + i]!);
    if (nrm !== 0) {
      if (qr[ck + k]! < 0) nrm = -nrm;
      for (let i = k; i < m; i++) qr[ck + i] = qr[ck + i]! / nrm;
      qr[ck + k] = qr[ck + k]! + 1;
      reflect(qr, ck, qr, k + 1, n, m, k);
    }
  }
  const X = new Float64Array(m * n); // column-major
  for (let k = n - 1; k >= 0; k--) {
    const ck = k * m;
    X[ck + k] = 1;
    if (qr[ck + k] !== 0) reflect(qr, ck, X, k, n, m, k);
  }
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = X[j * m + i]!;
  return out;
}

/**
 * JAMA's Householder step on columns j0 .. j1-1 of T (column-major, m rows),
 * rows from `from`: s = −(Σ h[i]·t[i]) / h[from], then t[i] += s·h[i], with h
 * the column of H starting at offset h0. Each column's operations are those
 * of the plain loop, in the same order; four columns at a time share the
 * reads of h.
 */
function reflect(H: Float64Array, h0: number, T: Float64Array, j0: number, j1: number, m: number, from: number): void {
  const hk = H[h0 + from]!;
  const s = new Float64Array(4);
  let j = j0;
  for (; j + 4 <= j1; j += 4) {
    const c0 = j * m;
    const c1 = c0 + m;
    const c2 = c1 + m;
    const c3 = c2 + m;
    dot4(H, h0, T, c0, c1, c2, c3, from, m, s);
    const s0 = -s[0]! / hk;
    const s1 = -s[1]! / hk;
    const s2 = -s[2]! / hk;
    const s3 = -s[3]! / hk;
    for (let i = from; i < m; i++) {
      const h = H[h0 + i]!;
      T[c0 + i] = T[c0 + i]! + s0 * h;
      T[c1 + i] = T[c1 + i]! + s1 * h;
      T[c2 + i] = T[c2 + i]! + s2 * h;
      T[c3 + i] = T[c3 + i]! + s3 * h;
    }
  }
  for (; j < j1; j++) {
    const cj = j * m;
    const s = -dotAt(H, h0 + from, T, cj + from, m - from) / hk;
    for (let i = from; i < m; i++) T[cj + i] = T[cj + i]! + s * H[h0 + i]!;
  }
}

/** Standard normal numbers from the seeded uniform generator (Box-Muller; the half step keeps u off 0). */
function gaussian(seed: number): () => number {
  const next = seededUniform(seed);
  const uniform = () => next() + 0.5 / 4294967296;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
