/**
 * The document-term matrix, sparse (compressed sparse rows): for document d,
 * its terms are `indices[indptr[d] .. indptr[d+1])` (ascending term ids) with
 * their counts in `counts` at the same positions. At 10,000 reports this is a
 * few tens of MB where a dense matrix would be gigabytes.
 */
export interface Dtm {
  nDocs: number;
  nTerms: number;
  indptr: Uint32Array;
  indices: Uint32Array;
  counts: Float64Array;
}

/** Counts each document's token ids into a CSR matrix over `nTerms` term ids. */
export function buildDtm(docs: readonly Uint32Array[], nTerms: number): Dtm {
  const indptr = new Uint32Array(docs.length + 1);
  const rows: { ids: Uint32Array; counts: Float64Array }[] = [];
  let nnz = 0;
  const scratch = new Float64Array(nTerms);
  docs.forEach((ids, d) => {
    const seen: number[] = [];
    for (const id of ids) {
      if (scratch[id] === 0) seen.push(id);
      scratch[id]! += 1;
    }
    seen.sort((a, b) => a - b);
    const rowIds = Uint32Array.from(seen);
    const rowCounts = new Float64Array(seen.length);
    seen.forEach((id, k) => {
      rowCounts[k] = scratch[id]!;
      scratch[id] = 0;
    });
    rows.push({ ids: rowIds, counts: rowCounts });
    nnz += seen.length;
    indptr[d + 1] = nnz;
  });
  const indices = new Uint32Array(nnz);
  const counts = new Float64Array(nnz);
  rows.forEach((r, d) => {
    indices.set(r.ids, indptr[d]!);
    counts.set(r.counts, indptr[d]!);
  });
  return { nDocs: docs.length, nTerms, indptr, indices, counts };
}

/** Document frequency of every term: the number of documents it occurs in. */
export function documentFrequency(dtm: Dtm): Uint32Array {
  const df = new Uint32Array(dtm.nTerms);
  for (let k = 0; k < dtm.indices.length; k++) df[dtm.indices[k]!]! += 1;
  return df;
}

/** Total count of every term over the corpus. */
export function termTotals(dtm: Dtm): Float64Array {
  const tot = new Float64Array(dtm.nTerms);
  for (let k = 0; k < dtm.indices.length; k++) tot[dtm.indices[k]!]! += dtm.counts[k]!;
  return tot;
}
