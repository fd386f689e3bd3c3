import { describe, expect, it } from 'vitest';
import { buildDtm } from '../../src/weigh/dtm.js';
import { seededUniform } from '../../src/random.js';

/** The matrix recounted with Maps: each document's distinct ids ascending, with their counts. */
function recount(docs: Uint32Array[]): { indices: number[]; counts: number[]; indptr: number[] } {
  const out = { indices: [] as number[], counts: [] as number[], indptr: [0] };
  for (const ids of docs) {
    const c = new Map<number, number>();
    for (const id of ids) c.set(id, (c.get(id) ?? 0) + 1);
    for (const id of [...c.keys()].sort((a, b) => a - b)) {
      out.indices.push(id);
      out.counts.push(c.get(id)!);
    }
    out.indptr.push(out.indices.length);
  }
  return out;
}

describe('buildDtm', () => {
  // A small vocabulary (rows read back from the counts) and a large one (rows sorted): the same matrix.
  for (const nTerms of [20, 5000]) {
    it(`counts each document's tokens (vocabulary of ${nTerms})`, () => {
      const rand = seededUniform(nTerms);
      const docs = Array.from({ length: 30 }, (_, d) => Uint32Array.from({ length: d === 3 ? 0 : Math.floor(rand() * 200) }, () => Math.floor(rand() * rand() * nTerms)));
      const m = buildDtm(docs, nTerms);
      const r = recount(docs);
      expect(Array.from(m.indptr)).toEqual(r.indptr);
      expect(Array.from(m.indices)).toEqual(r.indices);
      expect(Array.from(m.counts)).toEqual(r.counts);
      expect([m.nDocs, m.nTerms]).toEqual([30, nTerms]);
    });
  }
});
