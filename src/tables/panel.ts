import { HEADLINE_TARGETS } from '../indicators/names.js';
import type { Indicators } from '../artifacts/indicators.js';
import type { Weights } from '../artifacts/weights.js';
import type { Corpus, Document } from '../artifacts/corpus.js';
import { per10k } from '../weigh/rate.js';
import { stataName } from '../output/stata.js';
import type { Cell, Table } from '../artifacts/frame.js';

/** What a panel variable measures: a term's hits, a lexicon category's, an attention dictionary category's, or a headline target's value. */
export type PanelKind = 'term' | 'category' | 'dictionary' | 'target';

/**
 * A block of panel variables of one kind. Count blocks give each variable's
 * hits in each document (`hits`); target blocks give a value (`value`,
 * undefined when the report states none).
 */
export interface PanelBlock {
  kind: PanelKind;
  /** The variable as researchers read it (乡村振兴, rural, env_attention_chen2018:environment, gdp_growth). */
  variables: readonly string[];
  /** What each variable is, for the wide file's labels (e.g. the term's lexicon category). */
  about?: readonly string[];
  /** Hits of variable v in document d (d indexes `Panel.docs`). */
  hits?: (d: number, v: number) => number;
  /** Value of variable v in document d (targets). */
  value?: (d: number, v: number) => number | undefined;
  /** Prefix of the wide file's column names (term_001 …); target blocks keep their own names. */
  prefix: string;
}

/** The long panel: documents × variables, built from blocks; rows are made on demand (10,000 reports × 800 variables need not be held). */
export interface Panel {
  docs: readonly Document[];
  /** Counted tokens of each document (the per_10k denominator). */
  tokens: Float64Array;
  blocks: readonly PanelBlock[];
}

export const PANEL_COLUMNS = ['doc_id', 'region', 'province', 'level', 'year', 'speaker', 'variable', 'kind', 'hits', 'tokens', 'per_10k', 'value'] as const;


/**
 * Panel blocks from a run: lexicon categories and every other attention
 * dictionary (attention.csv's hits: for the lexicon, the sum of its terms'
 * counts), the lexicon terms, the study's own terms (phrases.terms, category
 * study) among them, with their counts as in policy_terms.csv (the term's
 * string in the cleaned text, src/text/count.ts; zero where absent), and the headline targets
 * of targets.csv when the indicators ran. Documents: the reports
 * (kind = report) in corpus order.
 */
export function buildPanel(corpus: Corpus, w: Weights, indicators?: Indicators, lexicon?: readonly { term: string; category: string }[]): Panel {
  const docIndex = new Map(w.docIds.map((id, i) => [id, i]));
  const docs = corpus.documents.filter((d) => d.kind === 'report' && docIndex.has(d.doc_id));
  const row = docs.map((d) => docIndex.get(d.doc_id)!);
  const tokens = Float64Array.from(row, (r) => w.tokenTotals[r]!);
  const blocks: PanelBlock[] = [];

  // Attention: one block for the lexicon's categories, one for the other dictionaries (dictionary:category).
  const attention = new Map<string, Float64Array>();
  const keyOf = (dictionary: string, category: string) => (dictionary === 'lexicon' ? category : `${dictionary}:${category}`);
  const order: { key: string; lexicon: boolean }[] = [];
  for (const a of w.attention) {
    const key = keyOf(a.dictionary, a.category);
    let hits = attention.get(key);
    if (!hits) {
      attention.set(key, (hits = new Float64Array(w.docIds.length)));
      order.push({ key, lexicon: a.dictionary === 'lexicon' });
    }
    hits[a.doc] = a.hits;
  }
  for (const [kind, lexiconOnly, prefix] of [['category', true, 'cat_'], ['dictionary', false, 'dict_']] as const) {
    const keys = order.filter((o) => o.lexicon === lexiconOnly).map((o) => o.key);
    if (keys.length) blocks.push({ kind, variables: keys, prefix, hits: (d, v) => attention.get(keys[v]!)![row[d]!]! });
  }

  if (lexicon?.length) {
    // Each lexicon term once (the study's own terms, phrases.terms, are lexicon entries of category study), in lexicon
    // order; its count in a document is policy_terms.csv's (the policy table: its string in the cleaned text), 0 where absent.
    const seen = new Set<string>();
    const entries = lexicon.filter((e) => !seen.has(e.term) && seen.add(e.term));
    const { ptr, term, count, terms: tableTerms } = w.policyTable;
    const column = new Int32Array(tableTerms.length).fill(-1);
    const id = new Map(tableTerms.map((t, i) => [t, i]));
    entries.forEach((e, v) => id.has(e.term) && (column[id.get(e.term)!] = v));
    const dense = new Float64Array(docs.length * entries.length);
    row.forEach((r, d) => {
      for (let k = ptr[r]!; k < ptr[r + 1]!; k++) {
        const v = column[term[k]!]!;
        if (v >= 0) dense[d * entries.length + v] = count[k]!;
      }
    });
    blocks.push({ kind: 'term', variables: entries.map((e) => e.term), about: entries.map((e) => e.category), prefix: 'term_', hits: (d, v) => dense[d * entries.length + v]! });
  }

  if (indicators) {
    const byDoc = new Map(indicators.targets.map((t) => [t.doc_id, t.targets]));
    const columns = HEADLINE_TARGETS.map((h) => h.column);
    blocks.push({
      kind: 'target',
      variables: columns,
      about: HEADLINE_TARGETS.map((h) => `${h.name}, ${h.unit ?? ''}`),
      prefix: '',
      value: (d, v) => byDoc.get(docs[d]!.doc_id)?.[columns[v]!]?.value ?? undefined,
    });
  }
  return { docs, tokens, blocks };
}

