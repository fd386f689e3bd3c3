import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDtm, type Dtm } from '../../src/weigh/dtm.js';
import { nearestNeighbours, nearestNeighboursBounded, type NeighbourRow } from '../../src/weigh/similarity.js';
import { tfidf } from '../../src/weigh/tfidf.js';

const scheme = (norm: 'l2' | 'l1' | 'none') => ({ smoothIdf: true, sublinearTf: false, norm });

// Corpus A, terms a=0, b=1, c=2:  d0 = a b   d1 = a   d2 = b   d3 = c   d4 = (no terms)
// N = 5, df(a) = df(b) = 2, so idf(a) = idf(b) = ln(6/3) + 1 = 1 + ln 2 =: i.
// Rows: d0 = (i, i, 0), d1 = (i, 0, 0), d2 = (0, i, 0), d3 = (0, 0, idf(c)), d4 = 0.
//   cos(d0, d1) = i·i / (√2·i · i) = 1/√2 = 0.7071067811865475 = cos(d0, d2)   (a tie)
//   cos(d1, d2) = 0, and d3 shares no term with anyone: cos = 0 with all.
describe('nearest neighbours: ties, k beyond the other documents, empty documents', () => {
  const dtm = buildDtm([Uint32Array.of(0, 1), Uint32Array.of(0), Uint32Array.of(1), Uint32Array.of(2), Uint32Array.of()], 3);
  const w = tfidf(dtm, scheme('l2')).weights;
  const rows = nearestNeighbours(dtm, w, 10);

  it('lists only documents with cosine > 0, however large k', () => {
    expect(rows.map((r) => [r.doc, r.neighbour, r.rank])).toEqual([
      [0, 1, 1],
      [0, 2, 2], // tied with d1 at 1/√2: the lower index ranks first
      [1, 0, 1],
      [2, 0, 1],
      // d3: no shared term; d4: no terms — no neighbours, and nobody's
    ]);
    for (const r of rows) expect(r.cosine).toBeCloseTo(Math.SQRT1_2, 15);
    expect(rows[0]!.cosine).toBe(rows[1]!.cosine);
  });

  it('k = 1 keeps the first of the tie; k = 0 gives nothing', () => {
    expect(nearestNeighbours(dtm, w, 1).filter((r) => r.doc === 0).map((r) => r.neighbour)).toEqual([1]);
    expect(nearestNeighbours(dtm, w, 0)).toEqual([]);
  });
});

// Corpus B, terms a=0, b=1, c=2, with counts (the vectors (1,1,0), (1,0,0), (0,0,1) and one more):
//   d0 = a b → (1,1,0)   d1 = a → (1,0,0)   d2 = c → (0,0,1)   d3 = a a b c → (2,1,1)
// N = 4, df(a) = 3, df(b) = df(c) = 2:
//   ia = ln(5/4) + 1 = 1.2231435513142097,  ib = ic = ln(5/3) + 1 = 1.5108256237659907
// tf-idf rows (before normalising): d0 = (ia, ib, 0), d1 = (ia, 0, 0), d2 = (0, 0, ic), d3 = (2ia, ib, ic)
//   ‖d0‖ = √(ia² + ib²) = 1.943881223879029,  ‖d3‖ = √(4ia² + ib² + ic²) = 3.2480007264996016
//   cos(d0, d1) = ia² / (‖d0‖ ia) = ia / ‖d0‖                   = 0.6292275146695526
//   cos(d0, d3) = (2ia² + ib²) / (‖d0‖ ‖d3‖) = 5.27476 / 6.31372 = 0.835442177896598
//   cos(d1, d3) = 2ia² / (ia ‖d3‖) = 2ia / ‖d3‖                 = 0.7531670429349947
//   cos(d2, d3) = ic² / (ic ‖d3‖) = ic / ‖d3‖                    = 0.4651555682976157
//   cos(d0, d2) = cos(d1, d2) = 0
describe('nearest neighbours: cosines worked by hand', () => {
  const dtm = buildDtm([Uint32Array.of(0, 1), Uint32Array.of(0), Uint32Array.of(2), Uint32Array.of(0, 0, 1, 2)], 3);
  const ia = Math.log(5 / 4) + 1;
  const ib = Math.log(5 / 3) + 1;
  const n0 = Math.hypot(ia, ib);
  const n3 = Math.hypot(2 * ia, ib, ib);
  const cos01 = ia / n0;
  const cos03 = (2 * ia * ia + ib * ib) / (n0 * n3);
  const cos13 = (2 * ia) / n3;
  const cos23 = ib / n3;
  it('the formulas give the numbers above', () => {
    expect(cos01).toBeCloseTo(0.6292275146695526, 15);
    expect(cos03).toBeCloseTo(0.835442177896598, 15);
    expect(cos13).toBeCloseTo(0.7531670429349947, 15);
    expect(cos23).toBeCloseTo(0.4651555682976157, 15);
  });

  const expected = [
    [0, 3, cos03, 1],
    [0, 1, cos01, 2],
    [1, 3, cos13, 1],
    [1, 0, cos01, 2],
    [2, 3, cos23, 1],
    [3, 0, cos03, 1],
    [3, 1, cos13, 2],
    [3, 2, cos23, 3],
  ] as const;

  for (const norm of ['none', 'l2', 'l1'] as const) {
    it(`rows weighted with norm '${norm}' give the same cosines (norms are divided out)`, () => {
      const rows = nearestNeighbours(dtm, tfidf(dtm, scheme(norm)).weights, 3);
      expect(rows.map((r) => [r.doc, r.neighbour, r.rank])).toEqual(expected.map(([d, e, , r]) => [d, e, r]));
      rows.forEach((r, i) => expect(r.cosine).toBeCloseTo(expected[i]![2], 14));
    });
  }

  it('k = 2 truncates d3 to its two nearest', () => {
    const rows = nearestNeighbours(dtm, tfidf(dtm, scheme('l2')).weights, 2).filter((r) => r.doc === 3);
    expect(rows.map((r) => r.neighbour)).toEqual([0, 1]);
  });

  it('rejects misaligned weights and a bad k', () => {
    const w = tfidf(dtm, scheme('l2')).weights;
    expect(() => nearestNeighbours(dtm, w.subarray(1), 2)).toThrow(RangeError);
    expect(() => nearestNeighbours(dtm, w, -1)).toThrow(RangeError);
    expect(() => nearestNeighbours(dtm, w, 1.5)).toThrow(RangeError);
  });
});

