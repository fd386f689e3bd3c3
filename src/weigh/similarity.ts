import type { Pattern } from './dtm.js';
import { searchCandidates } from './candidates.js';
import { offer, type TopK } from './topk.js';

/** One neighbour of a document: `rank` 1 is its most similar other document. */
export interface NeighbourRow {
  doc: number;
  neighbour: number;
  cosine: number;
  rank: number;
}

/**
 * The k nearest other documents of every document by cosine similarity of
 * their weight rows (e.g. tf-idf, aligned with dtm.indices):
 *
 *     cos(d, e) = Σₜ w(d,t) w(e,t) / (‖w(d)‖₂ ‖w(e)‖₂)
 *
 * The norms are computed here, so rows need not be L2-normalised already.
 * Only documents with cos > 0 are neighbours — with nonnegative weights,
 * those sharing a term — so a document may have fewer than k (a document
 * without terms, or whose weights are all 0, has none and is nobody's).
 *
 * Sparse: an inverted index (term → documents and weights) gives each
 * document's dot products with the later documents it shares a term with;
 * each pair is computed once and offered to both documents' top k. Time is
 * about Σₜ df(t)²/2 multiply-adds (nnz times half the average posting
 * length), memory O(nnz + N + the rows returned); no dense matrix is built.
 *
 * Rows: documents ascending; per document by cosine descending, then
 * neighbour index ascending (so ties rank the lower index first); rank
 * 1..(at most) k, with no shared ranks.
 *
 * @param dtm the matrix whose sparsity pattern `weights` follows.
 * @param weights one weight per stored entry (weights.length === dtm.indices.length).
 * @param k neighbours per document, a nonnegative integer (no default).
 * @throws RangeError for a misaligned `weights` or a bad `k`.
 */
export function nearestNeighbours(dtm: Pattern, weights: Float64Array, k: number): NeighbourRow[] {
  return exactNeighbours(dtm, weights, k);
}

export interface NeighbourOptions {
  /** Multiply-adds the exact method may cost (about Σₜ df(t)²/2); above this, candidates are found in a random projection. */
  budget: number;
  /** Dimensions of the random projection that finds candidates. */
  dimensions: number;
  /** Candidates per document that are rescored exactly (at least k). */
  candidates: number;
  /** Multiply-adds of the candidate search (n²·dimensions/2) from which half of it runs on a worker thread (default 2.5e8; Infinity: never). */
  parallelWork?: number;
}

/** How a similarity table was computed: 'exact', or candidates from a random projection, rescored exactly. */
export interface NeighbourMethod {
  method: 'exact' | 'projection';
  dimensions?: number;
  candidates?: number;
}

/** Dimensions each term is projected on. */
const SPREAD = 16;

/** A deterministic hash of (term, j): the projection needs no stored random matrix or seed. */
function hash(term: number, j: number): number {
  let a = Math.imul(term, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 16), 0x45d9f3b);
  a = Math.imul(a ^ (a >>> 16), 0x45d9f3b);
  return (a ^ (a >>> 16)) >>> 0;
}

/**
 * nearestNeighbours with a cost bound for large corpora. The exact method
 * costs about Σₜ df(t)²/2 multiply-adds, which grows with the square of the
 * number of documents times the terms they share (10^11 at 10,000 reports).
 * Over `budget`, every row is projected on `dimensions` sparse random ±1
 * directions (inner products are preserved in expectation), each
 * document's `candidates` most similar documents in the projection are found
 * by brute force (N²·dimensions/2), and those are rescored with the full
 * rows: every cosine written is exact; a true neighbour can only be missed
 * when the projection ranks it below `candidates` others.
 */
