import { parse as parseCsv } from 'csv-parse/sync';
import { convert as htmlToText } from 'html-to-text';
import { InputError } from '../errors.js';
import { flatHtmlText } from './html-flat.js';
import type { Source } from '../io/sources.js';
import type { Message } from '../artifacts/corpus.js';

/**
 * A record: the text of one input unit before documents are found in it. A
 * .txt/.md/.html file is one record (which may still hold several reports);
 * a CSV row or JSONL line is one record and one document, with metadata.
 */
export interface InputRecord {
  file: string;
  /** 1-based line of the record in its file (1 for whole files). */
  line: number;
  text: string;
  /** Metadata given by columns (title, year, region, province, level, meeting_date, speaker, doc_id). */
  meta: Partial<Record<MetaField, string>>;
  /** Whole-file records are searched for several reports; table rows are one document each. */
  table: boolean;
}

export type MetaField = 'doc_id' | 'title' | 'year' | 'region' | 'province' | 'level' | 'meeting_date' | 'session' | 'speaker' | 'kind';

export interface RecordOptions {
  /** Column holding the text in CSV/JSONL; detected when empty. */
  text_column: string;
  /** Extra mapping from a metadata field to a column name, e.g. { region: '城市' }. */
  columns: Partial<Record<MetaField, string>>;
}

const TEXT_COLUMNS = ['text', 'content', 'body', 'fulltext', 'full_text', '正文', '内容', '全文', '文本', 'report', '报告'];
export const META_COLUMNS: Record<MetaField, string[]> = {
  doc_id: ['doc_id', 'id', '编号'],
  title: ['title', '标题', '题目', 'name'],
  year: ['year', '年份', '年度', '年'],
  region: ['region', '地区', 'city', '城市', 'county', '区县', '地方'],
  province: ['province', '省份', '省'],
  level: ['level', '层级', '级别', '行政级别'],
  meeting_date: ['meeting_date', 'date', '日期', '会议日期'],
  session: ['session', '会议', '届次'],
  speaker: ['speaker', '报告人', '作者'],
  kind: ['kind', '类型'],
};

export function recordsOf(source: Source, opts: RecordOptions): { records: InputRecord[]; messages: Message[] } {
  switch (source.format) {
    case 'text':
      return { records: [{ file: source.file, line: 1, text: source.text, meta: {}, table: false }], messages: [] };
    case 'markdown':
      return { records: [{ file: source.file, line: 1, text: markdownToText(source.text), meta: {}, table: false }], messages: [] };
    case 'html':
      return htmlRecords(source);
    case 'csv':
      return csvRecords(source, opts);
    case 'jsonl':
      return jsonlRecords(source, opts);
  }
}

/**
 * An HTML file as one record. A page nested too deeply for the tree walk
 * (the call stack runs out) is read again as a flat stream of tags, with a
 * warning naming the file: the run goes on.
 */
function htmlRecords(source: Source): { records: InputRecord[]; messages: Message[] } {
  try {
    return { records: [{ file: source.file, line: 1, text: htmlVisibleText(source.text), meta: {}, table: false }], messages: [] };
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const text = flatHtmlText(source.text);
    const messages: Message[] = [{ origin: 'ingest:html', text: `HTML nested too deeply to read as a tree (${err.message}); read as a flat stream of tags instead (block elements as line breaks, tables as plain lines)`, file: source.file }];
    return { records: [{ file: source.file, line: 1, text, meta: {}, table: false }], messages };
  }
}

