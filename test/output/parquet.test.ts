import { readdirSync, readFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParquetWriter, inferParquetTypes, planParquet } from '../../src/output/parquet.js';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { applyOverrides, loadPipeline } from '../../src/pipeline/spec.js';
import { CsvWriter, formatNumber, neutralizeFormula } from '../../src/output/csv.js';
import type { Cell } from '../../src/artifacts/frame.js';
import { ROOT } from '../fixtures/samples.js';

/*
 * Every Parquet file of a default run over the samples, read back with
 * hyparquet (a reader independent of DuckDB, which wrote them) and compared
 * cell by cell with its CSV; tfidf.csv and policy_terms.csv are cut (two and
 * three rows a document), and so are their Parquet files.
 */

let tmp: string;
let out: string;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'govtext-parquet-'));
  out = path.join(tmp, 'out');
  const pipeline = applyOverrides(loadPipeline(path.join(ROOT, 'pipelines/default.yaml')), ['weigh.tfidf_rows=2', 'weigh.policy_rows=3']);
  await runPipeline(pipeline, { inputs: [path.join(ROOT, 'data/raw')], out, cwd: ROOT, progress: createProgress(process.stderr, true) });
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const readParquet = async (file: string) => (await parquetReadObjects({ file: await asyncBufferFromFile(file) })) as Record<string, unknown>[];
const readCsv = (file: string) => parseCsv(readFileSync(file, 'utf8'), { bom: true }) as string[][];

/** A Parquet value as the CSV writer prints it. */
function asCsv(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return neutralizeFormula(String(v));
}

/** Rows of a CSV as a multiset key → count, for tables compared without regard to order. */
const key = (r: readonly string[]) => r.join('\u0001');