export function nearestNeighboursBounded(dtm: Pattern, weights: Float64Array, k: number, opts: NeighbourOptions): { rows: NeighbourRow[]; method: NeighbourMethod } {
  checkNeighbourArgs(dtm, weights, k);
  const df = new Float64Array(dtm.nTerms);
  for (let p = 0; p < dtm.indices.length; p++) df[dtm.indices[p]!]! += 1;
  let work = 0;
  for (let t = 0; t < dtm.nTerms; t++) work += (df[t]! * df[t]!) / 2;
  if (work <= opts.budget || k === 0) return { rows: exactNeighbours(dtm, weights, k), method: { method: 'exact' } };

  const n = dtm.nDocs;
  const D = opts.dimensions;
  // A sparse projection (each term on SPREAD of the dimensions, ±1: Li, Hastie & Church 2006, very sparse random
  // projections): as good for finding candidates here as a dense one, at SPREAD/D of the work.
  const S = Math.min(SPREAD, D);
  const dims = new Int32Array(dtm.nTerms * S);
  const signs = new Float64Array(dtm.nTerms * S);
  for (let t = 0; t < dtm.nTerms; t++) {
    if (df[t] === 0) continue;
    for (let j = 0; j < S; j++) {
      dims[t * S + j] = (hash(t, j) >>> 1) % D;
      signs[t * S + j] = hash(t, j) & 1 ? 1 : -1;
    }
  }
  const parallel = (n * (n - 1) * D) / 2 >= (opts.parallelWork ?? 2.5e8);
  // Shared, so that a worker thread can read it in place.
  const emb = new Float64Array(parallel ? new SharedArrayBuffer(n * D * 8) : new ArrayBuffer(n * D * 8));
  for (let d = 0; d < n; d++) {
    const o = d * D;
    for (let p = dtm.indptr[d]!; p < dtm.indptr[d + 1]!; p++) {
      const x = weights[p]!;
      const b = dtm.indices[p]! * S;
      for (let j = 0; j < S; j++) emb[o + dims[b + j]!]! += x * signs[b + j]!;
    }
    let z = 0;
    for (let j = 0; j < D; j++) z += emb[o + j]! * emb[o + j]!;
    z = Math.sqrt(z);
    if (z > 0) for (let j = 0; j < D; j++) emb[o + j] = emb[o + j]! / z;
  }
  const c = Math.max(k, opts.candidates);
  const near: TopK[] = Array.from({ length: n }, () => ({ cos: [], doc: [] }));
  searchCandidates(emb, n, D, c, near, parallel);

  // Rescore each document's candidates with the full rows. A pair that is a candidate both ways is computed
  // once: its dot product is the same sum either way (the products of the shared terms, in term order; the
  // other terms add zeros), so each cosine is the value the one-sided loop gives.
  const norms = rowNorms(dtm, weights);
  const dense = new Float64Array(dtm.nTerms);
  const dots: Float64Array[] = new Array<Float64Array>(n);
  const rows: NeighbourRow[] = [];
  const todo: number[] = [];
  for (let d = 0; d < n; d++) {
    const top: TopK = { cos: [], doc: [] };
    const nd = norms[d]!;
    const cand = near[d]!.doc;
    const dd = (dots[d] = new Float64Array(cand.length));
    if (nd > 0) {
      todo.length = 0;
      for (let i = 0; i < cand.length; i++) {
        const e = cand[i]!;
        const j = e < d ? near[e]!.doc.indexOf(d) : -1;
        if (j >= 0) dd[i] = dots[e]![j]!;
        else todo.push(i);
      }
      if (todo.length > 0) {
        for (let p = dtm.indptr[d]!; p < dtm.indptr[d + 1]!; p++) dense[dtm.indices[p]!] = weights[p]!;
        rowDots(dtm, weights, dense, cand, todo, dd);
        for (let p = dtm.indptr[d]!; p < dtm.indptr[d + 1]!; p++) dense[dtm.indices[p]!] = 0;
      }
      for (let i = 0; i < cand.length; i++) {
        const e = cand[i]!;
        if (dd[i]! > 0 && norms[e]! > 0) offer(top, k, Math.min(1, dd[i]! / (nd * norms[e]!)), e);
      }
    }
    pushRanked(rows, d, top);
  }
  return { rows, method: { method: 'projection', dimensions: D, candidates: c } };
}

