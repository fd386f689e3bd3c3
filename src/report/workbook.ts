import type { Artifacts } from '../pipeline/registry.js';
import type { Cell, Table } from '../tables/csv.js';
import { corpusTable, sectionsTable } from '../tables/corpus.js';
import { phrasesTable } from '../tables/phrases.js';
import { indicatorsTable, targetsTable } from '../tables/indicators.js';
import { clustersTable, clusterTermsTable, kSelectionTable, themesBySectionTable, themesTable, themeTermsTable } from '../tables/clusters.js';
import { attentionTable, keynessTable, keywordsTable, policyTermsTable, similarityTable } from '../tables/weights.js';

/** What tables.xlsx holds of one table (the manifest's tables.xlsx record lists one per sheet). */
export interface SheetRecord {
  sheet: string;
  /** The file the sheet's rows come from. */
  file: string;
  /** Rows in the sheet (header not counted) and rows of the table (its file's rows, unless the manifest's record of the file has a `cut`). */
  rows: number;
  of: number;
  /** In words: every row, or which rows were kept. */
  holds: string;
}

/** A long table as the workbook takes it: its size known before it is built, built only when its sheet is written. */
export interface WorkbookSource {
  name: string;
  file: string;
  /** Rows of the full table (the CSV). */
  size: number;
  /** The table, cut when `cut` is given (what is kept is said by `holds`). */
  build(cut?: Cut): Table;
  /** What a cut keeps, in words. */
  holds(cut: Cut): string;
}

/** A cut of a long table: rows per document for tables with a doc_id, rows in all for the others. */
export interface Cut {
  perDocument: number;
  rows: number;
}

/**
 * The items of each document, at most `n` per document: its first n, or its
 * n of highest `rank` (ties in the given order); kept in the given order, so
 * a sheet's rows are the CSV's rows with some left out.
 */
export function keepPerDocument<T>(items: readonly T[], docOf: (t: T) => string, n: number, rank?: (t: T) => number): T[] {
  const byDoc = new Map<string, number[]>();
  items.forEach((t, i) => {
    const d = docOf(t);
    const list = byDoc.get(d);
    if (list) list.push(i);
    else byDoc.set(d, [i]);
  });
  const keep = new Uint8Array(items.length);
  for (const list of byDoc.values()) {
    const chosen = rank ? [...list].sort((a, b) => rank(items[b]!) - rank(items[a]!) || a - b).slice(0, n) : list.slice(0, n);
    for (const i of chosen) keep[i] = 1;
  }
  return items.filter((_, i) => keep[i] === 1);
}

/**
 * The rows of whole documents, in the given order, as many documents as fit
 * in `rows`: for tables whose rows of a document belong together (its
 * attention categories, its themes), where keeping some of each would mislead.
 */
export function keepWholeDocuments<T>(items: readonly T[], docOf: (t: T) => string, rows: number): { kept: T[]; documents: number } {
  const count = new Map<string, number>();
  for (const t of items) count.set(docOf(t), (count.get(docOf(t)) ?? 0) + 1);
  const fits = new Set<string>();
  let n = 0;
  for (const [d, c] of count) {
    if (n + c > rows) break;
    fits.add(d);
    n += c;
  }
  return { kept: items.filter((t) => fits.has(docOf(t))), documents: fits.size };
}

/** A table cut to whole documents by its doc_id column, or to its first rows when it has none. */
function cutTable(table: Table, cut: Cut): Table {
  const j = table.columns.indexOf('doc_id');
  if (j < 0) return { ...table, rows: table.rows.slice(0, cut.rows) };
  return { ...table, rows: keepWholeDocuments(table.rows, (r) => String(r[j] as Cell), cut.rows).kept };
}

const wholeDocuments = (c: Cut) => `every row of the first documents (in the CSV's order) that fit in ${c.rows} rows`;
const firstRows = (c: Cut) => `the first ${c.rows} rows, in the CSV's order`;

