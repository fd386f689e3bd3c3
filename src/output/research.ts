import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Artifacts } from '../artifacts/index.js';
import { tokenCount } from '../artifacts/tokens.js';
import { PARQUET, type ParquetType, type TableRecord } from '../artifacts/run.js';
import { citationCff, citeParagraphs } from '../report/cite.js';
import { corpusTable } from '../tables/corpus.js';
import type { Cell, Table } from '../artifacts/frame.js';
import { CsvWriter } from './csv.js';
import { buildPanel, PANEL_COLUMNS, panelRowAt, panelRows, panelWidth, widePanel, wideVariablesTable, type Panel } from '../tables/panel.js';
import { buildDtm, type Dtm } from '../weigh/dtm.js';
import { writeMatrixMarket } from './mtx.js';
import { writeStata, type StataColumn } from './stata.js';

/** Variable labels of the docvars and panel columns in the .dta files. */
export const COLUMN_LABELS: Record<string, string> = {
  doc_id: 'document id (file stem of clean/DOC_ID.txt)',
  title: 'title of the report',
  region: 'region (地区) that delivers the report',
  level: 'national | provincial | prefecture | county | unknown',
  province: 'province (省级) of the region',
  year: 'year the report is delivered in (reviews year-1, plans year)',
  meeting_date: 'date of the people’s congress session (YYYY-MM-DD)',
  session: 'session (会议) at which the report is delivered',
  speaker: 'who delivers the report',
  kind: 'report | other',
  source_file: 'input file the document came from',
  chars: 'characters of the cleaned text',
  paragraphs: 'paragraphs (lines of clean/DOC_ID.txt)',
  tokens: 'counted tokens (tokens.jsonl): the per_10k denominator',
  variable: 'measure: a term (中文), a category, dictionary:category or a target',
  hits: 'hits in the report, as policy_terms.csv and attention.csv count them',
  per_10k: 'hits per 10,000 counted tokens',
  value: 'per_10k for counts; the stated target for targets',
  reports: 'reports of the region in the year',
};

/** Stata columns of a table: every column, its values read from the rows, labelled from COLUMN_LABELS or `labels`. */
function stataColumns(columns: readonly string[], rowAt: (r: number) => readonly unknown[], labels: Record<string, string> = {}, types: Record<string, StataColumn['type']> = {}): StataColumn[] {
  return columns.map((name, c) => ({ name, label: labels[name] ?? COLUMN_LABELS[name] ?? '', type: types[name], values: (r: number) => rowAt(r)[c] as string | number | null }));
}

/** Writes a table as CSV, streamed (so a long panel is never held as rows), and records it with its Parquet twin. */
function writeCsv(dir: string, file: string, columns: readonly string[], rows: () => Iterable<readonly Cell[]>, record: (r: TableRecord) => void, types?: readonly ParquetType[]): string {
  const out = new CsvWriter(path.join(dir, file), columns);
  try {
    for (const r of rows()) out.write(r);
  } finally {
    out.close();
  }
  record({ file, rows: out.rows, built: 'streamed', [PARQUET]: { file: file.replace(/\.csv$/u, '.parquet'), columns, rows, types, csv: () => path.join(dir, file), plan: out.parquetPlan(columns, types) } });
  return file;
}

/** The document-term counts of the run: the weigh stage's matrix, or one built from the tokens. */
function countsOf(a: Artifacts): Dtm | undefined {
  if (a.weights) return a.weights.counts;
  if (a.tokens) return buildDtm(a.tokens.documents.map((d) => d.ids), a.tokens.vocab.length);
  return undefined;
}

/** What a group of research outputs wrote: its files (relative) and warnings (origin `output:stata`). */
export interface Written {
  files: string[];
  warnings: string[];
}

/** Writes a .dta file and records it. */
function dta(dir: string, file: string, ds: Parameters<typeof writeStata>[1], record: (r: TableRecord) => void, out: Written): void {
  out.warnings.push(...writeStata(path.join(dir, file), ds).map((w) => `${file}: ${w}`));
  record({ file, rows: ds.rows, built: 'streamed' });
  out.files.push(file);
}

/** Each document's counted tokens (its row sum of the document-term counts), when segment ran. */
export function tokensByDocument(a: Artifacts): Map<string, number> | undefined {
  const counts = countsOf(a);
  const docIds = a.weights?.docIds ?? a.tokens?.documents.map((d) => d.doc_id);
  return counts && docIds ? new Map(docIds.map((id, i) => [id, sumRow(counts, i)])) : undefined;
}

/** corpus.dta: corpus.csv (with the tokens column when segment ran) in Stata format. */
export function writeCorpusDta(a: Artifacts, dir: string, record: (r: TableRecord) => void): Written {
  const out: Written = { files: [], warnings: [] };
  const table = corpusTable(a.corpus!, tokensByDocument(a));
  dta(dir, 'corpus.dta', { rows: table.rows.length, label: 'govtext corpus: one row per document', columns: stataColumns(table.columns, (r) => table.rows[r]!) }, record, out);
  return out;
}

