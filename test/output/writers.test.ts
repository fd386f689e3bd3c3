import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { WRITERS, writeRunOutputs } from '../../src/output/writers.js';
import { LATER, PARQUET, type TableRecord } from '../../src/artifacts/run.js';
import type { Corpus } from '../../src/artifacts/corpus.js';
import { segmentParams, tokensOf, type Tokens } from '../../src/artifacts/tokens.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-writers-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('tokens.jsonl', () => {
  it('writes each line as JSON.stringify gives {doc_id, tokens, paragraph_starts}, escapes included', async () => {
    // Tokens that JSON escapes (quote, backslash, control character, lone surrogate) and ones it does not.
    const vocab = ['乡村振兴', 'say "hi"', 'a\\b', 'tab\there', '\ud800', '😀', '\u2028'];
    const documents = [
      { doc_id: 'd"1', ids: Uint32Array.from([0, 1, 2, 0, 3]), paragraphStarts: Uint32Array.from([0, 2]) },
      { doc_id: 'empty', ids: new Uint32Array(0), paragraphStarts: Uint32Array.from([0]) },
      { doc_id: 'd3', ids: Uint32Array.from([4, 5, 6, 6]), paragraphStarts: Uint32Array.from([0, 1, 1, 3]) },
    ];
    const tokens: Tokens = { vocab, documents, messages: [], meta: { stage: 'segment', params: segmentParams.parse({}), compounds: 0, workers: 1 } };
    const records: unknown[] = [];
    expect(await WRITERS.tokens!(tokens, dir, (r) => records.push(r), { sources: [] })).toEqual(['tokens.jsonl']);
    const expected = documents.map((d) => `${JSON.stringify({ doc_id: d.doc_id, tokens: tokensOf(tokens, d), paragraph_starts: Array.from(d.paragraphStarts) })}\n`).join('');
    const text = readFileSync(path.join(dir, 'tokens.jsonl'), 'utf8');
    expect(text).toBe(expected);
    expect(JSON.parse(text.split('\n')[0]!)).toEqual({ doc_id: 'd"1', tokens: ['乡村振兴', 'say "hi"', 'a\\b', '乡村振兴', 'tab\there'], paragraph_starts: [0, 2] });
    expect(JSON.parse(text.split('\n')[1]!)).toEqual({ doc_id: 'empty', tokens: [], paragraph_starts: [0] });
    expect(records).toEqual([{ file: 'tokens.jsonl', rows: 3, built: 'streamed' }]);
  });
});

describe('corpus.csv', () => {
  // Two documents built here: 一段文字。(5 characters) and two paragraphs of 2 + 3.
  const corpus: Corpus = {
    documents: [
      { doc_id: 'a', source_file: 'a.txt', title: '甲', region: '', level: 'unknown', province: '', year: 2020, meeting_date: '', session: '', speaker: '', kind: 'report', paragraphs: ['一段文字。'], sections: [] },
      { doc_id: 'b', source_file: 'b.txt', title: '乙', region: '', level: 'unknown', province: '', year: 2021, meeting_date: '', session: '', speaker: '', kind: 'report', paragraphs: ['两字', '三个字'], sections: [] },
    ],
    messages: [],
    meta: { stage: 'ingest', params: {} },
  };
  const rows = () => (parseCsv(readFileSync(path.join(dir, 'corpus.csv'), 'utf8'), { bom: true }) as string[][]).slice(1).map((r) => [r[0], r[11], r[12], r[13]]);

  it('is written by the corpus writer, without tokens, when no later stage counts tokens', async () => {
    const records: TableRecord[] = [];
    const files = await WRITERS.corpus!(corpus, dir, (r) => records.push(r), { sources: [], corpus }, new Set());
    expect(files).toEqual(['corpus.csv', 'sections.csv', 'clean/ (2 files)']);
    expect(rows()).toEqual([['a', '5', '1', ''], ['b', '5', '2', '']]);
    expect(records.map((r) => [r.file, r[LATER]])).toEqual([['corpus.csv', undefined], ['sections.csv', undefined]]);
  });

  it('is left for after the last stage when a later stage makes tokens, and then written once with the tokens column', async () => {
    const records: TableRecord[] = [];
    const files = await WRITERS.corpus!(corpus, dir, (r) => records.push(r), { sources: [], corpus }, new Set(['tokens', 'weights'] as const));
    // Listed in its place, not written: only its place is recorded.
    expect(files).toEqual(['corpus.csv', 'sections.csv', 'clean/ (2 files)']);
    expect(existsSync(path.join(dir, 'corpus.csv'))).toBe(false);
    expect(records.filter((r) => r[LATER]).map((r) => [r.file, r[PARQUET]?.file])).toEqual([['corpus.csv', 'corpus.parquet']]);
    // After the last stage: 3 tokens of a, 0 of b (b has no tokens left).
    const tokens: Tokens = { vocab: ['一段', '文字', '两字'], documents: [{ doc_id: 'a', ids: Uint32Array.from([0, 1, 1]), paragraphStarts: Uint32Array.from([0]) }, { doc_id: 'b', ids: new Uint32Array(0), paragraphStarts: Uint32Array.from([0, 0]) }], messages: [], meta: { stage: 'segment', params: segmentParams.parse({}), compounds: 0, workers: 1 } };
    const after: TableRecord[] = [];
    const written = writeRunOutputs({ sources: [], corpus, tokens }, dir, (r) => after.push(r), ['corpus.csv']);
    expect(written.files.slice(0, 2)).toEqual(['corpus.csv', 'corpus.dta']);
    expect(rows()).toEqual([['a', '5', '1', '3'], ['b', '5', '2', '0']]);
    expect(after.filter((r) => r.file === 'corpus.csv')).toHaveLength(1);
  });
});
