import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { neutralizeFormula } from './csv.js';
import { type Cell } from '../artifacts/frame.js';
import { displayWidth } from '../report/format.js';
import { fixZipTimes } from './zip.js';
import { compiledScript } from '../paths.js';

/** Rows of a worksheet, header included (Excel's limit). */
export const XLSX_MAX_ROWS = 1_048_576;

export interface Sheet {
  /** Sheet name (the table's file stem); made valid for Excel (31 characters, no []:*?/\). */
  name: string;
  columns: readonly string[];
  rows: Iterable<readonly Cell[]>;
  /** Total rows of the table, when more than the sheet can hold (the rest are in the CSV). */
  totalRows?: number;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, not blank, unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * The style of every data cell. exceljs works out a style id for each cell
 * from a fresh style object, half of its time per row; cells that share one
 * object are looked up once (its id is cached per object). The XML written
 * is the same.
 */
const PLAIN: Partial<ExcelJS.Style> = Object.freeze({});

function addDataRow(ws: ExcelJS.Worksheet, r: readonly Cell[]): void {
  const row = ws.addRow(r.map(xlsxValue));
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.style = PLAIN;
  });
  row.commit();
}

function xlsxValue(v: Cell): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  // Text is stored as text; the apostrophe keeps a re-typed or exported cell from becoming a formula (as in the CSVs).
  return neutralizeFormula(v);
}

/** A sheet as written: its name in the workbook, its rows (header aside), and whether the table had more. */
export interface WrittenSheet {
  sheet: string;
  rows: number;
  truncated: boolean;
}

/**
 * Writes one workbook, a sheet per table: header row bold and frozen,
 * columns as wide as their content (CJK counted double, 8-60), numbers as
 * numbers. Sheets are taken one at a time (a generator can build each when
 * it is reached) and rows stream to the file; sheets longer than Excel's
 * limit are cut and the cut is returned. Entry times are fixed so the file is reproducible.
 */
export async function writeWorkbook(file: string, sheets: Iterable<Sheet> | AsyncIterable<Sheet>): Promise<WrittenSheet[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const epoch = new Date(Date.UTC(1980, 0, 1));
  workbook.creator = 'govtext';
  workbook.lastModifiedBy = 'govtext';
  workbook.created = epoch;
  workbook.modified = epoch;
  const taken = new Set<string>();
  const written: WrittenSheet[] = [];
  const zipped = zippedEntries(workbook);
  for await (const s of sheets) {
    const name = sheetName(s.name, taken);
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    const buffered: (readonly Cell[])[] = [];
    const widths = s.columns.map((c) => displayWidth(c));
    let rows = 0;
    let truncated = false;
    // Column widths come from the first 500 rows; rows are held only until then.
    const flush = () => {
      ws.columns = s.columns.map((c, j) => ({ header: c, key: String(j), width: Math.min(60, Math.max(8, widths[j]! + 2)) }));
      ws.getRow(1).font = { bold: true };
      for (const r of buffered) addDataRow(ws, r);
      buffered.length = 0;
    };
    let flushed = false;
    for (const r of s.rows) {
      if (rows + 1 >= XLSX_MAX_ROWS) {
        truncated = true;
        break;
      }
      rows++;
      if (!flushed) {
        buffered.push(r);
        r.forEach((v, j) => {
          if (j < widths.length && v !== null && v !== undefined) widths[j] = Math.max(widths[j]!, displayWidth(typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v)));
        });
        if (buffered.length === 500) {
          flush();
          flushed = true;
        }
      } else {
        addDataRow(ws, r);
      }
    }
    if (!flushed) flush();
    ws.commit();
    // The sheet's XML waits in memory until the zip has deflated it; the next sheet is begun only then (else the XML of every sheet piles up: 0.3 GB at 10,000 reports).
    await zipped(`xl/worksheets/sheet${ws.id}.xml`);
    written.push({ sheet: name, rows, truncated: truncated || (s.totalRows !== undefined && s.totalRows > rows) });
  }
  await workbook.commit();
  writeFileSync(file, fixZipTimes(readFileSync(file)));
  return written;
}

