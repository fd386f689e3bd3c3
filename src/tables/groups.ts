import type { Cell, Table } from '../artifacts/frame.js';
import { per10k } from '../weigh/rate.js';

/**
 * Group-level tables for papers: a count aggregated over the documents of
 * each group (year, level, province, region …) as a wide table, e.g. the
 * rate of 乡村振兴 per 10,000 tokens by year × level.
 *
 * The rate of a group is pooled: total hits / total counted tokens of its
 * documents × 10,000 (each token weighs the same), not the mean of the
 * documents' rates. `documents` gives the number of documents per cell.
 */
export interface GroupInput {
  /** Per document: its hits of the measured term or category, and its counted tokens. */
  hits: ReadonlyMap<string, number>;
  tokens: ReadonlyMap<string, number>;
  /** Document variables per doc_id (corpus.csv rows). */
  docvars: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

export interface GroupSpec {
  rows: string;
  /** Column variable; '' gives a single column. */
  cols: string;
  value: 'per_10k' | 'hits' | 'documents';
  /** Table name (file stem) and a caption for papers. */
  name: string;
  caption: string;
}

const naturalOrder = (a: string, b: string) => {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
};

/** The wide table: one row per value of `rows`, one column per value of `cols` (plus `all`). */
export function groupTable(input: GroupInput, spec: GroupSpec): Table & { caption: string } {
  const key = (vars: Readonly<Record<string, string>>, v: string) => (v === '' ? 'all' : (vars[v] ?? '') || '(unknown)');
  const cells = new Map<string, { hits: number; tokens: number; docs: number }>();
  const rowKeys = new Set<string>();
  const colKeys = new Set<string>();
  const add = (r: string, c: string, hits: number, tokens: number) => {
    const k = `${r}\u0000${c}`;
    const cell = cells.get(k) ?? { hits: 0, tokens: 0, docs: 0 };
    cell.hits += hits;
    cell.tokens += tokens;
    cell.docs += 1;
    cells.set(k, cell);
  };
  for (const [doc, tokens] of input.tokens) {
    const vars = input.docvars.get(doc);
    if (!vars) continue;
    const r = key(vars, spec.rows);
    const c = key(vars, spec.cols);
    rowKeys.add(r);
    colKeys.add(c);
    const hits = input.hits.get(doc) ?? 0;
    add(r, c, hits, tokens);
    if (spec.cols !== '') add(r, 'all', hits, tokens);
  }
  const cols = [...colKeys].sort(naturalOrder);
  if (spec.cols !== '') cols.push('all');
  const valueOf = (r: string, c: string): Cell => {
    const cell = cells.get(`${r}\u0000${c}`);
    if (!cell) return null;
    if (spec.value === 'hits') return cell.hits;
    if (spec.value === 'documents') return cell.docs;
    return cell.tokens > 0 ? per10k(cell.hits, cell.tokens) : null;
  };
  const rows = [...rowKeys].sort(naturalOrder).map((r) => [r, ...cols.map((c) => valueOf(r, c))]);
  return { name: spec.name, columns: [spec.rows, ...cols], rows, caption: spec.caption };
}