/** Every pair by a dense loop over all terms: the reference the sparse method must equal. */
function bruteForce(dtm: Dtm, weights: Float64Array, k: number): NeighbourRow[] {
  const dense = Array.from({ length: dtm.nDocs }, (_, d) => {
    const row = new Float64Array(dtm.nTerms);
    for (let p = dtm.indptr[d]!; p < dtm.indptr[d + 1]!; p++) row[dtm.indices[p]!] = weights[p]!;
    return row;
  });
  const norm = dense.map((r) => Math.sqrt(r.reduce((s, x) => s + x * x, 0)));
  const out: NeighbourRow[] = [];
  dense.forEach((u, d) => {
    const found: { e: number; cos: number }[] = [];
    dense.forEach((v, e) => {
      if (e === d || norm[d] === 0 || norm[e] === 0) return;
      const dot = u.reduce((s, x, t) => s + x * v[t]!, 0);
      if (dot > 0) found.push({ e, cos: Math.min(1, dot / (norm[d]! * norm[e]!)) });
    });
    found.sort((x, y) => y.cos - x.cos || x.e - y.e);
    found.slice(0, k).forEach((f, r) => out.push({ doc: d, neighbour: f.e, cosine: f.cos, rank: r + 1 }));
  });
  return out;
}

describe('nearest neighbours equal an all-pairs dense computation', () => {
  it('on random corpora (ties, k beyond the documents, every norm)', () => {
    const corpus = fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 8 }), { minLength: 1, maxLength: 12 });
    const norm = fc.constantFrom('l2' as const, 'l1' as const, 'none' as const);
    fc.assert(
      fc.property(corpus, fc.integer({ min: 0, max: 13 }), fc.boolean(), norm, (docs, k, sublinear, nm) => {
        const dtm = buildDtm(docs.map((d) => Uint32Array.from(d)), 6);
        const w = tfidf(dtm, { smoothIdf: true, sublinearTf: sublinear, norm: nm }).weights;
        expect(nearestNeighbours(dtm, w, k)).toEqual(bruteForce(dtm, w, k));
      }),
      { numRuns: 500 },
    );
  });
});

describe('nearest neighbours over budget: candidates from a random projection, rescored exactly', () => {
  const corpus = fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 10 }), { minLength: 1, maxLength: 14 });

  it('with every other document a candidate, equal the all-pairs dense computation', () => {
    fc.assert(
      fc.property(corpus, fc.integer({ min: 0, max: 15 }), (docs, k) => {
        const dtm = buildDtm(docs.map((d) => Uint32Array.from(d)), 8);
        const w = tfidf(dtm, scheme('l2')).weights;
        const { rows, method } = nearestNeighboursBounded(dtm, w, k, { budget: 0, dimensions: 16, candidates: docs.length });
        expect(rows).toEqual(bruteForce(dtm, w, k));
        // No shared entries (work 0) is within any budget.
        if (k > 0 && dtm.indices.length > 0) expect(method).toEqual({ method: 'projection', dimensions: 16, candidates: Math.max(k, docs.length) });
      }),
      { numRuns: 300 },
    );
  });

  it('with few candidates, every cosine written is the exact cosine of its pair, ranked', () => {
    fc.assert(
      fc.property(corpus, (docs) => {
        const dtm = buildDtm(docs.map((d) => Uint32Array.from(d)), 8);
        const w = tfidf(dtm, scheme('l2')).weights;
        const exact = new Map(bruteForce(dtm, w, docs.length).map((r) => [`${r.doc},${r.neighbour}`, r.cosine]));
        const { rows } = nearestNeighboursBounded(dtm, w, 2, { budget: 0, dimensions: 8, candidates: 3 });
        for (const r of rows) expect(r.cosine).toBe(exact.get(`${r.doc},${r.neighbour}`));
        for (let i = 1; i < rows.length; i++) {
          if (rows[i]!.doc === rows[i - 1]!.doc) {
            expect(rows[i]!.rank).toBe(rows[i - 1]!.rank + 1);
            expect(rows[i]!.cosine).toBeLessThanOrEqual(rows[i - 1]!.cosine);
          } else expect(rows[i]!.rank).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('within budget, is the exact method', () => {
    const dtm = buildDtm([Uint32Array.of(0, 1), Uint32Array.of(0), Uint32Array.of(1, 2), Uint32Array.of(2)], 3);
    const w = tfidf(dtm, scheme('l2')).weights;
    // Σ df²/2 = (4 + 4 + 4)/2 = 6 multiply-adds.
    expect(nearestNeighboursBounded(dtm, w, 2, { budget: 6, dimensions: 4, candidates: 2 })).toEqual({ rows: nearestNeighbours(dtm, w, 2), method: { method: 'exact' } });
    expect(nearestNeighboursBounded(dtm, w, 2, { budget: 5, dimensions: 4, candidates: 2 }).method.method).toBe('projection');
  });
});
