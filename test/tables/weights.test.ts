import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phrases, phrasesParams } from '../../src/stages/phrases.js';
import { segment, segmentParams, tokensOf, type Tokens } from '../../src/stages/segment.js';
import { weigh, weighParams, type Weights } from '../../src/stages/weigh.js';
import { toCsv } from '../../src/tables/csv.js';
import { policyTermsTable, TFIDF_COLUMNS, writePolicyTermsCsv, writeTfidfCsv } from '../../src/tables/weights.js';
import { sampleCorpus } from '../fixtures/samples.js';

// The streamed writers format their rows by hand for speed; csv-stringify (toCsv) is the
// independent reference for the format, and the token lists for the counts.
let tokens: Tokens;
let w: Weights;
let dir: string;
beforeAll(async () => {
  const set = phrases(sampleCorpus(), phrasesParams.parse({}));
  tokens = await segment(sampleCorpus(), set, segmentParams.parse({ workers: 1 }));
  w = weigh(sampleCorpus(), tokens, set, weighParams.parse({}));
  dir = mkdtempSync(path.join(tmpdir(), 'govtext-weights-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('streamed weight tables on the samples', () => {
  it('tfidf.csv is what csv-stringify writes for the cells, counts are the token counts, rows by tf-idf', () => {
    const rows = writeTfidfCsv(w, dir, 'all');
    const expected: (string | number)[][] = [];
    tokens.documents.forEach((d, di) => {
      const count = new Map<string, number>();
      for (const t of tokensOf(tokens, d)) count.set(t, (count.get(t) ?? 0) + 1);
      const cells: { term: string; k: number }[] = [];
      for (let k = w.features.indptr[di]!; k < w.features.indptr[di + 1]!; k++) cells.push({ term: w.vocab[w.features.indices[k]!]!, k });
      expect(cells.length).toBe(count.size);
      cells.sort((a, b) => w.tfidf.weights[b.k]! - w.tfidf.weights[a.k]! || (a.term < b.term ? -1 : 1));
      for (const { term, k } of cells) {
        const t = w.features.indices[k]!;
        expected.push([d.doc_id, term, count.get(term)!, count.get(term)!, w.tfidf.df[t]!, w.tfidf.idf[t]!, w.tfidf.weights[k]!]);
      }
    });
    expect(rows).toBe(expected.length);
    expect(readFileSync(path.join(dir, 'tfidf.csv'), 'utf8')).toBe(toCsv({ columns: TFIDF_COLUMNS, rows: expected }));
  });

  it('tfidf.csv with top N keeps each document\'s first N rows', () => {
    const rows = writeTfidfCsv(w, dir, 3);
    expect(rows).toBe(tokens.documents.reduce((n, d) => n + Math.min(3, new Set(d.ids).size), 0));
  });

  it('policy_terms.csv streamed is byte-identical to the table written by csv-stringify', () => {
    const table = policyTermsTable(w);
    expect(table.rows.length).toBeGreaterThan(100);
    expect(writePolicyTermsCsv(w, dir)).toBe(table.rows.length);
    expect(readFileSync(path.join(dir, 'policy_terms.csv'), 'utf8')).toBe(toCsv(table));
  });
});
