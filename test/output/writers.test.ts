import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WRITERS } from '../../src/output/writers.js';
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
