import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { FRAME_MAX_ROWS, writeRows, writeTable, type RowSource } from '../../src/output/write-table.js';
import { PARQUET, type TableRecord } from '../../src/artifacts/run.js';
import type { Cell } from '../../src/artifacts/frame.js';

/** Row i of a built table: Chinese text with a comma and a quote now and then, an integer, a fraction, an empty cell. */
const row = (i: number): Cell[] => [`乡村振兴${i % 7 === 0 ? '，"示范"' : ''}${i}`, i, i % 3 === 0 ? i / 8 : null, i % 5 === 0 ? '' : '县'];
const columns = ['phrase', 'n', 'share', 'level'];
const source = (n: number, length = n): RowSource => ({
  name: 't',
  columns,
  length,
  *rows() {
    for (let i = 0; i < n; i++) yield row(i);
  },
});

/** The CSV read back by csv-parse, every cell as text. */
const readBack = (file: string) => parseCsv(readFileSync(file, 'utf8').replace(/^\ufeff/u, ''), { columns: true }) as Record<string, string>[];
const asText = (c: Cell) => (c === null || c === undefined ? '' : String(c));

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-rows-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeRows: a table made row by row as it is written', () => {
  it('streams a table longer than FRAME_MAX_ROWS: every row reads back, in order, and its record says so', () => {
    const n = FRAME_MAX_ROWS + 1234;
    const records: TableRecord[] = [];
    expect(writeRows(source(n), dir, (r) => records.push(r))).toBe('t.csv');
    const back = readBack(path.join(dir, 't.csv'));
    expect(back.length).toBe(n);
    for (const i of [0, 1, 7, 15, 49_999, n - 1]) expect(Object.values(back[i]!)).toEqual(row(i).map(asText));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ file: 't.csv', rows: n, built: 'streamed' });
    // Its Parquet twin reads the CSV, with the types its one pass saw.
    expect(records[0]![PARQUET]?.plan?.types).toHaveLength(4);
  });

  it('writes a short table byte for byte as writeTable does (through a DataFrame)', () => {
    writeRows(source(500), dir, () => undefined);
    const streamed = readFileSync(path.join(dir, 't.csv'));
    writeTable({ name: 't', columns, rows: [...source(500).rows()] }, dir, () => undefined);
    expect(readFileSync(path.join(dir, 't.csv')).equals(streamed)).toBe(true);
  });

  it('writes the same bytes streamed as writeTable streams a long table held whole', () => {
    const n = FRAME_MAX_ROWS + 10;
    writeRows(source(n), dir, () => undefined);
    const streamed = readFileSync(path.join(dir, 't.csv'));
    writeTable({ name: 't', columns, rows: [...source(n).rows()] }, dir, () => undefined);
    expect(readFileSync(path.join(dir, 't.csv')).equals(streamed)).toBe(true);
  });

  it('names the file when the rows made differ from the length declared', () => {
    expect(() => writeRows(source(FRAME_MAX_ROWS + 5, FRAME_MAX_ROWS + 6), dir, () => undefined)).toThrow(/t\.csv: 50005 rows written, 50006 declared/u);
  });
});
