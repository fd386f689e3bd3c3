import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { frameTable, toFrame, type Table } from '../artifacts/frame.js';
import { PARQUET, type ParquetSource, type TableRecord } from '../artifacts/run.js';
import { CsvWriter, toCsv } from './csv.js';

/**
 * Tables up to this many rows are held as danfojs DataFrames and written
 * from them; longer ones (possible at 10,000 reports: policy terms,
 * themes by section) are streamed row by row, which needs no second copy.
 */
export const FRAME_MAX_ROWS = 50_000;

/** Writes NAME.csv (in `sub` of dir when given) from a DataFrame of the table, or streamed when it is too long for one. */
export function writeTable(table: Table, dir: string, record: (r: TableRecord) => void, sub = ''): string {
  const file = path.posix.join(sub, `${table.name}.csv`);
  // Its Parquet twin, written by the runner once the writer returns (output/parquet.ts).
  const parquet: ParquetSource = { file: path.posix.join(sub, `${table.name}.parquet`), columns: table.columns, rows: () => table.rows, csv: () => path.join(dir, file) };
  record = ((inner) => (r: TableRecord) => inner({ ...r, [PARQUET]: parquet }))(record);
  if (table.rows.length <= FRAME_MAX_ROWS) {
    writeFileSync(path.join(dir, file), toCsv(frameTable(toFrame(table))));
    record({ file, rows: table.rows.length, built: 'DataFrame' });
  } else {
    const out = new CsvWriter(path.join(dir, file), table.columns);
    try {
      for (const r of table.rows) out.write(r);
    } finally {
      out.close();
    }
    parquet.plan = out.parquetPlan(table.columns);
    record({ file, rows: table.rows.length, built: 'streamed' });
  }
  return file;
}
