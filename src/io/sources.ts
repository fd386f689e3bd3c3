import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { Message } from '../artifacts/corpus.js';
import { decodeBuffer } from './decode.js';

/** How a file's text is to be read into documents. */
export type SourceFormat = 'text' | 'markdown' | 'html' | 'csv' | 'jsonl';

const FORMAT_BY_EXTENSION: Record<string, SourceFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** One decoded input file: the input artifact of the ingest stage. */
export interface Source {
  /** Path relative to the working folder, with forward slashes. */
  file: string;
  format: SourceFormat;
  encoding: string;
  text: string;
  bytes: number;
  sha256: string;
}

export interface SourceRecord {
  file: string;
  format: SourceFormat | 'unsupported';
  encoding: string;
  bytes: number;
  sha256: string;
  status: 'read' | 'skipped';
  reason?: string;
}

export const SUPPORTED_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

/**
 * Lists the files under the given paths (folders recursively, in a stable
 * sorted order). A path that does not exist is an input error naming it.
 */
export function listInputFiles(inputs: readonly string[], cwd = process.cwd()): string[] {
  if (inputs.length === 0) throw new InputError('no input given: pass --input PATH (a file or a folder)');
  const files: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new InputError(`input path not found: ${input} (expected a file or a folder)`);
    }
    if (st.isDirectory()) walk(abs, files);
    else files.push(abs);
  }
  return [...new Set(files)].sort();
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue; // hidden files and folders (.git, .DS_Store)
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/** Path shown to users and written to outputs: relative to cwd when inside it. */
export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
}

export function formatOf(file: string): SourceFormat | undefined {
  return FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()];
}

/**
 * Reads and decodes one file. Unsupported, empty, binary or undecodable files
 * come back as skipped with a reason (and a message); they never stop a run.
 */
export function readSource(abs: string, cwd = process.cwd()): { source?: Source; record: SourceRecord; messages: Message[] } {
  const file = displayPath(abs, cwd);
  const format = formatOf(abs);
  const buf = readFileSync(abs);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const base = { file, bytes: buf.length, sha256 };
  if (!format) {
    const reason = `unsupported file type '${path.extname(abs) || '(none)'}' (supported: ${SUPPORTED_EXTENSIONS.join(' ')})`;
    return { record: { ...base, format: 'unsupported', encoding: '', status: 'skipped', reason }, messages: [{ origin: 'ingest:file', text: `skipped: ${reason}`, file }] };
  }
  const decoded = decodeBuffer(buf);
  if (!decoded.ok) {
    return { record: { ...base, format, encoding: '', status: 'skipped', reason: decoded.reason }, messages: [{ origin: 'ingest:file', text: `skipped: ${decoded.reason}`, file }] };
  }
  const messages: Message[] = decoded.note ? [{ origin: 'ingest:encoding', text: decoded.note, file }] : [];
  if (decoded.text.trim() === '') {
    const reason = 'no text (only white space)';
    return { record: { ...base, format, encoding: decoded.encoding, status: 'skipped', reason }, messages: [...messages, { origin: 'ingest:file', text: `skipped: ${reason}`, file }] };
  }
  return {
    source: { ...base, format, encoding: decoded.encoding, text: decoded.text },
    record: { ...base, format, encoding: decoded.encoding, status: 'read' },
    messages,
  };
}
