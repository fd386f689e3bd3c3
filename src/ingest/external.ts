import { parse as parseCsv } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import type { Source } from '../io/sources.js';
import type { Message } from '../artifacts/corpus.js';
import { META_COLUMNS, pickColumn, type MetaField } from './records.js';

/**
 * Metadata kept outside the text: in the file name (2017政府工作报告_李克强.txt
 * read with the pattern "{year}政府工作报告_{speaker}") or in a sidecar CSV
 * beside the reports (metadata.csv: one row per file, a `file` column and any
 * of year, region, province, level, meeting_date, session, speaker, title,
 * kind). Both fill or override what the text gives; where they disagree with
 * the text the user is told (see {@link disagreements}).
 */

export type ExternalMeta = Partial<Record<MetaField, string>>;

const FIELDS = Object.keys(META_COLUMNS) as MetaField[];

/** Last path component without its extension. */
export function fileStem(file: string): string {
  const base = file.split(/[\\/]/u).pop() ?? file;
  return base.replace(/\.[^.]+$/u, '');
}

export interface FilenamePattern {
  pattern: string;
  regex: RegExp;
  fields: MetaField[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * Compiles a file-name pattern: literal text with fields in braces, e.g.
 * "{year}政府工作报告_{speaker}" or "{province}_{region}_{year}". {year}
 * matches 4 digits; another field matches a run of characters up to the
 * pattern's next literal character (or up to _, -, space or . at the end);
 * {*} matches anything and is not kept. The pattern is matched at the start
 * of the file's name without extension; a tail after a separator is allowed
 * (1964政府工作报告_周恩来_摘要).
 *
 * @throws InputError for an unknown field or a pattern with no field.
 * @example compileFilenamePattern('{year}政府工作报告_{speaker}').regex.exec('2017政府工作报告_李克强')
 */
export function compileFilenamePattern(pattern: string): FilenamePattern {
  const parts = pattern.split(/(\{[^}]*\})/u).filter((p) => p !== '');
  const fields: MetaField[] = [];
  let src = '^';
  parts.forEach((part, i) => {
    const m = /^\{([^}]*)\}$/u.exec(part);
    if (!m) {
      src += escape(part);
      return;
    }
    const name = m[1]!.trim();
    if (name === '*') {
      src += '.*?';
      return;
    }
    if (!(FIELDS as string[]).includes(name)) {
      throw new InputError(`ingest.filename_pattern "${pattern}": unknown field {${name}}; expected one of ${FIELDS.map((f) => `{${f}}`).join(', ')} or {*}`);
    }
    fields.push(name as MetaField);
    const next = parts[i + 1];
    const stop = next && !next.startsWith('{') ? escape(next[0]!) : '_\\-\\s.';
    src += name === 'year' ? '(\\d{4})' : `([^${stop}]+?)`;
  });
  if (fields.length === 0) throw new InputError(`ingest.filename_pattern "${pattern}": no field in braces; expected e.g. "{year}政府工作报告_{speaker}"`);
  src += '(?:[_\\-\\s.].*)?$';
  return { pattern, regex: new RegExp(src, 'u'), fields };
}

/** Metadata read from a file name with a compiled pattern; undefined when the name does not match. */
export function metaFromFilename(file: string, p: FilenamePattern): ExternalMeta | undefined {
  const m = p.regex.exec(fileStem(file));
  if (!m) return undefined;
  const out: ExternalMeta = {};
  p.fields.forEach((f, i) => {
    const v = m[i + 1]?.trim();
    if (v) out[f] = v;
  });
  return out;
}

const FILE_COLUMNS = ['file', 'filename', 'file_name', 'source_file', 'path', '文件', '文件名'];

/** Rows of a sidecar metadata CSV, keyed by the file name they describe (as written in the CSV). */
export interface Sidecar {
  file: string;
  rows: Map<string, ExternalMeta>;
  messages: Message[];
}

/**
 * Reads a sidecar metadata CSV: a header with a file column (file, filename,
 * 文件名 …) and metadata columns named as in CSV input (year, 年份, speaker,
 * 报告人 …). Keys are file names with or without extension, or paths.
 *
 * @throws InputError when there is no file column.
 */
export function readSidecar(source: Source): Sidecar {
  const rows = parseCsv(source.text.replace(/^\ufeff/u, ''), { columns: false, relax_column_count: true, skip_empty_lines: true, delimiter: source.file.toLowerCase().endsWith('.tsv') ? '\t' : ',' }) as string[][];
  const [head, ...body] = rows;
  const header = (head ?? []).map((h) => h.trim());
  const fileCol = pickColumn(header, undefined, FILE_COLUMNS);
  if (fileCol === undefined) {
    throw new InputError(`${source.file}: metadata file (parameter ingest.metadata_file) has no file column; expected one of ${FILE_COLUMNS.join(', ')} in the header, found: ${header.join(', ') || '(none)'}`);
  }
  const out = new Map<string, ExternalMeta>();
  const messages: Message[] = [];
  body.forEach((r, i) => {
    const key = (r[header.indexOf(fileCol)] ?? '').trim();
    if (key === '') {
      messages.push({ origin: 'ingest:metadata', text: 'row with an empty file name ignored', file: source.file, line: i + 2 });
      return;
    }
    const meta: ExternalMeta = {};
    for (const f of FIELDS) {
      const col = pickColumn(header, undefined, META_COLUMNS[f]);
      if (col === undefined || col === fileCol) continue;
      const v = (r[header.indexOf(col)] ?? '').trim();
      if (v !== '') meta[f] = v;
    }
    out.set(key, meta);
  });
  return { file: source.file, rows: out, messages };
}

/** The sidecar row for an input file: by path, base name or base name without extension. */
export function sidecarRow(sidecar: Sidecar, file: string): ExternalMeta | undefined {
  const base = file.split(/[\\/]/u).pop() ?? file;
  for (const key of [file, base, fileStem(file)]) {
    const row = sidecar.rows.get(key);
    if (row) return row;
  }
  for (const [key, row] of sidecar.rows) if (file.endsWith(`/${key}`) || fileStem(key) === fileStem(file)) return row;
  return undefined;
}

/** Are two values of a field the same (years by number, dates and names as written)? */
function same(field: MetaField, a: string, b: string): boolean {
  if (field === 'year') return Number.parseInt(a, 10) === Number.parseInt(b, 10);
  return a.replace(/\s+/gu, '') === b.replace(/\s+/gu, '');
}

/**
 * Fields where outside metadata and the text both give a value and the two
 * differ: the user must be told (the 1991 report of the development corpus
 * is filed under the premier's name but was given by a state councillor).
 */
export function disagreements(outside: ExternalMeta, fromText: Partial<Record<MetaField, string>>): { field: MetaField; outside: string; text: string }[] {
  const out: { field: MetaField; outside: string; text: string }[] = [];
  for (const f of FIELDS) {
    const o = outside[f];
    const t = fromText[f];
    if (o && t && !same(f, o, t)) out.push({ field: f, outside: o, text: t });
  }
  return out;
}
