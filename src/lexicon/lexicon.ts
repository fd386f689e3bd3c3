import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { decodeBuffer } from '../io/decode.js';
import { foldWidth } from '../ingest/normalize.js';
import { packageRoot } from '../paths.js';
import type { Message } from '../artifacts/corpus.js';

/**
 * The policy lexicon: terms and slogans that must stay whole as tokens
 * (乡村振兴, 专精特新, 放管服 ...), each with a category. The built-in list is
 * data/lexicon/policy_terms.csv; user files (CSV with the same columns, or
 * text with one term per line, optionally followed by a category) are merged
 * in, and override the built-in category of a term they repeat.
 */
export interface LexiconEntry {
  term: string;
  category: string;
  kind: string;
  note: string;
  /** 'builtin' or the user file it came from. */
  source: string;
}

export interface Lexicon {
  entries: LexiconEntry[];
  byTerm: Map<string, LexiconEntry>;
}

export const BUILTIN_LEXICON = 'data/lexicon/policy_terms.csv';

/** A term is 2-20 characters of letters and digits (Han, Latin, digits; · and + inside are allowed: 有机旱作·晋品, 1+N). */
export function termProblem(term: string): string | undefined {
  if (term.length < 2) return 'shorter than 2 characters';
  if (term.length > 20) return 'longer than 20 characters';
  if (!/^[\p{L}\p{N}][\p{L}\p{N}·+]*[\p{L}\p{N}]$/u.test(term)) return 'contains white space or punctuation';
  return undefined;
}

function readText(file: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    throw new InputError(`lexicon file not found: ${file}`);
  }
  const decoded = decodeBuffer(buf);
  if (!decoded.ok) throw new InputError(`lexicon file ${file}: ${decoded.reason}`);
  return decoded.text;
}

/** Entries of one lexicon file, with a message for every line that was skipped. */
export function readLexiconFile(file: string, source: string): { entries: LexiconEntry[]; messages: Message[]; lines: number[] } {
  // Folded like the corpus (ingest folds full-width forms), so ５Ｇ基站 matches 5G基站 and ， separates.
  const text = foldWidth(readText(file));
  const messages: Message[] = [];
  const entries: LexiconEntry[] = [];
  /** The line of each entry, so duplicates can be named by file:line. */
  const lines: number[] = [];
  const push = (term: string, category: string, kind: string, note: string, line: number) => {
    const t = term.trim();
    if (t === '' || t.startsWith('#')) return;
    const problem = termProblem(t);
    if (problem) {
      messages.push({ origin: 'lexicon:entry', text: `'${t}' skipped: ${problem}`, file: source, line });
      return;
    }
    entries.push({ term: t, category: category.trim() || 'user', kind: kind.trim(), note: note.trim(), source });
    lines.push(line);
  };
  if (file.toLowerCase().endsWith('.csv')) {
    let rows: { record: Record<string, string>; info: { lines: number } }[];
    try {
      rows = parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as typeof rows;
    } catch (err) {
      throw new InputError(`lexicon file ${source}: malformed CSV: ${(err as Error).message}`);
    }
    if (rows.length > 0 && !('term' in rows[0]!.record)) {
      throw new InputError(`lexicon file ${source}: expected a 'term' column (columns: term,category,kind,note); found: ${Object.keys(rows[0]!.record).join(', ')}`);
    }
    for (const { record, info } of rows) push(record.term ?? '', record.category ?? '', record.kind ?? '', record.note ?? '', info.lines);
  } else {
    text.split(/\r?\n/u).forEach((raw, i) => {
      const [term = '', category = ''] = raw.trim().split(/[\t,,\s]+/u);
      push(term, category, '', '', i + 1);
    });
  }
  return { entries, messages, lines };
}

/**
 * The lexicon of a run: the built-in list (unless `builtin` is false), then
 * the user files in order; duplicates are reported, the later entry wins.
 * `exclude` removes terms (e.g. to check that discovery finds them).
 */
export function loadLexicon(opts: { builtin: boolean; files: readonly string[]; exclude?: readonly string[]; cwd?: string }): { lexicon: Lexicon; messages: Message[] } {
  const messages: Message[] = [];
  const byTerm = new Map<string, LexiconEntry>();
  const sources: { file: string; source: string }[] = [];
  if (opts.builtin) sources.push({ file: path.join(packageRoot(), BUILTIN_LEXICON), source: 'builtin' });
  for (const f of opts.files) sources.push({ file: path.resolve(opts.cwd ?? process.cwd(), f), source: f });
  for (const { file, source } of sources) {
    const r = readLexiconFile(file, source);
    messages.push(...r.messages);
    const seen = new Map<string, number>();
    for (const [i, e] of r.entries.entries()) {
      const line = r.lines[i]!;
      if (seen.has(e.term)) {
        messages.push({ origin: 'lexicon:duplicate', text: `'${e.term}' listed twice (first on line ${seen.get(e.term)}); the later entry is used`, file: source, line });
      } else if (byTerm.has(e.term) && source !== 'builtin' && byTerm.get(e.term)!.category !== e.category && e.category !== 'user') {
        messages.push({ origin: 'lexicon:override', text: `'${e.term}': category ${byTerm.get(e.term)!.category} -> ${e.category}`, file: source, line });
      }
      if (!seen.has(e.term)) seen.set(e.term, line);
      const prev = byTerm.get(e.term);
      byTerm.set(e.term, prev && e.category === 'user' ? { ...e, category: prev.category, kind: prev.kind, note: prev.note } : e);
    }
  }
  for (const t of opts.exclude ?? []) byTerm.delete(t);
  const entries = [...byTerm.values()].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return { lexicon: { entries, byTerm: new Map(entries.map((e) => [e.term, e])) }, messages };
}