/** Visible text of an HTML page: scripts, styles, frames, forms and navigation are dropped; blocks become lines. */
export function htmlVisibleText(html: string): string {
  const skip = ['script', 'style', 'noscript', 'iframe', 'frame', 'object', 'embed', 'svg', 'canvas', 'template', 'nav', 'form', 'button', 'select', 'textarea', 'input', 'img', 'head'];
  return htmlToText(html, {
    wordwrap: false,
    preserveNewlines: false,
    selectors: [
      ...skip.map((selector) => ({ selector, format: 'skip' })),
      { selector: 'a', options: { ignoreHref: true } },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  });
}

/** Plain text of Markdown: markup removed, one line per source line. */
export function markdownToText(md: string): string {
  return md
    .replace(/^```.*$/gmu, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/gu, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/<[^>\n]+>/gu, '')
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))/gmu, '')
    .replace(/(\*\*|__)(.+?)\1/gu, '$2')
    .replace(/^\s*(?:[-*_]\s*){3,}$/gmu, '');
}

export function pickColumn(columns: readonly string[], wanted: string | undefined, candidates: readonly string[]): string | undefined {
  if (wanted) return columns.find((c) => c === wanted);
  const lower = new Map(columns.map((c) => [c.trim().toLowerCase(), c]));
  for (const cand of candidates) {
    const hit = lower.get(cand.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** The text column: given, else a known name, else the column with the longest values (if long enough to be text). */
function textColumnOf(file: string, columns: readonly string[], rows: readonly Record<string, unknown>[], opts: RecordOptions): string {
  if (opts.text_column) {
    if (!columns.includes(opts.text_column)) {
      throw new InputError(`${file}: text column '${opts.text_column}' (parameter ingest.text_column) not found; columns found: ${columns.join(', ') || '(none)'}`);
    }
    return opts.text_column;
  }
  const named = pickColumn(columns, undefined, TEXT_COLUMNS);
  if (named) return named;
  let best: string | undefined;
  let bestMean = 0;
  for (const c of columns) {
    let total = 0;
    // Only strings count: a JSONL value may be an object whose toString is not a function.
    for (const r of rows) total += typeof r[c] === 'string' ? (r[c] as string).length : 0;
    const mean = rows.length ? total / rows.length : 0;
    if (mean > bestMean) {
      best = c;
      bestMean = mean;
    }
  }
  if (best && bestMean >= 200) return best;
  throw new InputError(
    `${file}: no text column found; columns found: ${columns.join(', ') || '(none)'}. Name one with --set ingest.text_column=NAME (expected one of: ${TEXT_COLUMNS.join(', ')}).`,
  );
}

/**
 * Metadata of a row. A value must be a string or a finite number (CSV cells
 * always are); anything else in JSONL (an object, a list, true, null) is
 * ignored with a warning naming file:line and the field, never turned into
 * text like "[object Object]".
 */
export function metaOf(row: Record<string, unknown>, columns: readonly string[], opts: RecordOptions, warn?: (text: string) => void): InputRecord['meta'] {
  const meta: InputRecord['meta'] = {};
  for (const field of Object.keys(META_COLUMNS) as MetaField[]) {
    const col = pickColumn(columns, opts.columns[field], META_COLUMNS[field]);
    if (col === undefined) continue;
    const v = Object.prototype.hasOwnProperty.call(row, col) ? row[col] : undefined;
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
      warn?.(`field '${col}' (${field}) is ${Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`}, expected a string or a number: ignored`);
      continue;
    }
    if (String(v).trim() !== '') meta[field] = String(v).trim();
  }
  return meta;
}

