import type { Cell } from '../artifacts/frame.js';
import type { ParquetPlan, ParquetType } from '../artifacts/run.js';

export type { ParquetPlan };

/*
 * What the Parquet writer (parquet.ts) needs to know of a table's rows: the
 * column types, and whether its CSV says every value. Kept apart from
 * parquet.ts (no DuckDB here) so the CSV writer can look the rows over as it
 * writes them (CsvWriter's planner), and the table is not read twice.
 */

const present = (v: Cell): boolean => v !== null && v !== undefined && !(typeof v === 'number' && !Number.isFinite(v));

/** Longest text cell the CSV route takes (DuckDB's CSV reader holds a line of up to 2 MB; a cell is at most 3 bytes a character). */
const CSV_CELL_MAX = 100_000;

/**
 * Looks rows over one at a time (`add`), then tells the plan: the column
 * types ({@link inferParquetTypes}, or those declared) and whether the CSV,
 * read back, gives exactly these values.
 */
export class ParquetPlanner {
  private readonly text: boolean[];
  private readonly bool: boolean[];
  private readonly whole: boolean[];
  private readonly seen: boolean[];
  private readonly empty: boolean[];
  private readonly absent: boolean[];
  private readonly negZero: boolean[];
  private readonly truth: boolean[];
  private odd = false;
  private count = 0;

  constructor(private readonly n: number) {
    const flags = (v: boolean) => new Array<boolean>(n).fill(v);
    this.text = flags(false);
    this.bool = flags(true);
    this.whole = flags(true);
    this.seen = flags(false);
    this.empty = flags(false);
    this.absent = flags(false);
    this.negZero = flags(false);
    this.truth = flags(false);
  }

  add(r: readonly Cell[]): void {
    this.count++;
    for (let c = 0; c < this.n; c++) {
      const v = r[c];
      if (!present(v)) {
        this.absent[c] = true;
        continue;
      }
      this.seen[c] = true;
      if (typeof v === 'string') {
        this.text[c] = true;
        if (v.length === 0) this.empty[c] = true;
        else if (v.length > CSV_CELL_MAX || v.includes('\0')) this.odd = true;
      } else if (typeof v === 'number') {
        this.bool[c] = false;
        if (!Number.isSafeInteger(v)) this.whole[c] = false;
        if (v === 0 && 1 / v < 0) this.negZero[c] = true;
      } else if (typeof v === 'boolean') this.truth[c] = true;
    }
  }

  plan(columns: readonly string[], declared?: readonly ParquetType[]): ParquetPlan {
    const { text, bool, whole, seen, empty, absent, negZero, truth } = this;
    const types = declared ? [...declared] : columns.map((_, c): ParquetType => (text[c] || !seen[c] ? 'VARCHAR' : bool[c] ? 'BOOLEAN' : whole[c] ? 'BIGINT' : 'DOUBLE'));
    let csvExact = !this.odd;
    const emptyText: string[] = [];
    for (let c = 0; c < this.n && csvExact; c++) {
      const t = types[c];
      if (empty[c] && (absent[c] || t !== 'VARCHAR')) csvExact = false;
      // A declared type over cells of another kind: the appender converts them (true → 1), the CSV would not.
      if (t !== 'VARCHAR' && (text[c] || (t === 'BOOLEAN' ? !bool[c] : truth[c] || (t === 'BIGINT' && !whole[c])))) csvExact = false;
      if (t === 'DOUBLE' && negZero[c]) csvExact = false;
      if (empty[c] && t === 'VARCHAR') emptyText.push(columns[c]!);
    }
    return { types, rows: this.count, csvExact, emptyText };
  }
}

/**
 * Looks a table's rows over once: see {@link ParquetPlanner}.
 *
 * @example planParquet(['a'], [['x'], ['']]) // { types: ['VARCHAR'], rows: 2, csvExact: true, emptyText: ['a'] }
 */
export function planParquet(columns: readonly string[], rows: Iterable<readonly Cell[]>, declared?: readonly ParquetType[]): ParquetPlan {
  const p = new ParquetPlanner(columns.length);
  for (const r of rows) p.add(r);
  return p.plan(columns, declared);
}

/**
 * Column types from the values: VARCHAR when any cell is text (or every cell
 * is empty), BOOLEAN when every cell is true/false, BIGINT when every number
 * is a safe integer, else DOUBLE.
 *
 * @example inferParquetTypes(['a', 'n'], [['x', 1], ['y', 2.5]]) // ['VARCHAR', 'DOUBLE']
 */
export function inferParquetTypes(columns: readonly string[], rows: Iterable<readonly Cell[]>): ParquetType[] {
  return planParquet(columns, rows).types;
}
