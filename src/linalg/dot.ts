/**
 * The dot-product kernels of the dense numeric code (k-means, silhouettes,
 * LSA's Householder steps, the candidate search of similarity). Each sum is
 * added in order of the index, as a plain loop adds it, so a caller gets the
 * same bits whichever kernel it uses; `dot4` only shares the reads of one
 * vector among four sums.
 */

/**
 * Σ a[ao+j]·b[bo+j] for j < n, added in order of j.
 *
 * @example dotAt(Float64Array.of(1, 2, 3), 1, Float64Array.of(4, 5), 0, 2) // 2·4 + 3·5 = 23
 */
export function dotAt(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += a[ao + j]! * b[bo + j]!;
  return s;
}

/**
 * Four dot products of one vector with four others, into out[0..3]:
 * out[k] = Σ a[ao+t]·b[bk+t] for t = from .. to-1, each added in order of t
 * (the same bits as four calls of dotAt). The four sums advance together so
 * each a[ao+t] is read once.
 *
 * @example
 * const out = new Float64Array(4);
 * dot4(Float64Array.of(1, 1), 0, Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), 0, 2, 4, 6, 0, 2, out); // out = [3, 7, 11, 15]
 */
export function dot4(a: Float64Array, ao: number, b: Float64Array, b0: number, b1: number, b2: number, b3: number, from: number, to: number, out: Float64Array): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = from; t < to; t++) {
    const x = a[ao + t]!;
    s0 += x * b[b0 + t]!;
    s1 += x * b[b1 + t]!;
    s2 += x * b[b2 + t]!;
    s3 += x * b[b3 + t]!;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}
