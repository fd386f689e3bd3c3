import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeMatrixMarket } from '../../src/output/mtx.js';
import { seededUniform } from '../../src/random.js';
import type { Dtm } from '../../src/weigh/dtm.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-mtx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The file as the format defines it, built with template strings: the independent reference. */
function reference(m: Dtm, comments: string[]): string {
  const lines = ['%%MatrixMarket matrix coordinate integer general', ...comments.map((c) => `% ${c}`), `${m.nDocs} ${m.nTerms} ${m.indptr[m.nDocs]}`];
  for (let d = 0; d < m.nDocs; d++) for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) lines.push(`${d + 1} ${m.indices[k]! + 1} ${m.counts[k]}`);
  return `${lines.join('\n')}\n`;
}

describe('writeMatrixMarket', () => {
  it('writes each entry as "row column count", 1-based, digits right at every length (0-9, 10, 99, 100 ... 2^32-1)', () => {
    const counts = [1, 9, 10, 11, 99, 100, 101, 999, 1000, 65536, 4294967295];
    const m: Dtm = { nDocs: 2, nTerms: 4294967295, indptr: Uint32Array.of(0, 6, 11), indices: Uint32Array.of(0, 8, 9, 98, 99, 4294967294, 0, 9, 99, 999, 1000), counts: Uint32Array.from(counts) };
    const file = path.join(dir, 'digits.mtx');
    expect(writeMatrixMarket(file, m, ['a comment'])).toBe(11);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(reference(m, ['a comment']));
    // Worked by hand: the second entry is document 1, term 9, count 9; the last is document 2, term 1001, count 2^32-1.
    expect(text.split('\n')[4]).toBe('1 9 9');
    expect(text.trimEnd().split('\n').at(-1)).toBe('2 1001 4294967295');
  });

  it('gives the same bytes as the reference for a matrix larger than its 4 MB buffer, empty rows included', () => {
    const rand = seededUniform(5);
    const nDocs = 3000;
    const indptr = new Uint32Array(nDocs + 1);
    const indices: number[] = [];
    const counts: number[] = [];
    for (let d = 0; d < nDocs; d++) {
      // Every seventh document has no entries.
      if (d % 7 !== 3) for (let t = Math.floor(rand() * 5); t < 60_000; t += 1 + Math.floor(rand() * 400)) {
        indices.push(t);
        counts.push(1 + Math.floor(rand() ** 6 * 5000));
      }
      indptr[d + 1] = indices.length;
    }
    const m: Dtm = { nDocs, nTerms: 60_000, indptr, indices: Uint32Array.from(indices), counts: Uint32Array.from(counts) };
    const file = path.join(dir, 'large.mtx');
    writeMatrixMarket(file, m, ['multi\nline']);
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(4 << 20);
    expect(bytes.toString('utf8')).toBe(reference(m, ['multi line']));
  });
});
