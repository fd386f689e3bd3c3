import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { InputError, UsageError } from '../errors.js';
import { formatNumber, restoreFormula, toCsv } from '../output/csv.js';
import { groupTable } from '../tables/groups.js';
import { checkOutFile, explainFileWriteError } from '../pipeline/outdir.js';
import { countTerm, DEFAULT_IGNORED, describeIgnored, Ignored } from '../text/count.js';

export interface TableOptions {
  term?: string;
  /** A file of terms, one per line (# comments): one table each. */
  terms?: string;
  category?: string;
  dictionary: string;
  rows: string;
  cols: string;
  value: string;
  out?: string;
}

function readRows(file: string): Record<string, string>[] {
  if (!existsSync(file)) throw new InputError(`${file} not found: run the default pipeline first (govtext run), or name its output folder`);
  // Cells come back as they were before the writer's formula protection (a leading ' is not data).
  return parseCsv(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, cast: (v: string) => restoreFormula(v) }) as Record<string, string>[];
}

/** The characters the run ignored when matching terms (phrases.match_ignore in its manifest), or the default. */
function runIgnored(dir: string): Ignored {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) return new Ignored();
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as { pipeline?: { stages?: { name: string; params?: Record<string, unknown> }[] } };
    const chars = m.pipeline?.stages?.find((s) => s.name === 'phrases')?.params?.match_ignore;
    return new Ignored(typeof chars === 'string' ? chars : DEFAULT_IGNORED);
  } catch {
    return new Ignored();
  }
}

/**
 * Each counted document's count of `term` in its cleaned text
 * (clean/DOC_ID.txt of the run), as src/text/count.ts defines a count: the
 * number policy_terms.csv has for a lexicon term, and the same for any
 * other string.
 */
export function termCounts(dir: string, docIds: readonly string[], term: string, ignored: Ignored = runIgnored(dir)): Map<string, number> {
  const hits = new Map<string, number>();
  for (const id of docIds) {
    const n = countTerm(cleanText(dir, id), term, ignored);
    if (n > 0) hits.set(id, n);
  }
  return hits;
}

/** A run's clean/DOC_ID.txt as paragraphs, read once per process (tables of many terms search the same texts). */
const cleanTexts = new Map<string, string[]>();
function cleanText(dir: string, id: string): string[] {
  const file = path.resolve(dir, 'clean', `${id}.txt`);
  let lines = cleanTexts.get(file);
  if (!lines) {
    if (!existsSync(file)) throw new InputError(`${file} not found: table counts terms in the run's clean/ texts (run the pipeline again, or name its output folder)`);
    cleanTexts.set(file, (lines = readFileSync(file, 'utf8').split('\n')));
  }
  return lines;
}

/**
 * Which run a folder holds, in words, for a command that falls back to a
 * default folder: its absolute path, and from its manifest.json the pipeline
 * and how many reports it read (or that the folder has no run yet).
 */
export function describeRun(dir: string): string {
  const abs = path.resolve(dir);
  const file = path.join(abs, 'manifest.json');
  if (!existsSync(file)) return `reading ${abs}, which holds no run (no manifest.json)`;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as { pipeline?: { name?: string }; counts?: { reports?: number }; inputs?: unknown[] };
    return `reading the run in ${abs} (pipeline ${m.pipeline?.name ?? '?'}, ${m.counts?.reports ?? '?'} reports from ${m.inputs?.length ?? '?'} input files)`;
  } catch {
    return `reading ${abs} (its manifest.json is not readable JSON)`;
  }
}

/** `govtext table`: a wide group table (rows x cols) of a term's or a category's rate from a run's output folder. */
export function runTable(dir: string, opts: TableOptions): void {
  if ([opts.term, opts.terms, opts.category].filter(Boolean).length !== 1) throw new UsageError('table: give one of --term TERM, --terms FILE (terms counted in the cleaned text) or --category NAME (attention.csv)');
  if (opts.terms) {
    if (!existsSync(opts.terms)) throw new InputError(`--terms ${opts.terms}: file not found (one term per line)`);
    const terms = readFileSync(opts.terms, 'utf8').replace(/^\ufeff/u, '').split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    if (terms.length === 0) throw new InputError(`--terms ${opts.terms}: no terms in the file (one term per line)`);
    const out = opts.out;
    terms.forEach((term, i) => runTable(dir, { ...opts, terms: undefined, term, out: out ? out.replace(/(\.csv)?$/u, `_${i + 1}.csv`) : undefined }));
    return;
  }
  if (!['per_10k', 'hits', 'documents'].includes(opts.value)) throw new UsageError(`--value ${opts.value}: expected per_10k, hits or documents`);
  if (opts.out) checkOutFile(opts.out, [dir], process.cwd());
  const corpus = readRows(path.join(dir, 'corpus.csv'));
  const variables = Object.keys(corpus[0] ?? {});
  for (const v of [opts.rows, opts.cols].filter(Boolean)) {
    if (!variables.includes(v)) throw new UsageError(`--rows/--cols ${v}: not a column of corpus.csv (columns: ${variables.join(', ')})`);
  }
  const docvars = new Map(corpus.map((r) => [r.doc_id!, r]));
  const attention = readRows(path.join(dir, 'attention.csv'));
  const tokens = new Map<string, number>();
  for (const r of attention) tokens.set(r.doc_id!, Number(r.tokens));
  const hits = new Map<string, number>();
  let caption: string;
  if (opts.term) {
    // Counted in the cleaned text of the documents the run counted (those of attention.csv), for any string.
    const ignored = runIgnored(dir);
    for (const [id, n] of termCounts(dir, [...tokens.keys()], opts.term, ignored)) hits.set(id, n);
    if (hits.size === 0) {
      process.stdout.write(`${opts.term}: occurs in none of the ${tokens.size} counted documents (searched in ${path.join(dir, 'clean')}, ${describeIgnored(ignored.chars)}); no table\n`);
      process.stderr.write(`govtext table: ${opts.term} never occurs\n`);
      return;
    }
    caption = `${opts.term}: ${opts.value === 'per_10k' ? 'occurrences per 10,000 counted tokens (pooled over the reports of each cell)' : opts.value === 'hits' ? 'occurrences in the cleaned text' : opts.value} by ${opts.rows}${opts.cols ? ` and ${opts.cols}` : ''}`;
  } else {
    const rows = attention.filter((r) => r.dictionary === opts.dictionary && r.category === opts.category);
    if (rows.length === 0) {
      const known = [...new Set(attention.map((r) => `${r.dictionary}/${r.category}`))].join(', ');
      throw new UsageError(`--category ${opts.category} --dictionary ${opts.dictionary}: not in attention.csv (there: ${known})`);
    }
    for (const r of rows) hits.set(r.doc_id!, Number(r.hits));
    caption = `${opts.dictionary}/${opts.category} attention: ${opts.value} by ${opts.rows}${opts.cols ? ` and ${opts.cols}` : ''}`;
  }
  const table = groupTable({ hits, tokens, docvars }, { rows: opts.rows, cols: opts.cols, value: opts.value as 'per_10k', name: 'group', caption });
  if (opts.out) {
    try {
      writeFileSync(opts.out, toCsv(table));
    } catch (err) {
      throw explainFileWriteError(err, opts.out);
    }
    process.stdout.write(`${opts.out}\n`);
    return;
  }
  process.stdout.write(`${caption}\n${table.columns.join('\t')}\n`);
  for (const r of table.rows) process.stdout.write(`${r.map((c) => (typeof c === 'number' ? formatNumber(Math.round(c * 100) / 100) : (c ?? ''))).join('\t')}\n`);
}
