import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { seededUniform } from '../random.js';
import { denseRow, mulDense, sparseOfDense, tmulDense, type SparseRows } from './sparse.js';

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
  const A = Array.isArray(X) ? sparseOfDense(X as readonly number[][]) : (X as SparseRows);
  const d = A.cols;
  const n = A.rows;
  if (dims <= 0 || d <= dims || n <= dims) return Array.from({ length: n }, (_, i) => denseRow(A, i));
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
  const svd = new SingularValueDecomposition(B, { autoTranspose: true });
  const U = svd.leftSingularVectors.subMatrix(0, l - 1, 0, dims - 1);
  const S = svd.diagonal.slice(0, dims);
  const Y = Matrix.from1DArray(n, l, Q).mmul(U); // n x dims
  return Y.to2DArray().map((row) => row.map((v, j) => v * S[j]!));
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
      for (let j = k + 1; j < n; j++) {
        const cj = j * m;
        let s = 0;
        for (let i = k; i < m; i++) s += qr[ck + i]! * qr[cj + i]!;
        s = -s / qr[ck + k]!;
        for (let i = k; i < m; i++) qr[cj + i] = qr[cj + i]! + s * qr[ck + i]!;
      }
    }
  }
  const X = new Float64Array(m * n); // column-major
  for (let k = n - 1; k >= 0; k--) {
    const ck = k * m;
    const xk = k * m;
    for (let i = 0; i < m; i++) X[xk + i] = 0;
    X[xk + k] = 1;
    for (let j = k; j < n; j++) {
      const xj = j * m;
      if (qr[ck + k] !== 0) {
        let s = 0;
        for (let i = k; i < m; i++) s += qr[ck + i]! * X[xj + i]!;
        s = -s / qr[ck + k]!;
        for (let i = k; i < m; i++) X[xj + i] = X[xj + i]! + s * qr[ck + i]!;
      }
    }
  }
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = X[j * m + i]!;
  return out;
}

/** Standard normal numbers from the seeded uniform generator (Box-Muller; the half step keeps u off 0). */
function gaussian(seed: number): () => number {
  const next = seededUniform(seed);
  const uniform = () => next() + 0.5 / 4294967296;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
