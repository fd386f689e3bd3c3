import type { SourceRecord } from '../io/sources.js';
import type { Message } from './corpus.js';
import type { Cell } from './frame.js';

/** The manifest.json of a run: what was run on what, with which versions, and what it wrote. */
export interface Manifest {
  tool: { name: string; version: string };
  node: string;
  dependencies: Record<string, string>;
  pipeline: { name: string; description: string; file: string; sha256: string; stages: { name: string; params: Record<string, unknown> }[] };
  inputs: SourceRecord[];
  counts: Record<string, number>;
  outputs: string[];
  /** Per stage: what it made beyond counts (phrases that became tokens, workers used ...). */
  details: Record<string, Record<string, unknown>>;
  warnings: Message[];
  /** Every table file and how it was built: through a danfojs DataFrame, or streamed row by row (tables that grow with the corpus). */
  tables: TableRecord[];
  /** Wall-clock milliseconds per stage: the only part of the manifest that differs between identical runs. */
  timings_ms: Record<string, number>;
}

/**
 * What the runner knows of the run when the report is made: the manifest so
 * far, without timings (the report must be reproducible) and without what is
 * still being written (outputs, details, tables).
 */
export type RunRecord = Omit<Manifest, 'outputs' | 'details' | 'tables' | 'timings_ms'>;

/** Parquet column types (see output/parquet.ts). */
export type ParquetType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN';

/** A table to write as Parquet: its columns, optional types (inferred from the rows when absent), and its rows (iterated once per pass). */
export interface ParquetSource {
  /** Path relative to the output folder, e.g. `tfidf.parquet`, `tables/top_phrases.parquet`. */
  file: string;
  columns: readonly string[];
  types?: readonly ParquetType[];
  rows: () => Iterable<readonly Cell[]>;
  /** The CSV holding these rows in this order, as csv.ts writes them (absolute path; given a scratch folder, a source may write one there, on another thread: then a promise of it): read back by DuckDB instead of appending the rows. */
  csv?: (scratch: string) => string | Promise<string>;
  /** With `types` and `csv`: the rows of the table, whose CSV is known to read back as the values (no '' text, no -0, cells of their column's type), so the rows are not looked over. */
  csvRows?: number;
  /** The rows already looked over (by the CSV writer, output/parquet-plan.ts): not read again. */
  plan?: ParquetPlan;
}

/** What one look over a table's rows tells the Parquet writer (output/parquet-plan.ts): the column types, the rows, and how its CSV reads back. */
export interface ParquetPlan {
  types: ParquetType[];
  rows: number;
  /** The CSV reads back as the values: each cell of its column's type, no -0 (printed 0), no NUL, no overlong cell, no column with both '' and NULL (both print empty). */
  csvExact: boolean;
  /** Text columns with an empty string and no NULL: their empty cells are read as ''. */
  emptyText: string[];
}

/** On a TableRecord: the same table to write as Parquet (the runner writes it after the writer returns, then drops it; not in the manifest). */
export const PARQUET = Symbol('govtext.parquet');

/**
 * On a TableRecord: the table is written after the last stage (a later
 * stage completes it: corpus.csv's tokens column); this record only keeps
 * its place, and its Parquet twin's, in the manifest's list of outputs.
 */
export const LATER = Symbol('govtext.later');

/** On a TableRecord: the file is still being written (on another thread); the run awaits it before publishing (not in the manifest). */
export const WRITING = Symbol('govtext.writing');

/** How a table file was made, for the manifest: through a danfojs DataFrame, or streamed row by row (tables that grow with the corpus). */
export interface TableRecord {
  [PARQUET]?: ParquetSource;
  [LATER]?: true;
  [WRITING]?: Promise<unknown>;
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
