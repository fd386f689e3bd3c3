import { type SparseRows } from './sparse.js';
import type { Weights } from '../artifacts/weights.js';

/**
 * The tf-idf rows restricted to the columns mapped (column[term] >= 0), as CSR with columns ascending: each row's
 * entries are put in order through a dense row of the columns (a row with few of them: its columns sorted).
 */
export function featureRows(m: Weights['features'], weights: Float64Array, column: Int32Array, cols: number): SparseRows {
  const indptr = new Int32Array(m.nDocs + 1);
  for (let d = 0; d < m.nDocs; d++) {
    let c = 0;
    for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) if (column[m.indices[k]!]! >= 0) c++;
    indptr[d + 1] = indptr[d]! + c;
  }
  const indices = new Int32Array(indptr[m.nDocs]!);
  const values = new Float64Array(indptr[m.nDocs]!);
  const at = new Int32Array(cols).fill(-1); // position in the counts of each column of the row
  for (let d = 0; d < m.nDocs; d++) {
    const from = indptr[d]!;
    const count = indptr[d + 1]! - from;
    let q = from;
    for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) {
      const j = column[m.indices[k]!]!;
      if (j < 0) continue;
      at[j] = k;
      indices[q++] = j;
    }
    if (count * 16 < cols) indices.subarray(from, from + count).sort();
    else {
      q = from;
      for (let j = 0; j < cols; j++) if (at[j]! >= 0) indices[q++] = j;
    }
    for (let p = from; p < from + count; p++) {
      const j = indices[p]!;
      values[p] = weights[at[j]!]!;
      at[j] = -1;
    }
  }
  return { indptr, indices, values, rows: m.nDocs, cols };
}
