import { dense, type Dense } from './dense.js';

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

/** The rows of A as a Dense. */
export function denseOfSparse(A: SparseRows): Dense {
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) out[i * A.cols + A.indices[p]!] = A.values[p]!;
  return dense(A.rows, A.cols, out);
}

/**
 * For each r < rows: out[r·l + j] += Σ val[p]·B[idx[p]·l + j] over p in
 * ptr[r] .. ptr[r+1), added to out's value in order of p, for every j < l;
 * idx[p] is a row of B in bFrom .. bTo. Eight (then four, then one) output
 * columns are done at a time: those columns of B's rows are first copied side
 * by side (a block that stays in cache for all of A's rows), then each
 * output's sum runs in a local variable. Each output's additions are the
 * same, in the same order, as a loop of `out[r·l + j] += val[p]·B[…]`, so
 * the same bits.
 */
function gather(ptr: Int32Array, idx: Int32Array, val: Float64Array, rows: number, B: Float64Array, l: number, bFrom: number, bTo: number, out: Float64Array): void {
  const packed = new Float64Array((bTo - bFrom) * 8);
  let j = 0;
  for (; j + 8 <= l; j += 8) {
    for (let b = bFrom; b < bTo; b++) for (let t = 0; t < 8; t++) packed[(b - bFrom) * 8 + t] = B[b * l + j + t]!;
    for (let r = 0; r < rows; r++) {
      const p0 = ptr[r]!;
      const p1 = ptr[r + 1]!;
      if (p0 === p1) continue;
      const o = r * l + j;
      let s0 = out[o]!, s1 = out[o + 1]!, s2 = out[o + 2]!, s3 = out[o + 3]!;
      let s4 = out[o + 4]!, s5 = out[o + 5]!, s6 = out[o + 6]!, s7 = out[o + 7]!;
      for (let p = p0; p < p1; p++) {
        const v = val[p]!;
        const b = (idx[p]! - bFrom) * 8;
        s0 += v * packed[b]!;
        s1 += v * packed[b + 1]!;
        s2 += v * packed[b + 2]!;
        s3 += v * packed[b + 3]!;
        s4 += v * packed[b + 4]!;
        s5 += v * packed[b + 5]!;
        s6 += v * packed[b + 6]!;
        s7 += v * packed[b + 7]!;
      }
      out[o] = s0;
      out[o + 1] = s1;
      out[o + 2] = s2;
      out[o + 3] = s3;
      out[o + 4] = s4;
      out[o + 5] = s5;
      out[o + 6] = s6;
      out[o + 7] = s7;
    }
  }
  for (; j + 4 <= l; j += 4) {
    for (let b = bFrom; b < bTo; b++) for (let t = 0; t < 4; t++) packed[(b - bFrom) * 4 + t] = B[b * l + j + t]!;
    for (let r = 0; r < rows; r++) {
      const p0 = ptr[r]!;
      const p1 = ptr[r + 1]!;
      if (p0 === p1) continue;
      const o = r * l + j;
      let s0 = out[o]!, s1 = out[o + 1]!, s2 = out[o + 2]!, s3 = out[o + 3]!;
      for (let p = p0; p < p1; p++) {
        const v = val[p]!;
        const b = (idx[p]! - bFrom) * 4;
        s0 += v * packed[b]!;
        s1 += v * packed[b + 1]!;
        s2 += v * packed[b + 2]!;
        s3 += v * packed[b + 3]!;
      }
      out[o] = s0;
      out[o + 1] = s1;
      out[o + 2] = s2;
      out[o + 3] = s3;
    }
  }
  for (; j < l; j++) {
    for (let b = bFrom; b < bTo; b++) packed[b - bFrom] = B[b * l + j]!;
    for (let r = 0; r < rows; r++) {
      const p0 = ptr[r]!;
      const p1 = ptr[r + 1]!;
      if (p0 === p1) continue;
      let s = out[r * l + j]!;
      for (let p = p0; p < p1; p++) s += val[p]! * packed[idx[p]! - bFrom]!;
      out[r * l + j] = s;
    }
  }
}

/** A·B for dense B (cols x l, row-major): n x l, row-major (each output summed over A's row in order). */
export function mulDense(A: SparseRows, B: Float64Array, l: number): Float64Array {
  const out = new Float64Array(A.rows * l);
  gather(A.indptr, A.indices, A.values, A.rows, B, l, 0, A.cols, out);
  return out;
}

/** Non-zeros of A transposed at a time by tmulDense (12 bytes each): a block of rows of A, not all of it. */
const TRANSPOSE_BLOCK = 1 << 21;

/**
 * Aᵀ·Q for dense Q (rows x l, row-major): cols x l, row-major, each output
 * summed over the rows of A in ascending order. A's rows are taken in blocks
 * of about TRANSPOSE_BLOCK non-zeros, each transposed (columns of the block,
 * rows ascending) and gathered into the output, which continues each sum where
 * the previous block left it: the same additions in the same order as adding
 * row by row, so the same bits, without a transposed copy of all of A.
 */
export function tmulDense(A: SparseRows, Q: Float64Array, l: number, blockNonZeros = TRANSPOSE_BLOCK): Float64Array {
  const { indptr, indices, values, cols } = A;
  const out = new Float64Array(cols * l);
  const ptr = new Int32Array(cols + 1);
  const cap = Math.min(indptr[A.rows]!, Math.max(1, blockNonZeros));
  let idx = new Int32Array(cap);
  let val = new Float64Array(cap);
  for (let r0 = 0; r0 < A.rows; ) {
    let r1 = r0 + 1;
    while (r1 < A.rows && indptr[r1 + 1]! - indptr[r0]! <= blockNonZeros) r1++;
    const nnz = indptr[r1]! - indptr[r0]!;
    if (nnz > idx.length) {
      idx = new Int32Array(nnz);
      val = new Float64Array(nnz);
    }
    ptr.fill(0);
    for (let p = indptr[r0]!; p < indptr[r1]!; p++) ptr[indices[p]! + 1]!++;
    for (let c = 0; c < cols; c++) ptr[c + 1]! += ptr[c]!;
    const at = ptr.slice(0, cols);
    for (let i = r0; i < r1; i++) {
      for (let p = indptr[i]!; p < indptr[i + 1]!; p++) {
        const q = at[indices[p]!]!++;
        idx[q] = i;
        val[q] = values[p]!;
      }
    }
    gather(ptr, idx, val, cols, Q, l, r0, r1, out);
    r0 = r1;
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