/**
 * panel.csv, panel.dta, panel_wide.csv, panel_wide_variables.csv and
 * panel_wide.dta, from one panel: the lexicon's terms (the study's own terms
 * among them) with policy_terms.csv's counts, attention categories and
 * headline targets.
 */
export function writePanelFiles(a: Artifacts, dir: string, record: (r: TableRecord) => void): Written {
  const out: Written = { files: [], warnings: [] };
  const panel: Panel = buildPanel(a.corpus!, a.weights!, a.indicators, a.phrases?.lexicon.entries);
  const n = panel.docs.length * panelWidth(panel);
  out.files.push(writeCsv(dir, 'panel.csv', PANEL_COLUMNS, () => panelRows(panel), record, ['VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'BIGINT', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE']));
  const at = panelRowAt(panel);
  dta(dir, 'panel.dta', { rows: n, label: 'govtext panel: one row per (report, variable)', columns: stataColumns(PANEL_COLUMNS, at, {}, { year: 'long', hits: 'double', tokens: 'double', per_10k: 'double', value: 'double' }) }, record, out);
  const wide = widePanel(panel);
  out.files.push(writeCsv(dir, 'panel_wide.csv', wide.table.columns, () => wide.table.rows, record, wide.table.columns.map((c) => (c === 'region' ? 'VARCHAR' : c === 'year' || c === 'reports' ? 'BIGINT' : 'DOUBLE'))));
  const names: Table = wideVariablesTable(wide);
  out.files.push(writeCsv(dir, 'panel_wide_variables.csv', names.columns, () => names.rows, record));
  const labels = Object.fromEntries(wide.variables.map((v) => [v.column, v.label]));
  const types = Object.fromEntries(wide.table.columns.map((c) => [c, c === 'region' ? ('string' as const) : ('double' as const)]));
  dta(dir, 'panel_wide.dta', { rows: wide.table.rows.length, label: 'govtext panel: region x year', columns: stataColumns(wide.table.columns, (r) => wide.table.rows[r]!, { ...labels, tokens: 'counted tokens of the reports', year: COLUMN_LABELS.year! }, types) }, record, out);
  return out;
}

/** Columns of dtm_documents.csv: the row of dtm.mtx, the document's variables and its counted tokens. */
export const DTM_DOCUMENT_COLUMNS = ['row', 'doc_id', 'title', 'region', 'level', 'province', 'year', 'speaker', 'kind', 'tokens'] as const;
/** Columns of dtm_terms.csv: the column of dtm.mtx, the term, its document frequency and its count. */
export const DTM_TERM_COLUMNS = ['column', 'term', 'doc_freq', 'count'] as const;

/** dtm.mtx with dtm_documents.csv and dtm_terms.csv: the document-term counts of tokens.jsonl. */
export function writeDtmFiles(a: Artifacts, dir: string, record: (r: TableRecord) => void): Written {
  const out: Written = { files: [], warnings: [] };
  const counts = countsOf(a)!;
  const tokens = a.tokens!;
  const vocab = tokens.vocab;
  const nnz = writeMatrixMarket(path.join(dir, 'dtm.mtx'), counts, ['govtext document-term counts: the tokens of tokens.jsonl', 'rows: documents (dtm_documents.csv), columns: terms (dtm_terms.csv)']);
  record({ file: 'dtm.mtx', rows: nnz, built: 'streamed' });
  out.files.push('dtm.mtx');
  const docs = new Map(a.corpus?.documents.map((d) => [d.doc_id, d]));
  const tokenDocs = tokens.documents;
  out.files.push(writeCsv(dir, 'dtm_documents.csv', DTM_DOCUMENT_COLUMNS, () => tokenDocs.map((t, i) => {
    const d = docs.get(t.doc_id);
    return [i + 1, t.doc_id, d?.title, d?.region, d?.level, d?.province, d?.year, d?.speaker, d?.kind, tokenCount(t)];
  }), record));
  const df = new Float64Array(vocab.length);
  const total = new Float64Array(vocab.length);
  for (let k = 0; k < counts.indptr[counts.nDocs]!; k++) {
    df[counts.indices[k]!]! += 1;
    total[counts.indices[k]!]! += counts.counts[k]!;
  }
  out.files.push(writeCsv(dir, 'dtm_terms.csv', DTM_TERM_COLUMNS, () => vocab.map((t, i) => [i + 1, t, df[i], total[i]]), record));
  return out;
}

/** CITATION.cff and how_to_cite.md, from the run record. */
export function writeCitation(a: Artifacts, dir: string): Written {
  writeFileSync(path.join(dir, 'CITATION.cff'), citationCff(a.run!.tool.version));
  writeFileSync(path.join(dir, 'how_to_cite.md'), `# How to cite and report\n\n${citeParagraphs(a.run!).join('\n\n')}\n`);
  return { files: ['CITATION.cff', 'how_to_cite.md'], warnings: [] };
}

function sumRow(m: Dtm, d: number): number {
  let n = 0;
  for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) n += m.counts[k]!;
  return n;
}
