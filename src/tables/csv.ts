import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

/** A cell of an output table. */
export type Cell = string | number | boolean | null | undefined;

/** One long table with fixed columns: what every writer (CSV, XLSX, Markdown, LaTeX) takes. */
export interface Table {
  /** File stem, e.g. `corpus` for corpus.csv. */
  name: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
}

/**
 * Text cells that a spreadsheet would run as a formula (= + - @, tab, CR at
 * the start) get a leading apostrophe, the OWASP-recommended neutralisation.
 * Numbers are written as numbers and never altered.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return neutralizeFormula(v);
}

/** Shortest round-trip form: the same number always prints the same way. */
export function formatNumber(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

/** CSV text: UTF-8 BOM (so Excel shows Chinese), RFC 4180 quoting, CRLF line ends, header row. */
export function toCsv(table: Pick<Table, 'columns' | 'rows'>): string {
  const body = stringify(
    table.rows.map((r) => r.map(cellText)),
    { header: true, columns: table.columns.map(String), record_delimiter: 'windows', quoted_match: /[",\r\n]/ },
  );
  return `\ufeff${table.rows.length === 0 ? `${table.columns.join(',')}\r\n` : body}`;
}

/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break. */
export function field(v: Cell): string {
  if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : '';
  const t = cellText(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/**
 * Writes a CSV a row at a time (tables that grow with the corpus: tfidf.csv),
 * in the same format as toCsv, buffering about 1 MB between writes.
 */
export class CsvWriter {
  private readonly fd: number;
  // One string grown by concatenation: cheaper than joining an array of ~10^4 short lines per flush.
  private buffer = '';
  rows = 0;

  constructor(file: string, columns: readonly string[]) {
    this.fd = openSync(file, 'w');
    writeSync(this.fd, `\ufeff${columns.map(field).join(',')}\r\n`);
  }

  write(cells: readonly Cell[]): void {
    this.writeLine(`${cells.map(field).join(',')}\r\n`);
  }

  /** A row already formatted with `field` and joined, ending in CRLF (hot loops format their own rows). */
  writeLine(line: string): void {
    this.buffer += line;
    this.rows++;
    if (this.buffer.length > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer.length) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