/** Variables per document. */
export const panelWidth = (p: Panel): number => p.blocks.reduce((n, b) => n + b.variables.length, 0);

/**
 * The rows of panel.csv, one per (document, variable), in document order then
 * block and variable order, with explicit zeros: hits, tokens and per_10k for
 * counts (value = per_10k); for targets only value (empty when not stated).
 */
export function* panelRows(p: Panel): Generator<Cell[]> {
  const at = panelRowAt(p);
  const n = p.docs.length * panelWidth(p);
  for (let i = 0; i < n; i++) yield at(i);
}

/** panel.csv as a Table (rows built when iterated once; use panelRows for streaming). */
export function panelTable(p: Panel): Table {
  return { name: 'panel', columns: PANEL_COLUMNS, rows: Array.from(panelRows(p)) };
}

/** A column of panel_wide.csv and what it holds (panel_wide_variables.csv). */
export interface WideVariable {
  /** Valid Stata name. */
  column: string;
  variable: string;
  kind: PanelKind;
  /** Variable label (at most 80 characters, Stata's limit, for usual terms): the Chinese term (or category) and what is measured. */
  label: string;
  /** The definition in full. */
  definition: string;
}

export interface WidePanel {
  variables: WideVariable[];
  table: Table;
}

/**
 * panel_wide.csv: one row per (region, year) of the reports, columns
 * region, year, reports, tokens, then one per panel variable with a valid
 * Stata name (the name map is panel_wide_variables.csv and the labels of
 * panel_wide.dta). A count variable is the pooled rate: its hits in the
 * region's reports of the year over their counted tokens, per 10,000 (as the
 * report's groups pool them); a target is the first report's (corpus order)
 * that states it. Rows sorted by region, then year; reports with no year or
 * region are left out.
 *
 * @example panel_wide.csv: region,year,reports,tokens,cat_rural,…,term_001,…,gdp_growth
 */
export function widePanel(p: Panel): WidePanel {
  const taken = new Set(['region', 'year', 'reports', 'tokens']);
  const variables: WideVariable[] = [];
  for (const b of p.blocks) {
    const digits = String(b.variables.length).length;
    b.variables.forEach((v, i) => {
      const wanted = b.kind === 'term' ? `${b.prefix}${String(i + 1).padStart(Math.max(3, digits), '0')}` : `${b.prefix}${v}`;
      const about = b.about?.[i] ? ` (${b.about[i]})` : '';
      // The label fits Stata's 80 characters; the definition is the long form (panel_wide_variables.csv).
      const label = b.hits ? `${v}${about}, per 10k tokens` : `${v}${about}, target`;
      const definition = b.hits ? `${v}${about}: hits per 10,000 counted tokens, pooled over the region's reports of the year (sum of hits / sum of tokens x 10,000)` : `${v}${about}: headline target stated in the report (the first report of the region and year that states one)`;
      variables.push({ column: stataName(wanted, taken), variable: v, kind: b.kind, label, definition });
    });
  }
  const groups = new Map<string, number[]>();
  p.docs.forEach((d, i) => {
    if (d.year === null || d.region === '') return;
    const key = `${d.region}\u0000${d.year}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const keys = [...groups.keys()].sort((a, b) => {
    const [ra, ya] = a.split('\u0000');
    const [rb, yb] = b.split('\u0000');
    return ra! < rb! ? -1 : ra! > rb! ? 1 : Number(ya) - Number(yb);
  });
  const rows = keys.map((key) => {
    const ds = groups.get(key)!;
    const first = p.docs[ds[0]!]!;
    const tokens = ds.reduce((n, d) => n + p.tokens[d]!, 0);
    const cells: Cell[] = [first.region, first.year, ds.length, tokens];
    for (const b of p.blocks) {
      for (let v = 0; v < b.variables.length; v++) {
        if (b.hits) cells.push(per10k(ds.reduce((n, d) => n + b.hits!(d, v), 0), tokens));
        else cells.push(ds.map((d) => b.value?.(d, v)).find((x) => x !== undefined) ?? null);
      }
    }
    return cells;
  });
  return { variables, table: { name: 'panel_wide', columns: ['region', 'year', 'reports', 'tokens', ...variables.map((v) => v.column)], rows } };
}

/** panel_wide_variables.csv: the name map of panel_wide.csv. */
export function wideVariablesTable(w: WidePanel): Table {
  return { name: 'panel_wide_variables', columns: ['column', 'variable', 'kind', 'label', 'definition'], rows: w.variables.map((v) => [v.column, v.variable, v.kind, v.label, v.definition]) };
}

/** Rows of panel.csv by index (documents × variables), for writers that read a column at a time (panel.dta); the last row is cached. */
export function panelRowAt(p: Panel): (row: number) => Cell[] {
  const starts: { block: PanelBlock; from: number }[] = [];
  let width = 0;
  for (const b of p.blocks) {
    starts.push({ block: b, from: width });
    width += b.variables.length;
  }
  let last = -1;
  let cells: Cell[] = [];
  return (row) => {
    if (row === last) return cells;
    const d = Math.floor(row / width);
    const j = row - d * width;
    let s = starts.length - 1;
    while (starts[s]!.from > j) s--;
    const { block: b, from } = starts[s]!;
    const v = j - from;
    const doc = p.docs[d]!;
    const n = p.tokens[d]!;
    const head: Cell[] = [doc.doc_id, doc.region, doc.province, doc.level, doc.year, doc.speaker, b.variables[v], b.kind];
    if (b.hits) {
      const h = b.hits(d, v);
      const rate = per10k(h, n);
      cells = [...head, h, n, rate, rate];
    } else cells = [...head, null, null, null, b.value?.(d, v) ?? null];
    last = row;
    return cells;
  };
}
