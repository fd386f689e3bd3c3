import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams } from '../../src/artifacts/phrases.js';
import { segment } from '../../src/stages/segment.js';
import { segmentParams, tokensOf, type Tokens } from '../../src/artifacts/tokens.js';
import { weigh } from '../../src/stages/weigh.js';
import { weighParams, type Weights } from '../../src/artifacts/weights.js';
import { toCsv } from '../../src/output/csv.js';
import { policyTermsTable, TFIDF_COLUMNS, writePolicyTermsCsv, writeTfidfCsv } from '../../src/tables/weights.js';
import { sampleCorpus } from '../fixtures/samples.js';
import { parse } from 'csv-parse/sync';
import { WRITERS } from '../../src/output/writers.js';
import { type TableRecord } from '../../src/artifacts/run.js';
import type { PhraseSet } from '../../src/artifacts/phrases.js';

// The streamed writers format their rows by hand for speed; csv-stringify (toCsv) is the
// independent reference for the format, and the token lists for the counts.
let tokens: Tokens;
let w: Weights;
let dir: string;
let set: PhraseSet;
beforeAll(async () => {
  set = phrases(sampleCorpus(), phrasesParams.parse({}));
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

/** A written CSV as records (BOM and header handled by csv-parse). */
const readCsv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

/** The weigh writer into a fresh folder: the files' rows and the records it makes for the manifest. */
function writeWeights(weights: Weights): { out: string; records: Map<string, TableRecord> } {
  const out = mkdtempSync(path.join(dir, 'w-'));
  const records = new Map<string, TableRecord>();
  void WRITERS.weights!(weights, out, (r) => records.set(r.file, r), { sources: [] });
  return { out, records };
}

describe('tfidf.csv and policy_terms.csv cut per document (tfidf_rows, policy_rows)', () => {
  it("'all' writes every row, with no cut in the records or warnings", () => {
    const all = weigh(sampleCorpus(), tokens, set, weighParams.parse({ tfidf_rows: 'all', policy_rows: 'all' }));
    const { out, records } = writeWeights(all);
    // Every (document, distinct token) pair, recounted from the tokens.
    const pairs = tokens.documents.reduce((n, d) => n + new Set(d.ids).size, 0);
    expect(readCsv(path.join(out, 'tfidf.csv')).length).toBe(pairs);
    expect(records.get('tfidf.csv')).toEqual({ file: 'tfidf.csv', rows: pairs, built: 'streamed' });
    expect(readCsv(path.join(out, 'policy_terms.csv')).length).toBe(all.policyTable.pos.length);
    expect(records.get('policy_terms.csv')?.cut).toBeUndefined();
    expect(all.messages.filter((m) => m.origin.endsWith('_rows'))).toEqual([]);
  });

  it("'auto' on the samples (far under 1,000,000 rows) writes every row", () => {
    expect(w.meta.params.tfidf_rows).toBe('auto');
    expect(w.meta.params.policy_rows).toBe('auto');
    expect(w.meta.rows.tfidf).toMatchObject({ perDocument: Infinity, rows: w.features.indices.length, of: w.features.indices.length, rule: '' });
    expect(w.meta.rows.policy_terms).toMatchObject({ perDocument: Infinity, rows: w.policyTable.pos.length, of: w.policyTable.pos.length });
  });

  it('a small value keeps each document\'s top rows, says so in the records and warns once per file', () => {
    const cut = weigh(sampleCorpus(), tokens, set, weighParams.parse({ tfidf_rows: 3, policy_rows: 2 }));
    const { out, records } = writeWeights(cut);

    // tfidf.csv: each document's 3 rows of highest tf-idf (ties by term), recounted from the tokens and the full table.
    const whole = mkdtempSync(path.join(dir, 'all-'));
    writeTfidfCsv(cut, whole, 'all');
    const full = readCsv(path.join(whole, 'tfidf.csv'));
    const written = readCsv(path.join(out, 'tfidf.csv'));
    const expected = tokens.documents.flatMap((d) => {
      const rows = full.filter((r) => r.doc_id === d.doc_id);
      expect(rows.length).toBe(new Set(d.ids).size);
      // Independently ordered: by tf-idf as parsed, then term.
      rows.sort((a, b) => Number(b.tfidf) - Number(a.tfidf) || (a.term! < b.term! ? -1 : 1));
      return rows.slice(0, 3);
    });
    expect(written).toEqual(expected);
    const of = tokens.documents.reduce((n, d) => n + new Set(d.ids).size, 0);
    expect(records.get('tfidf.csv')).toEqual({
      file: 'tfidf.csv',
      rows: 3 * tokens.documents.length,
      built: 'streamed',
      cut: { of, per_document: 3, rule: "each document's 3 terms of highest tf-idf (ties by term)", parameter: 'weigh.tfidf_rows', all: '--set weigh.tfidf_rows=all' },
    });

    // policy_terms.csv: each document's 2 terms of most hits (ties by term), from the full table's rows.
    const policy = policyTermsTable(cut).rows.map((r) => ({ doc_id: String(r[0]), term: String(r[1]), count: Number(r[3]) }));
    const policyWritten = readCsv(path.join(out, 'policy_terms.csv'));
    const byDoc = new Map<string, typeof policy>();
    for (const p of policy) byDoc.set(p.doc_id, [...(byDoc.get(p.doc_id) ?? []), p]);
    const policyExpected = [...byDoc.values()].flatMap((rows) => [...rows].sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : 1)).slice(0, 2));
    expect(policyWritten.map((r) => ({ doc_id: r.doc_id, term: r.term, count: Number(r.count) }))).toEqual(policyExpected);
    expect(records.get('policy_terms.csv')).toMatchObject({ rows: policyExpected.length, cut: { of: policy.length, per_document: 2, parameter: 'weigh.policy_rows' } });

    // One warning per file, naming it, the rule and the setting that writes every row.
    const warnings = cut.messages.filter((m) => m.origin === 'weigh:tfidf_rows' || m.origin === 'weigh:policy_rows');
    expect(warnings.map((m) => m.origin)).toEqual(['weigh:tfidf_rows', 'weigh:policy_rows']);
    expect(warnings[0]!.text).toContain(`tfidf.csv holds ${3 * tokens.documents.length} of ${of} rows, each document's 3 terms of highest tf-idf`);
    expect(warnings[0]!.text).toContain('--set weigh.tfidf_rows=all');
    expect(warnings[1]!.text).toContain('policy_terms.csv holds');
    expect(warnings[1]!.text).toContain('--set weigh.policy_rows=all');

    // The in-memory tables stay whole: keywords (20 a document) and the policy-term table.
    expect(cut.keywords.length).toBe(w.keywords.length);
    expect(cut.policyTable.pos.length).toBe(w.policyTable.pos.length);
  });
});