/**
 * out[i] = Σ dense[t] · w(e, t) over the row of document e = docs[i], for
 * each i in `which`: each sum in the row's order, as a plain loop adds it;
 * four rows at a time so that four sums advance together.
 */
function rowDots(dtm: Pattern, weights: Float64Array, dense: Float64Array, docs: readonly number[], which: readonly number[], out: Float64Array): void {
  const { indptr, indices } = dtm;
  let w = 0;
  for (; w + 4 <= which.length; w += 4) {
    const i0 = which[w]!;
    const i1 = which[w + 1]!;
    const i2 = which[w + 2]!;
    const i3 = which[w + 3]!;
    let p0 = indptr[docs[i0]!]!;
    let p1 = indptr[docs[i1]!]!;
    let p2 = indptr[docs[i2]!]!;
    let p3 = indptr[docs[i3]!]!;
    const e0 = indptr[docs[i0]! + 1]!;
    const e1 = indptr[docs[i1]! + 1]!;
    const e2 = indptr[docs[i2]! + 1]!;
    const e3 = indptr[docs[i3]! + 1]!;
    const m = Math.min(e0 - p0, e1 - p1, e2 - p2, e3 - p3);
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let r = 0; r < m; r++) {
      s0 += dense[indices[p0]!]! * weights[p0]!;
      s1 += dense[indices[p1]!]! * weights[p1]!;
      s2 += dense[indices[p2]!]! * weights[p2]!;
      s3 += dense[indices[p3]!]! * weights[p3]!;
      p0++;
      p1++;
      p2++;
      p3++;
    }
    for (; p0 < e0; p0++) s0 += dense[indices[p0]!]! * weights[p0]!;
    for (; p1 < e1; p1++) s1 += dense[indices[p1]!]! * weights[p1]!;
    for (; p2 < e2; p2++) s2 += dense[indices[p2]!]! * weights[p2]!;
    for (; p3 < e3; p3++) s3 += dense[indices[p3]!]! * weights[p3]!;
    out[i0] = s0;
    out[i1] = s1;
    out[i2] = s2;
    out[i3] = s3;
  }
  for (; w < which.length; w++) {
    const i = which[w]!;
    let s = 0;
    for (let p = indptr[docs[i]!]!; p < indptr[docs[i]! + 1]!; p++) s += dense[indices[p]!]! * weights[p]!;
    out[i] = s;
  }
}

function pushRanked(rows: NeighbourRow[], d: number, top: TopK): void {
  const order = top.cos.map((_, i) => i).sort((i, j) => top.cos[j]! - top.cos[i]! || top.doc[i]! - top.doc[j]!);
  order.forEach((i, r) => rows.push({ doc: d, neighbour: top.doc[i]!, cosine: top.cos[i]!, rank: r + 1 }));
}

/** One weight per matrix entry and a whole k >= 0, or a RangeError naming what was wrong. */
function checkNeighbourArgs(dtm: Pattern, weights: Float64Array, k: number): void {
  if (weights.length !== dtm.indices.length) {
    throw new RangeError(`nearestNeighbours: ${weights.length} weights for ${dtm.indices.length} matrix entries`);
  }
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`nearestNeighbours: k must be a nonnegative integer, got ${k}`);
}

