import { createRequire } from 'node:module';
import type { DataFrame } from 'danfojs-node';

/** A cell of an output table. */
export type Cell = string | number | boolean | null | undefined;

/** One long table with fixed columns: what every writer (CSV, XLSX, Markdown, LaTeX) takes. */
export interface Table {
  /** File stem, e.g. `corpus` for corpus.csv. */
  name: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
}

const require = createRequire(import.meta.url);
type Danfo = typeof import('danfojs-node');
let danfo: Danfo | undefined;

/**
 * danfojs-node, loaded on first use: it pulls in TensorFlow.js (about 1.5 s),
 * which `govtext --help` and stages that write no table must not pay for.
 */
export function danfojs(): Danfo {
  danfo ??= require('danfojs-node') as Danfo;
  return danfo;
}

/**
 * A table for papers: a danfojs DataFrame with the file stem it is written
 * under, a caption and notes saying what was counted and over which
 * denominators (written under the table in XLSX, Markdown and LaTeX).
 */
export interface TableFrame {
  name: string;
  caption: string;
  notes: string;
  frame: DataFrame;
}

/** A long table as a DataFrame (values are kept as given: numbers at full precision, strings untouched). */
export function toFrame(table: Pick<Table, 'columns' | 'rows'>): DataFrame {
  const { DataFrame: Frame } = danfojs();
  const rows = table.rows.map((r) => r.map((c) => (c === undefined ? null : c)));
  return new Frame(rows as unknown as Cell[][], { columns: [...table.columns] });
}

export function tableFrame(table: Table, caption: string, notes = ''): TableFrame {
  return { name: table.name, caption, notes, frame: toFrame(table) };
}

/** Column names and rows of a DataFrame, the form every writer takes. */
export function frameTable(frame: DataFrame): { columns: string[]; rows: Cell[][] } {
  if (frame.shape[0] === 0) return { columns: frame.columns, rows: [] };
  return { columns: frame.columns, rows: frame.values as Cell[][] };
}
