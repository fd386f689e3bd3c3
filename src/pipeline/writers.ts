import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CsvWriter, toCsv, type Table } from '../tables/csv.js';
import { corpusTable, sectionsTable } from '../tables/corpus.js';
import { phrasesTable } from '../tables/phrases.js';
import { indicatorsTable, targetsTable } from '../tables/indicators.js';
import { clustersTable, clusterTermsTable, kSelectionTable, themesBySectionTable, themesTable, themeTermsTable } from '../tables/clusters.js';
import { attentionTable, keynessTable, keywordsTable, policyTermsTable, similarityTable, writePolicyTermsCsv, writeTfidfCsv } from '../tables/weights.js';
import type { Corpus } from '../types.js';
import type { WrittenRows } from '../stages/weigh.js';
import type { Tokens } from '../stages/segment.js';
import type { Artifacts, ArtifactName } from './registry.js';
import { frameTable, toFrame } from '../report/frame.js';
import type { Report } from '../stages/report.js';
import { writeWorkbook, type Sheet } from '../report/xlsx.js';
import { cutFor, workbookSources, type SheetRecord } from '../report/workbook.js';
import type { ParquetSource } from '../output/parquet.js';
import { policyTermsParquet, tfidfParquet } from '../output/sources.js';

/** On a TableRecord: the same table to write as Parquet (the runner writes it after the writer returns, then drops it; not in the manifest). */
export const PARQUET = Symbol('govtext.parquet');

/** How a table file was made, for the manifest: through a danfojs DataFrame, or streamed row by row (tables that grow with the corpus). */
export interface TableRecord {
  [PARQUET]?: ParquetSource;
  file: string;
  rows: number;
  built: 'DataFrame' | 'streamed';
  /** tables.xlsx only: what each sheet holds (every row of its table, or which rows). */
  sheets?: SheetRecord[];
  /**
   * Only for a file that holds part of its table (tfidf.csv and
   * policy_terms.csv on large corpora, by weigh.tfidf_rows and
   * weigh.policy_rows): `rows` of `of` were written, each document's first
   * `per_document` by `rule`; `all` is the setting that writes every row.
   */
  cut?: { of: number; per_document: number; rule: string; parameter: string; all: string };
}

/**
 * How each artifact is persisted in the output folder, so a user can stop
 * after any stage and inspect it. Returns the files written (relative) and
 * tells `record` how each table was built.
 */
export type Writer<T> = (artifact: T, dir: string, record: (r: TableRecord) => void, artifacts: Artifacts) => string[] | Promise<string[]>;

/**
 * Tables up to this many rows are held as danfojs DataFrames and written
 * from them; longer ones (possible at 10,000 reports: policy terms,
 * themes by section) are streamed row by row, which needs no second copy.
 */
export const FRAME_MAX_ROWS = 50_000;

/** Writes NAME.csv (in `sub` of dir when given) from a DataFrame of the table, or streamed when it is too long for one. */
export function writeTable(table: Table, dir: string, record: (r: TableRecord) => void, sub = ''): string {
  const file = path.posix.join(sub, `${table.name}.csv`);
  const parquet: ParquetSource = { file: path.posix.join(sub, `${table.name}.parquet`), columns: table.columns, rows: () => table.rows };
  const recordBoth = (r: TableRecord) => record({ ...r, [PARQUET]: parquet });
  if (table.rows.length <= FRAME_MAX_ROWS) {
    writeFileSync(path.join(dir, file), toCsv(frameTable(toFrame(table))));
    recordBoth({ file, rows: table.rows.length, built: 'DataFrame' });
  } else {
    const out = new CsvWriter(path.join(dir, file), table.columns);
    try {
      for (const r of table.rows) out.write(r);
    } finally {
      out.close();
    }
    recordBoth({ file, rows: table.rows.length, built: 'streamed' });
  }
  return file;
}

const writeCorpus: Writer<Corpus> = (corpus, dir, record) => {
  const files = [writeTable(corpusTable(corpus), dir, record), writeTable(sectionsTable(corpus), dir, record)];
  mkdirSync(path.join(dir, 'clean'), { recursive: true });
  for (const d of corpus.documents) {
    // doc_id is made safe at ingest; the join is still checked so nothing can write outside the folder.
    const target = path.join(dir, 'clean', `${d.doc_id}.txt`);
    if (path.dirname(target) !== path.join(dir, 'clean')) throw new Error(`unsafe doc_id '${d.doc_id}'`);
    writeFileSync(target, `${d.paragraphs.join('\n')}\n`);
  }
  files.push(`clean/ (${corpus.documents.length} files)`);
  return files;
};

