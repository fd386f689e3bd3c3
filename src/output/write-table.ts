import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { frameTable, toFrame, type Cell, type Table } from '../artifacts/frame.js';
import { PARQUET, type ParquetSource, type TableRecord } from '../artifacts/run.js';
import { CsvWriter, toCsv } from './csv.js';

/**
 * Tables up to this many rows are held as danfojs DataFrames and written
 * from them; longer ones (possible at 10,000 reports: policy terms,
 * themes by section) are streamed row by row, which needs no second copy.
 */
export const FRAME_MAX_ROWS = 50_000;

/**
 * A table whose rows are made as they are written, never held all at once
 * (phrase_adoption at 10,000 reports: millions of rows kept in columns):
 * its length known beforehand, `rows()` iterable again (the Parquet twin
 * may read them once more).
 */
export interface RowSource {
  name: string;
  columns: readonly string[];
  length: number;
  rows(): Iterable<readonly Cell[]>;
}

/** Writes NAME.csv (in `sub` of dir when given) from a DataFrame of the table, or streamed when it is too long for one. */
export function writeTable(table: Table, dir: string, record: (r: TableRecord) => void, sub = ''): string {
  if (table.rows.length > FRAME_MAX_ROWS) return writeRows({ name: table.name, columns: table.columns, length: table.rows.length, rows: () => table.rows }, dir, record, sub);
  const file = path.posix.join(sub, `${table.name}.csv`);
  // Its Parquet twin, written by the runner once the writer returns (output/parquet.ts).
  const parquet: ParquetSource = { file: path.posix.join(sub, `${table.name}.parquet`), columns: table.columns, rows: () => table.rows, csv: () => path.join(dir, file) };
  writeFileSync(path.join(dir, file), toCsv(frameTable(toFrame(table))));
  record({ file, rows: table.rows.length, built: 'DataFrame', [PARQUET]: parquet });
  return file;
}

/**
 * Writes NAME.csv from a {@link RowSource}: streamed row by row when longer
 * than FRAME_MAX_ROWS, else as {@link writeTable} writes it.
 */
export function writeRows(source: RowSource, dir: string, record: (r: TableRecord) => void, sub = ''): string {
  if (source.length <= FRAME_MAX_ROWS) return writeTable({ name: source.name, columns: source.columns, rows: [...source.rows()] }, dir, record, sub);
  const file = path.posix.join(sub, `${source.name}.csv`);
  const parquet: ParquetSource = { file: path.posix.join(sub, `${source.name}.parquet`), columns: source.columns, rows: () => source.rows(), csv: () => path.join(dir, file) };
  const out = new CsvWriter(path.join(dir, file), source.columns);
  let rows = 0;
  try {
    for (const r of source.rows()) {
      out.write(r);
      rows++;
    }
  } finally {
    out.close();
  }
  if (rows !== source.length) throw new Error(`${file}: ${rows} rows written, ${source.length} declared`);
  parquet.plan = out.parquetPlan(source.columns);
  record({ file, rows, built: 'streamed', [PARQUET]: parquet });
  return file;
}
