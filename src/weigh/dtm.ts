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
  /** Whole counts, 4 bytes each (8 as doubles: 0.14 GB more at 10,000 reports). */
  counts: Uint32Array;
}

/** The sparsity pattern of a matrix: which entries are stored, not their values (the similarity search reads weights beside it). */
export type Pattern = Pick<Dtm, 'nDocs' | 'nTerms' | 'indptr' | 'indices'>;

/**
 * Counts each document's token ids into a CSR matrix over `nTerms` term ids:
 * two passes over the tokens (distinct terms per document, then the entries),
 * so the matrix is written in place with no second copy (35 M entries at
 * 10,000 reports).
 */
export function buildDtm(docs: readonly Uint32Array[], nTerms: number): Dtm {
  const indptr = sharedUint32(docs.length + 1);
  const scratch = new Float64Array(nTerms);
  // The last document (+ 1) each term was seen in: distinct terms in one pass over the tokens.
  const seen = new Uint32Array(nTerms);
  docs.forEach((ids, d) => {
    let distinct = 0;
    for (const id of ids) {
      if (seen[id] === d + 1) continue;
      seen[id] = d + 1;
      distinct++;
    }
    indptr[d + 1] = indptr[d]! + distinct;
  });
  const indices = sharedUint32(indptr[docs.length]!);
  const counts = sharedUint32(indices.length);
  docs.forEach((ids, d) => {
    let at = indptr[d]!;
    for (const id of ids) {
      if (scratch[id] === 0) indices[at++] = id;
      scratch[id]! += 1;
    }
    const row = indices.subarray(indptr[d]!, at);
    if (nTerms < 16 * row.length) {
      // Dense enough: read the ids back in order from the counts instead of sorting them.
      let k = indptr[d]!;
      for (let t = 0; t < nTerms; t++) {
        if (scratch[t] === 0) continue;
        indices[k] = t;
        counts[k++] = scratch[t]!;
        scratch[t] = 0;
      }
      return;
    }
    row.sort();
    for (let k = 0; k < row.length; k++) {
      counts[indptr[d]! + k] = scratch[row[k]!]!;
      scratch[row[k]!] = 0;
    }
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

/**
 * Typed arrays on shared memory: the matrix and its weights are read in
 * place by worker threads of the weigh stage (the similarity search), with
 * no copy. Otherwise they behave as any typed array.
 */
export function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(4 * length));
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * length));
}