describe('Parquet files of a run', () => {
  it('has a Parquet file for every CSV table, holding the same columns and cells', async () => {
    const csvs = [...readdirSync(out).filter((f) => f.endsWith('.csv')), ...readdirSync(path.join(out, 'tables')).filter((f) => f.endsWith('.csv')).map((f) => `tables/${f}`)];
    expect(csvs.length).toBeGreaterThan(25);
    for (const csv of csvs) {
      const pq = path.join(out, csv.replace(/\.csv$/u, '.parquet'));
      expect(existsSync(pq), pq).toBe(true);
      const [header, ...rows] = readCsv(path.join(out, csv));
      const objects = await readParquet(pq);
      const got = objects.map((o) => header!.map((c) => asCsv(o[c])));
      expect(got.length, csv).toBe(rows.length);
      expect(got, csv).toEqual(rows);
    }
  });

  it('cuts tfidf.parquet and policy_terms.parquet as their CSVs are cut, and says so in their records', async () => {
    const tokens = readFileSync(path.join(out, 'tokens.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { doc_id: string; tokens: string[] });
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { tables: { file: string; rows: number; cut?: { of: number; per_document: number } }[] };
    // Independently: one tfidf row per distinct token of a document (min_df 1, no max_features by default).
    const distinct = tokens.reduce((n, d) => n + new Set(d.tokens).size, 0);
    for (const [file, perDoc] of [['tfidf', 2], ['policy_terms', 3]] as const) {
      const [header, ...rows] = readCsv(path.join(out, `${file}.csv`));
      const got = (await readParquet(path.join(out, `${file}.parquet`))).map((o) => header!.map((c) => asCsv(o[c])));
      expect(got.map(key), file).toEqual(rows.map(key));
      // Each document's first rows: at most perDoc a document, each document with rows has min(perDoc, its terms).
      const perDocument = new Map<string, number>();
      for (const r of got) perDocument.set(r[0]!, (perDocument.get(r[0]!) ?? 0) + 1);
      expect(Math.max(...perDocument.values()), file).toBe(perDoc);
      if (file === 'tfidf') expect(got.length).toBe(tokens.reduce((n, d) => n + Math.min(perDoc, new Set(d.tokens).size), 0));
      const [csvRecord, twin] = [`${file}.csv`, `${file}.parquet`].map((f) => manifest.tables.find((t) => t.file === f)!);
      expect(twin!.rows, file).toBe(rows.length);
      expect(twin!.cut, file).toEqual(csvRecord!.cut);
      expect(twin!.cut?.per_document, file).toBe(perDoc);
      if (file === 'tfidf') expect(twin!.cut?.of).toBe(distinct);
    }
  });

  it('gives the same bytes for the same table, and types columns from their values', async () => {
    const rows = [['乡村振兴', 3, 0.5, true], ['=1+1', 4, null, false], [null, 5, 1e-300, null]] as const;
    expect(inferParquetTypes(['a', 'b', 'c', 'd'], rows)).toEqual(['VARCHAR', 'BIGINT', 'DOUBLE', 'BOOLEAN']);
    const pq = await ParquetWriter.open();
    try {
      for (const f of ['a.parquet', 'b.parquet']) await pq.write(tmp, { file: f, columns: ['a', 'b', 'c', 'd'], rows: () => rows });
    } finally {
      await pq.close();
    }
    expect(readFileSync(path.join(tmp, 'a.parquet')).equals(readFileSync(path.join(tmp, 'b.parquet')))).toBe(true);
    expect(await readParquet(path.join(tmp, 'a.parquet'))).toEqual([
      { a: '乡村振兴', b: 3n, c: 0.5, d: true },
      { a: '=1+1', b: 4n, c: null, d: false },
      { a: null, b: 5n, c: 1e-300, d: null },
    ]);
  });
});

describe('Parquet read back from the CSV by DuckDB', () => {
  // Cells a CSV could get wrong: formula-like text (and text already starting with apostrophes), quotes, commas,
  // line breaks, spaces at the ends, CJK, an empty string in a column without NULLs, doubles at the ends of their range.
  const columns = ['text', 'blank', 'whole', 'real', 'flag', 'mixed'];
  const rows: Cell[][] = [
    ['=SUM(A1)', '', 3, 0.1 + 0.2, true, 'x'],
    ["'=already", '', -7, 1e21, false, 2.5],
    ['a "quoted", comma\r\nand lines\nhere', 'b', 9007199254740991, 5e-324, null, true],
    ['  spaces at the ends  ', '', 0, -1.7976931348623157e308, true, null],
    ["''+1", 'c', null, NaN, false, -3],
    ['@home\tand -minus', '', 12, 123456789.123456789, true, '-0'],
    ['乡村振兴，"一带一路"', 'd', 1, 1 / 3, null, 'null'],
    [null, '', 2, null, false, 'NULL'],
  ];

  it('gives the file the rows give when appended one by one, byte for byte, holding the values', async () => {
    const dir = mkdtempSync(path.join(tmp, 'csv-'));
    const csv = new CsvWriter(path.join(dir, 't.csv'), columns);
    for (const r of rows) csv.write(r);
    csv.close();
    const plan = planParquet(columns, rows);
    expect(plan).toEqual({ types: ['VARCHAR', 'VARCHAR', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'VARCHAR'], rows: 8, csvExact: true, emptyText: ['blank'] });
    const pq = ParquetWriter.create();
    try {
      const fromCsv = pq.write(dir, { file: 'csv.parquet', columns, rows: () => rows, csv: () => path.join(dir, 't.csv') });
      const appended = pq.write(dir, { file: 'rows.parquet', columns, rows: () => rows });
      expect(await fromCsv).toBe(8);
      expect(await appended).toBe(8);
      await pq.finish();
    } finally {
      await pq.close();
    }
    expect(readFileSync(path.join(dir, 'csv.parquet')).equals(readFileSync(path.join(dir, 'rows.parquet')))).toBe(true);
    const back = (await readParquet(path.join(dir, 'csv.parquet'))).map((o) => columns.map((c) => o[c]));
    // Expected by hand: whole numbers come back as bigint, NaN as NULL, numbers in a text column as their text.
    const expected = rows.map((r) => r.map((v, c) => (v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : c === 2 ? BigInt(v as number) : c === 5 ? String(v) : v)));
    expect(back).toEqual(expected);
  });

  it('appends the rows when the CSV cannot say them: an empty string beside NULLs, or -0', () => {
    expect(planParquet(['a'], [[''], [null]]).csvExact).toBe(false);
    expect(planParquet(['a'], [['x'], ['']]).csvExact).toBe(true);
    expect(planParquet(['a'], [[1.5], [-0]]).csvExact).toBe(false);
    expect(planParquet(['a'], [[1], [-0]]).csvExact).toBe(true); // BIGINT: -0 is 0
    expect(planParquet(['a'], [['x\u0000y']]).csvExact).toBe(false);
    // Declared BIGINT over booleans: the appender writes 1 and 0, the CSV says true and false.
    expect(planParquet(['a'], [[true], [2]], ['BIGINT']).csvExact).toBe(false);
  });

  it('fails when DuckDB reads fewer rows than the table has', async () => {
    const dir = mkdtempSync(path.join(tmp, 'short-'));
    const csv = new CsvWriter(path.join(dir, 't.csv'), ['a']);
    csv.write(['x']);
    csv.close();
    const pq = ParquetWriter.create();
    try {
      await expect(pq.write(dir, { file: 't.parquet', columns: ['a'], rows: () => [['x'], ['y']], csv: () => path.join(dir, 't.csv') })).rejects.toThrow(/read 1 rows of .*t\.csv, which holds 2/u);
      await expect(pq.finish()).rejects.toThrow(/which holds 2/u);
    } finally {
      await pq.close();
    }
  });

  it("names the Parquet file in DuckDB's own errors (here: its CSV is not there)", async () => {
    const dir = mkdtempSync(path.join(tmp, 'gone-'));
    const pq = ParquetWriter.create();
    try {
      await expect(pq.write(dir, { file: 'gone.parquet', columns: ['a'], rows: () => [['x']], csv: () => path.join(dir, 'gone.csv') })).rejects.toThrow(/^gone\.parquet: DuckDB could not write it: .*gone\.csv/su);
      await expect(pq.finish()).rejects.toThrow(/^gone\.parquet: /u);
    } finally {
      await pq.close();
    }
  });
});

describe('report.parquet: false', () => {
  let off: string;
  beforeAll(async () => {
    off = path.join(tmp, 'off');
    const pipeline = applyOverrides(loadPipeline(path.join(ROOT, 'pipelines/default.yaml')), ['weigh.tfidf_rows=2', 'weigh.policy_rows=3', 'report.parquet=false']);
    await runPipeline(pipeline, { inputs: [path.join(ROOT, 'data/raw')], out: off, cwd: ROOT, progress: createProgress(process.stderr, true) });
  }, 180_000);

  it('writes no Parquet file and no manifest record of one, and the same CSVs', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
    expect(files(off).filter((f) => f.endsWith('.parquet'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(off, 'manifest.json'), 'utf8')) as { tables: { file: string }[]; outputs: string[] };
    expect(manifest.tables.filter((t) => t.file.endsWith('.parquet'))).toEqual([]);
    expect(manifest.outputs.filter((f) => f.endsWith('.parquet'))).toEqual([]);
    const csvs = files(out).filter((f) => f.endsWith('.csv'));
    expect(files(off).filter((f) => f.endsWith('.csv')).sort()).toEqual([...csvs].sort());
    for (const csv of csvs) expect(readFileSync(path.join(off, csv), 'utf8'), csv).toBe(readFileSync(path.join(out, csv), 'utf8'));
  });
});
