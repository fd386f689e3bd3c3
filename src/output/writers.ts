import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Corpus } from '../artifacts/corpus.js';
import type { Tokens } from '../artifacts/tokens.js';
import type { Artifacts } from '../artifacts/index.js';
import { frameTable } from '../artifacts/frame.js';
import type { Report } from '../artifacts/report.js';
import { startWorkbook, type Sheet } from './xlsx.js';
import { workbookSources } from './workbook.js';
import { cutFor } from './cut.js';
import { LATER, PARQUET, type SheetRecord, type TableRecord, WRITING } from '../artifacts/run.js';
import { writeTable } from './write-table.js';
import { RUN_OUTPUTS, TABLES, type TableArtifact, tablesOf } from './tables.js';
import type { Written } from './research.js';
import type { Made, MadeName } from '../artifacts/index.js';

/**
 * How each artifact is persisted in the output folder, so a user can stop
 * after any stage and inspect it. Returns the files written (relative) and
 * tells `record` how each table was built.
 */
export type Writer<T> = (artifact: T, dir: string, record: (r: TableRecord) => void, artifacts: Artifacts, later?: ReadonlySet<MadeName>) => string[] | Promise<string[]>;

/** clean/DOC_ID.txt: each document's paragraphs, one a line (line n is paragraph n). */
function writeClean(corpus: Corpus, dir: string): string[] {
  mkdirSync(path.join(dir, 'clean'), { recursive: true });
  for (const d of corpus.documents) {
    // doc_id is made safe at ingest; the join is still checked so nothing can write outside the folder.
    const target = path.join(dir, 'clean', `${d.doc_id}.txt`);
    if (path.dirname(target) !== path.join(dir, 'clean')) throw new Error(`unsafe doc_id '${d.doc_id}'`);
    writeFileSync(target, `${d.paragraphs.join('\n')}\n`);
  }
  return [`clean/ (${corpus.documents.length} files)`];
}

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
    // Written on a thread of its own while the run goes on (the run awaits it before publishing): each sheet is built and handed over here.
    const book = startWorkbook(path.join(dir, 'tables.xlsx'));
    let written: ReturnType<typeof book.add>[];
    try {
      written = [...sheets()].map((s) => book.add(s));
    } catch (err) {
      await book.abort();
      throw err;
    }
    const sources: { file: string; size: number; holds: (c: typeof cut) => string }[] = [{ file: '', size: about.rows.length, holds: () => '' }, ...long, ...r.tables.map((t) => ({ file: `tables/${t.name}.csv`, size: t.frame.shape[0] ?? 0, holds: () => '' }))];
    const records: SheetRecord[] = written.map((w, i) => ({ sheet: w.sheet, file: sources[i]!.file, rows: w.rows, of: sources[i]!.size, holds: i === 0 ? 'the index of the sheets' : holds(sources[i]!.size, sources[i]!.holds(cut), sources[i]!.file) }));
    record({ file: 'tables.xlsx', rows: written.reduce((n, w) => n + w.rows, 0), built: 'streamed', sheets: records, [WRITING]: book.end() });
    const shortened = records.filter((s) => s.rows < s.of);
    files.push(`tables.xlsx (${written.length} sheets${shortened.length ? `; cut to ${r.xlsxRows} rows a sheet: ${shortened.map((s) => s.sheet).join(', ')}` : ''})`);
  }
  return files;
}

/**
 * Writes the declared tables of an artifact (TABLES), in their order; a
 * table that an artifact of a `later` stage completes (corpus.csv) only
 * keeps its place: {@link writeRunOutputs} writes it.
 */
function writeTables<K extends TableArtifact>(of: K): Writer<NonNullable<Artifacts[K]>> {
  // A declaration's functions take its own artifact (declareTable checked it).
  return (made, dir, record, _all, later) =>
    tablesOf(of).flatMap((t) => {
      if (t.completedBy && later?.has(t.completedBy)) {
        record({ file: `${t.name}.csv`, rows: 0, built: 'streamed', [LATER]: true, [PARQUET]: { file: `${t.name}.parquet`, columns: t.columns, rows: () => [] } });
        return [`${t.name}.csv`];
      }
      return t.write ? t.write(made as never, dir, record) : [writeTable(t.build(made as never), dir, record)];
    });
}

/**
 * What is written after the last stage: the declared tables a later stage
 * completed (`later`: their files, e.g. corpus.csv with its tokens column),
 * then every declared whole-run output (RUN_OUTPUTS) whose artifacts the
 * run made, in the declared order.
 */
export function writeRunOutputs(a: Artifacts, dir: string, record: (r: TableRecord) => void, later: readonly string[]): Written {
  const out: Written = { files: [], warnings: [] };
  for (const t of TABLES) {
    const made = a[t.of];
    if (made && later.includes(`${t.name}.csv`)) out.files.push(writeTable(t.build(made as never, a), dir, record));
  }
  for (const o of RUN_OUTPUTS) {
    if (!o.needs.every((n) => a[n] !== undefined)) continue;
    const w = o.write(a, dir, record);
    out.files.push(...w.files);
    out.warnings.push(...w.warnings);
  }
  return out;
}

export const WRITERS: { [K in MadeName]?: Writer<Made<K>> } = {
  corpus: (corpus, dir, record, all, later) => [...(writeTables('corpus')(corpus, dir, record, all, later) as string[]), ...writeClean(corpus, dir)],
  phrases: writeTables('phrases'),
  tokens: writeTokens,
  weights: writeTables('weights'),
  clusters: writeTables('clusters'),
  indicators: writeTables('indicators'),
  report: writeReport,
};

/** The writer of an artifact, if it is persisted. */
export function writerOf<K extends MadeName>(name: K): Writer<Made<K>> | undefined {
  return WRITERS[name] as Writer<Made<K>> | undefined;
}