function csvRecords(source: Source, opts: RecordOptions): { records: InputRecord[]; messages: Message[] } {
  const messages: Message[] = [];
  const text = source.text.replace(/^\ufeff/u, '');
  let parsed: { record: string[]; raw: string; info: { bytes: number } }[];
  try {
    // Fields as arrays (not objects) so that extra fields in a ragged row are seen, not dropped.
    parsed = parseCsv(text, {
      columns: false,
      delimiter: source.file.toLowerCase().endsWith('.tsv') ? '\t' : ',',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as typeof parsed;
  } catch (err) {
    const e = err as { message: string; lines?: number };
    throw new InputError(`${source.file}${e.lines ? `:${e.lines}` : ''}: malformed CSV: ${e.message}`);
  }
  const [head, ...body] = parsed;
  if (!head) {
    messages.push({ origin: 'ingest:csv', text: 'empty CSV (no header row)', file: source.file });
    return { records: [], messages };
  }
  const header = head.record.map((h) => h.trim());
  if (body.length === 0) {
    messages.push({ origin: 'ingest:csv', text: 'no data rows', file: source.file });
    return { records: [], messages };
  }
  // Line where each record starts: csv-parse counts lines where records end, and counts a CRLF inside quotes twice.
  // Records come in order, so the count goes on from the previous record's
  // start (counting from byte 0 for every row was quadratic: hours on a 50 MB CSV).
  const bytes = Buffer.from(text);
  let counted = 0;
  let line = 1;
  const startLine = (prevEnd: number, raw: string): number => {
    const lead = /^[\r\n]*/u.exec(raw)![0];
    const at = prevEnd + Buffer.byteLength(lead);
    for (; counted < at; counted++) {
      const b = bytes[counted];
      if (b === 0x0a || (b === 0x0d && bytes[counted + 1] !== 0x0a)) line++;
    }
    return line;
  };
  const rows = body.map((p, i) => {
    // No prototype: a column named __proto__ is a column like any other.
    const row: Record<string, string> = Object.create(null) as Record<string, string>;
    header.forEach((h, j) => (row[h] = p.record[j] ?? ''));
    return { row, fields: p.record.length, line: startLine(parsed[i]!.info.bytes, p.raw) };
  });
  const textCol = textColumnOf(source.file, header, rows.map((r) => r.row), opts);
  const records: InputRecord[] = [];
  for (const { row, fields, line } of rows) {
    if (fields !== header.length) {
      const what = fields > header.length ? 'extra fields ignored (an unquoted comma inside the text?)' : 'missing fields left empty';
      messages.push({ origin: 'ingest:csv', text: `ragged row: ${fields} fields where the header has ${header.length}; ${what}`, file: source.file, line });
    }
    const value = row[textCol] ?? '';
    if (value.trim() === '') {
      messages.push({ origin: 'ingest:csv', text: `empty text in column '${textCol}': row skipped`, file: source.file, line });
      continue;
    }
    records.push({ file: source.file, line, text: value, meta: metaOf(row, header, opts), table: true });
  }
  return { records, messages };
}

function jsonlRecords(source: Source, opts: RecordOptions): { records: InputRecord[]; messages: Message[] } {
  const messages: Message[] = [];
  const rows: { row: Record<string, unknown>; line: number }[] = [];
  const lines = source.text.split(/\r?\n/u);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      const v: unknown = JSON.parse(line);
      if (v && typeof v === 'object' && !Array.isArray(v)) rows.push({ row: v as Record<string, unknown>, line: i + 1 });
      else messages.push({ origin: 'ingest:jsonl', text: 'expected a JSON object on this line; line skipped', file: source.file, line: i + 1 });
    } catch (err) {
      messages.push({ origin: 'ingest:jsonl', text: `broken JSON (${(err as Error).message}); line skipped`, file: source.file, line: i + 1 });
    }
  });
  if (rows.length === 0) return { records: [], messages };
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.row)))];
  const textCol = textColumnOf(source.file, columns, rows.map((r) => r.row), opts);
  const records: InputRecord[] = [];
  for (const { row, line } of rows) {
    const text = typeof row[textCol] === 'string' ? (row[textCol] as string) : '';
    if (text.trim() === '') {
      messages.push({ origin: 'ingest:jsonl', text: `no text in field '${textCol}': line skipped`, file: source.file, line });
      continue;
    }
    const meta = metaOf(row, columns, opts, (text) => messages.push({ origin: 'ingest:jsonl', text, file: source.file, line }));
    records.push({ file: source.file, line, text, meta, table: true });
  }
  return { records, messages };
}
