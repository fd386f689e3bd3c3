/**
 * Rows of a sparse matrix (CSR): row i's column indices, ascending, are
 * indices[indptr[i] .. indptr[i+1]) with their values. Tf-idf rows of
 * paragraphs have a few dozen non-zero terms of hundreds, and reports' rows a
 * fraction of theirs, so products and sums skip the zeros. Every loop adds the
 * non-zero terms in the order a dense loop would (a zero term adds nothing),
 * so results are bit-identical to the dense computation.
 */
export interface SparseRows {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  rows: number;
  cols: number;
}

/** CSR from row entries (column -> value), zeros dropped, columns sorted. */
export function sparseRows(rows: readonly (readonly [number, number][])[], cols: number): SparseRows {
  const indptr = new Int32Array(rows.length + 1);
  let nnz = 0;
  rows.forEach((r, i) => {
    for (const [, v] of r) if (v !== 0) nnz++;
    indptr[i + 1] = nnz;
  });
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  for (const r of rows) {
    const sorted = r.filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
    for (const [j, v] of sorted) {
      indices[at] = j;
      values[at++] = v;
    }
  }
  return { indptr, indices, values, rows: rows.length, cols };
}

/** CSR of dense rows. */
export function sparseOfDense(X: readonly (readonly number[])[]): SparseRows {
  return sparseRows(X.map((x) => x.map((v, j) => [j, v] as [number, number])), X[0]?.length ?? 0);
}

/** Each row scaled to unit length (a zero row stays zero), in place. */
export function normalizeRows(A: SparseRows): SparseRows {
  const values = A.values;
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) s += values[p]! * values[p]!;
    const n = Math.sqrt(s);
    if (n > 0) for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) values[p] = values[p]! / n;
  }
  return A;
}

/** Row i as a dense array. */
export function denseRow(A: SparseRows, i: number): number[] {
  const v = new Array<number>(A.cols).fill(0);
  for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) v[A.indices[p]!] = A.values[p]!;
  return v;
}

/** A·B for dense B (cols x l, row-major): n x l, row-major. */
export function mulDense(A: SparseRows, B: Float64Array, l: number): Float64Array {
  const out = new Float64Array(A.rows * l);
  for (let i = 0; i < A.rows; i++) {
    const o = i * l;
    for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) {
      const v = A.values[p]!;
      const b = A.indices[p]! * l;
      for (let j = 0; j < l; j++) out[o + j]! += v * B[b + j]!;
    }
  }
  return out;
}

/** Aᵀ·Q for dense Q (rows x l, row-major): cols x l, row-major (sums over rows in ascending order). */
export function tmulDense(A: SparseRows, Q: Float64Array, l: number): Float64Array {
  const out = new Float64Array(A.cols * l);
  for (let i = 0; i < A.rows; i++) {
    const q = i * l;
    for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) {
      const v = A.values[p]!;
      const o = A.indices[p]! * l;
      for (let j = 0; j < l; j++) out[o + j]! += v * Q[q + j]!;
    }
  }
  return out;
}

/** Unit-length mean direction of each group's rows (the spherical k-means centroid), dense. */
export function groupCentroids(A: SparseRows, labels: readonly number[], k: number): number[][] {
  const sums = Array.from({ length: k }, () => new Array<number>(A.cols).fill(0));
  for (let i = 0; i < A.rows; i++) {
    const s = sums[labels[i]!]!;
    for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) s[A.indices[p]!]! += A.values[p]!;
  }
  return sums.map((v) => {
    let q = 0;
    for (const x of v) q += x * x;
    const n = Math.sqrt(q);
    return n > 0 ? v.map((x) => x / n) : v;
  });
}
