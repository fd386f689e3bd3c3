import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { InputError, UsageError } from '../errors.js';
import { formatNumber, toCsv } from '../output/csv.js';
import { groupTable } from '../tables/groups.js';

export interface TableOptions {
  term?: string;
  category?: string;
  dictionary: string;
  rows: string;
  cols: string;
  value: string;
  out?: string;
}

function readRows(file: string): Record<string, string>[] {
  if (!existsSync(file)) throw new InputError(`${file} not found: run the default pipeline first (govtext run), or name its output folder`);
  return parseCsv(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** `govtext table`: a wide group table (rows x cols) of a term's or a category's rate from a run's output folder. */
export function runTable(dir: string, opts: TableOptions): void {
  if (!opts.term === !opts.category) throw new UsageError('table: give either --term TERM (policy_terms.csv) or --category NAME (attention.csv)');
  if (!['per_10k', 'hits', 'documents'].includes(opts.value)) throw new UsageError(`--value ${opts.value}: expected per_10k, hits or documents`);
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
    for (const r of readRows(path.join(dir, 'policy_terms.csv'))) if (r.term === opts.term) hits.set(r.doc_id!, Number(r.count));
    caption = `${opts.term}: ${opts.value === 'per_10k' ? 'occurrences per 10,000 counted tokens (pooled over the reports of each cell)' : opts.value} by ${opts.rows}${opts.cols ? ` and ${opts.cols}` : ''}`;
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
    writeFileSync(opts.out, toCsv(table));
    process.stdout.write(`${opts.out}\n`);
    return;
  }
  process.stdout.write(`${caption}\n${table.columns.join('\t')}\n`);
  for (const r of table.rows) process.stdout.write(`${r.map((c) => (typeof c === 'number' ? formatNumber(Math.round(c * 100) / 100) : (c ?? ''))).join('\t')}\n`);
}
