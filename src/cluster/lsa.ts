import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import { seededUniform } from '../random.js';

/**
 * Latent semantic analysis: the rows of X projected on their top `dims`
 * right singular vectors (X·V_r = U_r·Σ_r), by randomized SVD (Halko,
 * Martinsson & Tropp 2011: a seeded Gaussian range finder with `power`
 * iterations and 10 extra columns). k-means then works in `dims` dimensions
 * instead of thousands of terms; cosine geometry is kept up to the discarded
 * directions. Deterministic for a given seed (sign flips of a component do
 * not change cosines). Returns X unchanged when it has no more columns than `dims`.
 */
export function lsa(X: readonly number[][], dims: number, seed: number, power = 2): number[][] {
  const d = X[0]?.length ?? 0;
  if (dims <= 0 || d <= dims || X.length <= dims) return X.map((x) => [...x]);
  const A = new Matrix(X as number[][]);
  const l = Math.min(dims + 10, d, X.length);
  const rand = gaussian(seed);
  const omega = Matrix.from1DArray(d, l, Float64Array.from({ length: d * l }, rand));
  let Q = new QrDecomposition(A.mmul(omega)).orthogonalMatrix;
  for (let i = 0; i < power; i++) {
    const Z = new QrDecomposition(A.transpose().mmul(Q)).orthogonalMatrix;
    Q = new QrDecomposition(A.mmul(Z)).orthogonalMatrix;
  }
  const B = Q.transpose().mmul(A); // l x d
  const svd = new SingularValueDecomposition(B, { autoTranspose: true });
  const U = svd.leftSingularVectors.subMatrix(0, l - 1, 0, dims - 1);
  const S = svd.diagonal.slice(0, dims);
  const Y = Q.mmul(U); // n x dims
  return Y.to2DArray().map((row) => row.map((v, j) => v * S[j]!));
}

/** Standard normal numbers from the seeded uniform generator (Box-Muller; the half step keeps u off 0). */
function gaussian(seed: number): () => number {
  const next = seededUniform(seed);
  const uniform = () => next() + 0.5 / 4294967296;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
