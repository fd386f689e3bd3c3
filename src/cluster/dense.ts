import { dotAt } from '../linalg/dot.js';

/**
 * A dense matrix, row-major in one Float64Array: row i is
 * data[i*cols .. (i+1)*cols). The cluster stage's hot loops (LSA, k-means,
 * silhouettes, PCA) run over these instead of arrays of row arrays: one
 * allocation, contiguous rows, no bounds of a row array to check. Every
 * function here does the same floating-point operations in the same order
 * as its number[][] counterpart, so results are the same bits.
 */
export interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function dense(rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols)): Dense {
  if (data.length !== rows * cols) throw new Error(`dense: ${data.length} values for ${rows} x ${cols}`);
  return { rows, cols, data };
}

/** Dense of row arrays (all of one length). */
export function denseOfRows(X: readonly (readonly number[])[]): Dense {
  const rows = X.length;
  const cols = X[0]?.length ?? 0;
  const data = new Float64Array(rows * cols);
  X.forEach((x, i) => {
    if (x.length !== cols) throw new Error(`denseOfRows: row ${i} has ${x.length} values, row 0 has ${cols}`);
    data.set(x, i * cols);
  });
  return { rows, cols, data };
}

/** Row arrays of a Dense. */
export function rowsOfDense(A: Dense): number[][] {
  return Array.from({ length: A.rows }, (_, i) => Array.from(A.data.subarray(i * A.cols, (i + 1) * A.cols)));
}

/** Euclidean norm of each row, sqrt(Σ x²) in order. */
export function rowNorms(A: Dense): Float64Array {
  const { rows, cols, data } = A;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = Math.sqrt(dotAt(data, i * cols, data, i * cols, cols));
  return out;
}

/** Each row divided by its norm (a zero row stays zero), in place; as spherical.ts's normalize. */
export function normalizeDenseRows(A: Dense): Dense {
  const { rows, cols, data } = A;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    const n = Math.sqrt(dotAt(data, o, data, o, cols));
    if (n > 0) for (let j = 0; j < cols; j++) data[o + j] = data[o + j]! / n;
  }
  return A;
}