function exactNeighbours(dtm: Pattern, weights: Float64Array, k: number): NeighbourRow[] {
  checkNeighbourArgs(dtm, weights, k);
  const n = dtm.nDocs;
  if (k === 0) return [];
  const norms = rowNorms(dtm, weights);
  const { ptr, docs, values, pos } = invertedIndex(dtm, weights);
  const best: TopK[] = Array.from({ length: n }, () => ({ cos: [], doc: [] }));

  const dot = new Float64Array(n);
  const touched = new Uint8Array(n);
  const hits: number[] = [];
  for (let d = 0; d < n; d++) {
    const nd = norms[d]!;
    if (nd === 0) continue;
    const p0 = dtm.indptr[d]!;
    const p1 = dtm.indptr[d + 1]!;
    // Postings this document will walk (only later documents: pos[p] is d's
    // own place in term t's postings, which ascend by document). When they
    // cover the remaining documents anyway, scanning those afterwards is
    // cheaper than tracking which were hit.
    let work = 0;
    for (let p = p0; p < p1; p++) work += ptr[dtm.indices[p]! + 1]! - pos[p]! - 1;
    const track = work < n - d;
    for (let p = p0; p < p1; p++) {
      const w = weights[p]!;
      if (w === 0) continue;
      const q0 = pos[p]! + 1;
      const q1 = ptr[dtm.indices[p]! + 1]!;
      if (!track) {
        scatterAdd(dot, docs, values, q0, q1, w);
        continue;
      }
      for (let q = q0; q < q1; q++) {
        const e = docs[q]!;
        if (!touched[e]) {
          touched[e] = 1;
          hits.push(e);
        }
        dot[e]! += w * values[q]!;
      }
    }
    if (!track) for (let e = d + 1; e < n; e++) if (dot[e] !== 0) hits.push(e);
    for (const e of hits) {
      const ne = norms[e]!;
      if (ne > 0 && dot[e]! > 0) {
        // Rounding can put the cosine of parallel rows a hair above 1.
        const c = Math.min(1, dot[e]! / (nd * ne));
        offer(best[d]!, k, c, e);
        offer(best[e]!, k, c, d);
      }
      dot[e] = 0;
      touched[e] = 0;
    }
    hits.length = 0;
  }

  const rows: NeighbourRow[] = [];
  best.forEach((top, d) => pushRanked(rows, d, top));
  return rows;
}

/** dot[docs[q]] += w · values[q] for q in [q0, q1): kept small so the engine optimises it. */
function scatterAdd(dot: Float64Array, docs: Uint32Array, values: Float64Array, q0: number, q1: number, w: number): void {
  for (let q = q0; q < q1; q++) dot[docs[q]!]! += w * values[q]!;
}

/** L2 norm of every row of weights. */
function rowNorms(dtm: Pattern, weights: Float64Array): Float64Array {
  const norms = new Float64Array(dtm.nDocs);
  for (let d = 0; d < dtm.nDocs; d++) {
    let s = 0;
    for (let p = dtm.indptr[d]!; p < dtm.indptr[d + 1]!; p++) s += weights[p]! * weights[p]!;
    norms[d] = Math.sqrt(s);
  }
  return norms;
}

/**
 * The matrix by columns (CSC): for term t, its documents (ascending) and
 * weights at ptr[t] .. ptr[t+1]; pos[p] is where row entry p landed.
 */
function invertedIndex(dtm: Pattern, weights: Float64Array): { ptr: Uint32Array; docs: Uint32Array; values: Float64Array; pos: Uint32Array } {
  const nnz = dtm.indices.length;
  const ptr = new Uint32Array(dtm.nTerms + 1);
  for (let p = 0; p < nnz; p++) ptr[dtm.indices[p]! + 1]! += 1;
  for (let t = 0; t < dtm.nTerms; t++) ptr[t + 1]! += ptr[t]!;
  const next = ptr.slice(0, dtm.nTerms);
  const docs = new Uint32Array(nnz);
  const values = new Float64Array(nnz);
  const pos = new Uint32Array(nnz);
  for (let d = 0; d < dtm.nDocs; d++) {
    for (let p = dtm.indptr[d]!; p < dtm.indptr[d + 1]!; p++) {
      const q = next[dtm.indices[p]!]!++;
      docs[q] = d;
      values[q] = weights[p]!;
      pos[p] = q;
    }
  }
  return { ptr, docs, values, pos };
}