/**
 * Resolves `zipped(name)` once the workbook's zip has taken in the entry
 * `name` whole. exceljs streams each sheet's XML to the zip (archiver,
 * which takes entries one at a time) with no backpressure, so a writer that
 * does not wait holds the XML of every sheet not yet deflated.
 */
export function zippedEntries(workbook: ExcelJS.stream.xlsx.WorkbookWriter): (name: string) => Promise<void> {
  // exceljs keeps its archiver as `zip` (not in its typings); without it, nothing is waited for.
  const zip = (workbook as unknown as { zip?: NodeJS.EventEmitter }).zip;
  const done = new Set<string>();
  const waiting = new Map<string, () => void>();
  zip?.on('entry', (e: { name: string }) => {
    const name = e.name.replace(/^\//u, '');
    done.add(name);
    waiting.get(name)?.();
  });
  return (name) => (!zip || done.has(name) ? Promise.resolve() : new Promise((resolve) => waiting.set(name, resolve)));
}

/** A workbook being written on a thread of its own: `add` each sheet, then `end`. */
export interface WorkbookJob {
  /** Takes the sheet's rows (up to Excel's limit) and hands them over; returns the sheet as writeWorkbook will write it. */
  add(sheet: Sheet): WrittenSheet;
  /** Resolves once the file is written (rejects with the writer's error). */
  end(): Promise<void>;
  /** Stops the thread without writing the file (a sheet failed to build). */
  abort(): Promise<void>;
}

/** The compiled workbook thread (npm ci builds dist/). */
function workbookScript(): string | undefined {
  return compiledScript('output', 'xlsx-worker.js');
}

/**
 * Starts writing a workbook with writeWorkbook on a worker thread (exceljs
 * takes seconds of one core for 10^5-row sheets; the run goes on beside
 * it), or in this thread at `end` when the worker is not built. Each sheet's
 * rows are taken when it is added (so a generator can build one at a time),
 * cut to Excel's limit and posted; names and row counts are worked out here
 * as writeWorkbook works them out, so the caller knows what the file holds
 * before it is written. The file is the same either way.
 *
 * @example
 * const job = startWorkbook('tables.xlsx');
 * const written = sheets.map((s) => job.add(s));
 * await job.end();
 */
export function startWorkbook(file: string): WorkbookJob {
  const script = workbookScript();
  const taken = new Set<string>();
  const here: Sheet[] = [];
  const worker = script ? new Worker(script, { workerData: { file } }) : undefined;
  const finished = worker
    ? new Promise<void>((resolve, reject) => {
        worker.once('message', (m: { error?: string }) => (m.error === undefined ? resolve() : reject(new Error(`tables.xlsx: ${m.error}`))));
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`tables.xlsx: the workbook thread stopped (exit code ${code}) before writing the file`)));
      })
    : undefined;
  // Kept for end (no unhandled rejection while the sheets are being added).
  finished?.catch(() => undefined);
  return {
    add(s) {
      const rows: (readonly Cell[])[] = [];
      let truncated = false;
      for (const r of s.rows) {
        if (rows.length + 1 >= XLSX_MAX_ROWS) {
          truncated = true;
          break;
        }
        rows.push(r);
      }
      const sheet: Sheet = { name: s.name, columns: [...s.columns], rows, ...(s.totalRows === undefined ? {} : { totalRows: s.totalRows }) };
      if (worker) worker.postMessage(sheet);
      else here.push(sheet);
      return { sheet: sheetName(s.name, taken), rows: rows.length, truncated: truncated || (s.totalRows !== undefined && s.totalRows > rows.length) };
    },
    async end() {
      if (!worker) {
        await writeWorkbook(file, here);
        return;
      }
      worker.postMessage(null);
      try {
        await finished;
      } finally {
        await worker.terminate();
      }
    },
    async abort() {
      await worker?.terminate();
    },
  };
}
