import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { neutralizeFormula } from './csv.js';
import { type Cell } from '../artifacts/frame.js';
import { displayWidth } from '../report/format.js';
import { fixZipTimes } from './zip.js';

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

/**
 * Writes one workbook, a sheet per table: header row bold and frozen,
 * columns as wide as their content (CJK counted double, 8-60), numbers as
 * numbers. Sheets are taken one at a time (a generator can build each when
 * it is reached) and rows stream to the file; sheets longer than Excel's
 * limit are cut and the cut is returned. Entry times are fixed so the file is reproducible.
 */
export async function writeWorkbook(file: string, sheets: Iterable<Sheet>): Promise<{ sheet: string; rows: number; truncated: boolean }[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const epoch = new Date(Date.UTC(1980, 0, 1));
  workbook.creator = 'govtext';
  workbook.lastModifiedBy = 'govtext';
  workbook.created = epoch;
  workbook.modified = epoch;
  const taken = new Set<string>();
  const written: { sheet: string; rows: number; truncated: boolean }[] = [];
  for (const s of sheets) {
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
    written.push({ sheet: name, rows, truncated: truncated || (s.totalRows !== undefined && s.totalRows > rows) });
  }
  await workbook.commit();
  writeFileSync(file, fixZipTimes(readFileSync(file)));
  return written;
}
