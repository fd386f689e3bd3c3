import type { Artifacts } from '../artifacts/index.js';
import type { Table } from '../artifacts/frame.js';
import type { Cut } from './cut.js';
import { cutTable, TABLES } from './tables.js';

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

/**
 * Every long table of a run for tables.xlsx, in the order of the table
 * declarations (TABLES), each built only when its sheet is written (so one
 * is in memory at a time). Tables declared without a sheet (tfidf.csv) and
 * tokens.jsonl are not among them: they grow with the corpus and are read as
 * files.
 */
export function workbookSources(a: Artifacts): WorkbookSource[] {
  const out: WorkbookSource[] = [];
  for (const t of TABLES) {
    const made = a[t.of];
    if (!t.sheet || !made) continue;
    const sheet = t.sheet;
    const file = `${t.name}.csv`;
    if (t.rows) {
      out.push({ name: t.name, file, size: t.rows(made), build: (c) => (c === undefined ? t.build(made, a) : sheet.cut ? sheet.cut(made, c) : cutTable(t.build(made, a), c)), holds: sheet.holds });
    } else {
      // A table whose size is not known without it (the cluster tables, small: a row per document and theme at most): built once, for its size and its sheet.
      const table = t.build(made, a);
      out.push({ name: t.name, file, size: table.rows.length, build: (c) => (c === undefined ? table : sheet.cut ? sheet.cut(made, c) : cutTable(table, c)), holds: sheet.holds });
    }
  }
  return out;
}