function source(name: string, size: number, full: () => Table, holds: (c: Cut) => string = wholeDocuments, cut?: (c: Cut) => Table): WorkbookSource {
  return { name, file: `${name}.csv`, size, build: (c) => (c === undefined ? full() : cut ? cut(c) : cutTable(full(), c)), holds };
}

/** Rows of a document that form a ranked list (keywords, neighbours): each document keeps its first, in the CSV's order. */
function perDocument(full: () => Table): (c: Cut) => Table {
  return (c) => {
    const t = full();
    const j = t.columns.indexOf('doc_id');
    return { ...t, rows: keepPerDocument(t.rows, (r) => String(r[j] as Cell), c.perDocument).slice(0, c.rows) };
  };
}

/**
 * Every long table of a run for tables.xlsx, in the order of the SPEC, each
 * built only when its sheet is written (so one is in memory at a time).
 * tfidf.csv and tokens.jsonl are not among them: they grow with the corpus
 * and are read as files.
 */
export function workbookSources(a: Artifacts): WorkbookSource[] {
  const out: WorkbookSource[] = [];
  if (a.corpus) {
    const c = a.corpus;
    const w = a.weights;
    out.push(source('corpus', c.documents.length, () => corpusTable(c, w && new Map(w.docIds.map((id, i) => [id, w.tokenTotals[i]!])))));
    out.push(source('sections', c.documents.reduce((n, d) => n + d.sections.length, 0), () => sectionsTable(c)));
  }
  if (a.phrases) {
    const p = a.phrases;
    out.push(source('phrases', p.phrases.length, () => phrasesTable(p), (c) => `the first ${c.rows} phrases, in the CSV's order`));
  }
  if (a.weights) {
    const w = a.weights;
    out.push(source('keywords', w.keywords.length, () => keywordsTable(w), (c) => `each document's ${c.perDocument} keywords of highest rank`, perDocument(() => keywordsTable(w))));
    // policy_terms is cut before its rows are built: at 10,000 reports the full table has millions of rows.
    out.push(source('policy_terms', w.policyTable.pos.length, () => policyTermsTable(w), (c) => `each document's ${c.perDocument} policy terms with most hits (ties in the CSV's order), in the CSV's order`, (c) => { const t = policyTermsTable(w, c.perDocument); return { ...t, rows: t.rows.slice(0, c.rows) }; }));
    out.push(source('attention', w.attention.length, () => attentionTable(w)));
    out.push(source('keyness', w.keyness.length, () => keynessTable(w), firstRows));
    out.push(source('similarity', w.similarity.length, () => similarityTable(w), (c) => `each document's ${c.perDocument} nearest neighbours`, perDocument(() => similarityTable(w))));
  }
  if (a.clusters) {
    const c = a.clusters;
    for (const t of [clustersTable, clusterTermsTable, kSelectionTable, themesTable, themesBySectionTable, themeTermsTable]) {
      // Cluster tables are small (a row per document and theme at most): built once, for their size and their sheet.
      const table = t(c);
      out.push(source(table.name, table.rows.length, () => table));
    }
  }
  if (a.indicators) {
    const ind = a.indicators;
    out.push(source('indicators', ind.rows.length, () => indicatorsTable(ind), (c) => `each document's first ${c.perDocument} statements, in text order`, (c) => indicatorsTable({ ...ind, rows: keepPerDocument(ind.rows, (r) => r.doc_id, c.perDocument).slice(0, c.rows) })));
    out.push(source('targets', ind.targets.length, () => targetsTable(ind)));
  }
  return out;
}

/**
 * The cut that keeps a sheet within `budget` rows: the budget shared by the
 * documents (at least one row each), or the budget itself for tables
 * without a doc_id.
 */
export function cutFor(budget: number, documents: number): Cut {
  // With more documents than rows, perDocument is 1 and the sheet would still hold a row per document: the cuts also stop at `rows`.
  return { perDocument: Math.max(1, Math.floor(budget / Math.max(1, documents))), rows: budget };
}
