import { createHash } from 'node:crypto';
import { readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { Message } from '../artifacts/corpus.js';
import { decodeBuffer } from './decode.js';
import { DEFAULT_MAX_FILE_MB, readBounded, specialKind } from './limits.js';

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

/** A path under an input folder that is not read, and why (a broken or looping symlink, a device, a pipe). */
export interface SkippedPath {
  file: string;
  reason: string;
}

/**
 * Lists the files under the given paths (folders recursively, in a stable
 * sorted order). A path that does not exist, or a given path that is a
 * device, pipe or socket, is an input error naming it. Symlinks inside a
 * folder are followed (a file or a folder); one that is broken, loops back to
 * a folder above it, or leads to a device is not read but passed to
 * `onSkip`, so the run lists it (stderr and manifest) instead of dropping it.
 */
export function listInputFiles(inputs: readonly string[], cwd = process.cwd(), onSkip: (s: SkippedPath) => void = () => {}): string[] {
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
    const special = specialKind(st);
    if (special) throw new InputError(`--input ${input}: ${special}, not a file or a folder; govtext reads report files (.txt .md .html .csv .jsonl) and folders of them`);
    if (st.isDirectory()) walk(abs, files, new Set([realpathSync(abs)]), (file, reason) => onSkip({ file: displayPath(file, cwd), reason }));
    else files.push(abs);
  }
  return [...new Set(files)].sort();
}

/** `above`: real paths of the folders being walked (a symlink to one of them is a loop). */
function walk(dir: string, out: string[], above: Set<string>, skip: (file: string, reason: string) => void): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue; // hidden files and folders (.git, .DS_Store)
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      let st;
      try {
        st = statSync(p);
      } catch {
        skip(p, `a symlink to ${linkTarget(p)}, which does not exist`);
        continue;
      }
      isDir = st.isDirectory();
      isFile = st.isFile();
    }
    if (isDir) {
      const real = realpathSync(p);
      if (above.has(real)) {
        skip(p, `a symlink that loops back to the folder ${real} above it`);
        continue;
      }
      above.add(real);
      walk(p, out, above, skip);
      above.delete(real);
    } else if (isFile) out.push(p);
    else skip(p, `${specialKind(statSync(p)) ?? 'not a regular file'}, not a file of text`);
  }
}

function linkTarget(p: string): string {
  try {
    return path.resolve(path.dirname(p), readlinkSync(p));
  } catch {
    return '(unreadable)';
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
 * Reads and decodes one file. Unsupported, empty, binary or undecodable files,
 * and files over `maxBytes` (read no further than that), come back as skipped with a reason (and a message); they never stop a run.
 */
export function readSource(abs: string, cwd = process.cwd(), maxBytes = DEFAULT_MAX_FILE_MB * 2 ** 20): { source?: Source; record: SourceRecord; messages: Message[] } {
  const file = displayPath(abs, cwd);
  const format = formatOf(abs);
  const read = readBounded(abs, maxBytes);
  if (!read.ok) {
    return { record: { file, bytes: 0, sha256: '', format: format ?? 'unsupported', encoding: '', status: 'skipped', reason: read.reason }, messages: [{ origin: 'ingest:file', text: `skipped: ${read.reason}`, file }] };
  }
  const buf = read.buf;
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
  // /\S/ is what trim() keeps (white space and line terminators alike), without a copy of the text.
  if (!/\S/u.test(decoded.text)) {
    const reason = 'no text (only white space)';
    return { record: { ...base, format, encoding: decoded.encoding, status: 'skipped', reason }, messages: [...messages, { origin: 'ingest:file', text: `skipped: ${reason}`, file }] };
  }
  return {
    source: { ...base, format, encoding: decoded.encoding, text: decoded.text },
    record: { ...base, format, encoding: decoded.encoding, status: 'read' },
    messages,
  };
}