/**
 * tokens.jsonl, streamed a document at a time: {"doc_id", "tokens", "paragraph_starts"}.
 * The line is what JSON.stringify gives for that object, put together from
 * each vocabulary entry's JSON string, encoded once (10^8 tokens at 10,000
 * reports share ~10^4 strings), and written in chunks of about 4 MB.
 */
const writeTokens: Writer<Tokens> = (tokens, dir, record) => {
  const fd = openSync(path.join(dir, 'tokens.jsonl'), 'w');
  const json = tokens.vocab.map((t) => JSON.stringify(t));
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length) writeSync(fd, chunk.join(''));
    chunk = [];
    size = 0;
  };
  try {
    for (const d of tokens.documents) {
      const cells = new Array<string>(d.ids.length);
      for (let i = 0; i < d.ids.length; i++) cells[i] = json[d.ids[i]!]!;
      const line = `{"doc_id":${JSON.stringify(d.doc_id)},"tokens":[${cells.join(',')}],"paragraph_starts":[${d.paragraphStarts.join(',')}]}\n`;
      chunk.push(line);
      size += line.length;
      if (size > 1 << 21) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  record({ file: 'tokens.jsonl', rows: tokens.documents.length, built: 'streamed' });
  return ['tokens.jsonl'];
};


/**
 * The report: tables/NAME.{csv,md,tex} per paper table, summary.md,
 * report.html and tables.xlsx (an `about` sheet, then every long table and
 * every paper table as a sheet).
 */
async function writeReport(r: Report, dir: string, record: (r: TableRecord) => void, artifacts: Artifacts): Promise<string[]> {
  mkdirSync(path.join(dir, 'tables'), { recursive: true });
  const files: string[] = [];
  for (const t of r.tables) {
    const { columns, rows } = frameTable(t.frame);
    files.push(writeTable({ name: t.name, columns, rows }, dir, record, 'tables'));
    writeFileSync(path.join(dir, 'tables', `${t.name}.md`), t.markdown);
    writeFileSync(path.join(dir, 'tables', `${t.name}.tex`), t.latex);
    files.push(`tables/${t.name}.md`, `tables/${t.name}.tex`);
  }
  writeFileSync(path.join(dir, 'summary.md'), r.summary);
  files.push('summary.md');
  if (r.html !== null) {
    writeFileSync(path.join(dir, 'report.html'), r.html);
    files.push('report.html');
  }
  if (r.xlsx) {
    // Long tables over the sheet budget keep rows shared among the documents (their CSVs stay whole); each is built only when its sheet is written.
    const long = workbookSources(artifacts);
    const cut = cutFor(r.xlsxRows, artifacts.corpus?.documents.length ?? 0);
    // tfidf.csv and policy_terms.csv may hold part of their table (weigh.tfidf_rows, weigh.policy_rows); the sheets are cut from the whole table.
    const cutFiles = new Map(Object.values(artifacts.weights?.meta.rows ?? {}).filter((w) => w.rows < w.of).map((w) => [w.file, w]));
    const csvHas = (file: string, size: number) => {
      const c = cutFiles.get(file);
      return c ? `of the ${size} rows of the table; ${file} holds ${c.rows}, ${c.rule}` : `the CSV has all ${size} rows`;
    };
    const holds = (size: number, text: string, file = '') => (size > r.xlsxRows ? `${text} (${csvHas(file, size)})` : 'every row');
    const about = {
      name: 'about',
      columns: ['sheet', 'file', 'caption', 'notes'],
      rows: [
        ...long.map((t) => [t.name, t.file, '', t.size > r.xlsxRows ? `This sheet holds ${holds(t.size, t.holds(cut), t.file)}.` : ''] as const),
        ...r.tables.map((t) => [t.name, `tables/${t.name}.csv`, t.caption, t.notes] as const),
        ['(not in this workbook)', 'tfidf.csv, tokens.jsonl', 'tables that grow with the corpus, streamed to their files', ''] as const,
      ],
    };
    // A generator: each long table is built when the writer reaches its sheet and dropped after it.
    const sheets = function* (): Generator<Sheet> {
      yield about;
      for (const t of long) yield t.build(t.size > r.xlsxRows ? cut : undefined);
      for (const t of r.tables) yield { name: t.name, ...frameTable(t.frame) };
    };
    const written = await writeWorkbook(path.join(dir, 'tables.xlsx'), sheets());
    const sources: { file: string; size: number; holds: (c: typeof cut) => string }[] = [{ file: '', size: about.rows.length, holds: () => '' }, ...long, ...r.tables.map((t) => ({ file: `tables/${t.name}.csv`, size: t.frame.shape[0] ?? 0, holds: () => '' }))];
    const records: SheetRecord[] = written.map((w, i) => ({ sheet: w.sheet, file: sources[i]!.file, rows: w.rows, of: sources[i]!.size, holds: i === 0 ? 'the index of the sheets' : holds(sources[i]!.size, sources[i]!.holds(cut), sources[i]!.file) }));
    record({ file: 'tables.xlsx', rows: written.reduce((n, w) => n + w.rows, 0), built: 'streamed', sheets: records });
    const shortened = records.filter((s) => s.rows < s.of);
    files.push(`tables.xlsx (${written.length} sheets${shortened.length ? `; cut to ${r.xlsxRows} rows a sheet: ${shortened.map((s) => s.sheet).join(', ')}` : ''})`);
  }
  return files;
}

export const WRITERS: { [K in ArtifactName]?: Writer<NonNullable<Artifacts[K]>> } = {
  corpus: writeCorpus,
  phrases: (set, dir, record) => [writeTable(phrasesTable(set), dir, record)],
  tokens: writeTokens,
  weights: (w, dir, record) => {
    const { tfidf: tfidfRows, policy_terms: policyRows } = w.meta.rows;
    // A file holding part of its table says so in its record (the stage has warned).
    const cut = (r: WrittenRows): Pick<TableRecord, 'cut'> => (r.rows < r.of ? { cut: { of: r.of, per_document: r.perDocument, rule: r.rule, parameter: `weigh.${r.parameter}`, all: `--set weigh.${r.parameter}=all` } } : {});
    const rows = writeTfidfCsv(w, dir, tfidfRows.perDocument === Infinity ? 'all' : tfidfRows.perDocument);
    // tfidf.parquet and policy_terms.parquet hold every row, whatever the CSVs hold.
    record({ file: 'tfidf.csv', rows, built: 'streamed', ...cut(tfidfRows), [PARQUET]: tfidfParquet(w) });
    const files = [`tfidf.csv (${rows}${rows < tfidfRows.of ? ` of ${tfidfRows.of}` : ''} rows)`, writeTable(keywordsTable(w), dir, record)];
    if (policyRows.rows > FRAME_MAX_ROWS) {
      const n = writePolicyTermsCsv(w, dir, policyRows.perDocument);
      record({ file: 'policy_terms.csv', rows: n, built: 'streamed', ...cut(policyRows), [PARQUET]: policyTermsParquet(w) });
      files.push(n < policyRows.of ? `policy_terms.csv (${n} of ${policyRows.of} rows)` : 'policy_terms.csv');
    } else {
      // writeTable records the file: the cut, if any, is added to its record.
      files.push(writeTable(policyTermsTable(w, policyRows.perDocument), dir, (r) => record({ ...r, ...cut(policyRows), [PARQUET]: policyTermsParquet(w) })));
      if (policyRows.rows < policyRows.of) files[files.length - 1] += ` (${policyRows.rows} of ${policyRows.of} rows)`;
    }
    return [...files, ...[attentionTable, keynessTable, similarityTable].map((t) => writeTable(t(w), dir, record))];
  },
  clusters: (c, dir, record) => [clustersTable, clusterTermsTable, kSelectionTable, themesTable, themesBySectionTable, themeTermsTable].map((t) => writeTable(t(c), dir, record)),
  indicators: (ind, dir, record) => [writeTable(indicatorsTable(ind), dir, record), writeTable(targetsTable(ind), dir, record)],
  report: writeReport,
};
