import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Cell, Table } from '../artifacts/frame.js';
import { ParquetPlanner, type ParquetPlan } from './parquet-plan.js';
import type { ParquetType } from '../artifacts/run.js';

/**
 * Text cells that a spreadsheet would run as a formula (= + - @, tab, CR at
 * the start) get a leading apostrophe, the OWASP-recommended neutralisation.
 * Numbers are written as numbers and never altered.
 */
export function neutralizeFormula(value: string): string {
  // Most cells start with none of ' = + - @ tab CR: one character code decides (CSV writing calls this per text cell).
  const c = value.charCodeAt(0);
  if (c !== 39 && c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return value;
  // A value that already starts with apostrophes before a formula character gets one more, so restoreFormula is exact.
  return /^'*[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

/**
 * The value a cell held before neutralizeFormula: reading a govtext CSV back
 * (govtext table), the protective apostrophe is not data.
 *
 * @example restoreFormula("'=SUM(A1)") // '=SUM(A1)'
 */
export function restoreFormula(cell: string): string {
  return /^''*[=+\-@\t\r]/u.test(cell) ? cell.slice(1) : cell;
}

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return neutralizeFormula(v);
}

/** Shortest round-trip form: the same number always prints the same way. */
export function formatNumber(v: number): string {
  // -0 prints as 0 (String(-0) is '0' too; the test is for 0 alone).
  return v === 0 ? '0' : String(v);
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
  /** The rows written through `write`, looked over for their Parquet twin (output/parquet-plan.ts). */
  private readonly planner: ParquetPlanner;
  private planned = 0;

  constructor(file: string, columns: readonly string[]) {
    this.fd = openSync(file, 'w');
    writeSync(this.fd, `\ufeff${columns.map(field).join(',')}\r\n`);
    this.planner = new ParquetPlanner(columns.length);
  }

  write(cells: readonly Cell[]): void {
    this.planner.add(cells);
    this.planned++;
    this.writeLine(`${cells.map(field).join(',')}\r\n`);
  }

  /** What the Parquet writer needs to know of the rows written (their types, whether the CSV says them); undefined when some came through writeLine. */
  parquetPlan(columns: readonly string[], declared?: readonly ParquetType[]): ParquetPlan | undefined {
    return this.planned === this.rows ? this.planner.plan(columns, declared) : undefined;
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

/**
 * Writes CSV rows as bytes (tfidf.csv, policy_terms.csv: millions of rows):
 * the caller appends cells already encoded (text cells formatted with
 * `field` once and kept as UTF-8 bytes in a `CellPool`) and numbers, with
 * no string built per row. The bytes are those CsvWriter writes for the
 * same cells; flushed about every 1 MB.
 */
/** 0 .. 4095 as text (counts, mostly). */
const SMALL_INTEGERS = Array.from({ length: 4096 }, (_, i) => String(i));

export class CsvBytesWriter {
  private readonly fd: number;
  private buf: Buffer = Buffer.allocUnsafe(1 << 20);
  private at = 0;
  rows = 0;

  constructor(file: string, columns: readonly string[]) {
    this.fd = openSync(file, 'w');
    writeSync(this.fd, `\ufeff${columns.map(field).join(',')}\r\n`);
  }

  /** Room for `n` more bytes. */
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  /** Cell `i` of `pool`, then a comma. */
  cell(pool: CellPool, i: number): void {
    const from = pool.start[i]!;
    const len = pool.start[i + 1]! - from;
    this.room(len + 1);
    const src = pool.bytes;
    const buf = this.buf;
    let at = this.at;
    for (let j = 0; j < len; j++) buf[at++] = src[from + j]!;
    buf[at++] = 44; // ,
    this.at = at;
  }

  private readonly lastValue = new Float64Array(8).fill(NaN);
  private readonly lastText: string[] = new Array<string>(8).fill('');

  /** A number as `field` formats it, then a comma (or CRLF with `last`, ending the row). */
  number(v: number, last = false): void {
    this.ascii(v >= 0 && v < SMALL_INTEGERS.length && Number.isInteger(v) ? SMALL_INTEGERS[v]! : field(v), last);
  }

  /**
   * As number, for a column whose equal values come in runs (rows sorted by
   * it): the text of the last value written through `slot` (0-7) is reused
   * while the value repeats.
   */
  repeated(v: number, slot: number, last = false): void {
    if (!Object.is(v, this.lastValue[slot])) {
      this.lastValue[slot] = v;
      this.lastText[slot] = field(v);
    }
    this.ascii(this.lastText[slot]!, last);
  }

  private ascii(s: string, last: boolean): void {
    this.room(s.length + 2);
    const buf = this.buf;
    let at = this.at;
    for (let j = 0; j < s.length; j++) buf[at++] = s.charCodeAt(j);
    if (last) {
      buf[at++] = 13;
      buf[at++] = 10;
      this.rows++;
    } else buf[at++] = 44;
    this.at = at;
  }

  private flush(): void {
    let done = 0;
    while (done < this.at) done += writeSync(this.fd, this.buf, done, this.at - done);
    this.at = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

/**
 * Cells formatted once and kept as UTF-8 bytes: cell i is
 * bytes[start[i] .. start[i+1]). `CellPool.of` formats values with `field`
 * (e.g. the vocabulary, the doc_ids); the constructor takes text already
 * formatted (e.g. several fields joined by commas).
 */
export class CellPool {
  readonly bytes: Buffer;
  readonly start: Uint32Array;

  static of(values: readonly Cell[]): CellPool {
    return new CellPool(values.map(field));
  }

  constructor(texts: readonly string[]) {
    const cells = texts.map((t) => Buffer.from(t, 'utf8'));
    this.start = new Uint32Array(cells.length + 1);
    cells.forEach((c, i) => (this.start[i + 1] = this.start[i]! + c.length));
    this.bytes = Buffer.concat(cells);
  }
}
