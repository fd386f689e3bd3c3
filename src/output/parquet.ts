import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { Cell } from '../artifacts/frame.js';
import type { ParquetSource, ParquetType } from '../artifacts/run.js';

/**
 * Parquet files, written through DuckDB (@duckdb/node-api), Snappy-compressed
 * (Parquet's default codec, which every reader decodes, pure-JS ones
 * included; ZSTD would be 23% smaller).
 *
 * A table whose CSV is written already (every CSV table: `source.csv`) is
 * read back by DuckDB itself (read_csv with the declared column names and
 * types, nothing sniffed) and copied to NAME.parquet on DuckDB's own thread,
 * while the run goes on: the main thread only looks the rows over once (the
 * column types, and whether the CSV can say every value, see
 * {@link planParquet}). A table whose CSV cannot (an empty text cell in a
 * column that also has NULLs, a -0, a NUL character, a very long cell) is
 * appended row by row instead, as every table was before. Either way the
 * file holds the same values: {@link ParquetWriter.finish} waits for them.
 *
 * Column types: VARCHAR (text), BIGINT (whole numbers), DOUBLE, BOOLEAN;
 * empty cells (null, undefined, NaN) are NULL. Text is stored as it is (the
 * CSV's leading apostrophe before a formula-like cell is a CSV matter, taken
 * off again when the CSV is read back).
 */
export type { ParquetSource, ParquetType };
export { inferParquetTypes, ParquetPlanner, planParquet, type ParquetPlan } from './parquet-plan.js';
import { planParquet } from './parquet-plan.js';

const present = (v: Cell): boolean => v !== null && v !== undefined && !(typeof v === 'number' && !Number.isFinite(v));

function append(ap: DuckDBAppender, type: ParquetType, v: Cell): void {
  if (!present(v)) return ap.appendNull();
  switch (type) {
    case 'VARCHAR':
      return ap.appendVarchar(String(v));
    case 'BOOLEAN':
      return ap.appendBoolean(Boolean(v));
    case 'BIGINT':
      return ap.appendBigInt(BigInt(typeof v === 'boolean' ? Number(v) : (v as number)));
    case 'DOUBLE':
      return ap.appendDouble(typeof v === 'boolean' ? Number(v) : Number(v));
  }
}

const quote = (name: string) => `"${name.replace(/"/gu, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/gu, "''")}'`;

/**
 * The SELECT that reads a govtext CSV (csv.ts: BOM, header, RFC 4180 quoting,
 * CRLF) back as typed columns: names and types given, nothing detected;
 * empty cells are NULL (text columns in `emptyText`: ''); a text cell's
 * protective apostrophe (neutralizeFormula) is taken off (restoreFormula).
 */
export function csvSelect(csv: string, columns: readonly string[], types: readonly ParquetType[], emptyText: readonly string[] = []): string {
  const cols = columns.map((c, i) => `${literal(c)}: ${literal(types[i]!)}`).join(', ');
  const options = [
    `columns = {${cols}}`,
    'header = true',
    'auto_detect = false',
    "delim = ','",
    `quote = '"'`,
    `escape = '"'`,
    "nullstr = ''",
    'strict_mode = true',
    ...(emptyText.length ? [`force_not_null = [${emptyText.map(literal).join(', ')}]`] : []),
  ];
  const select = columns.map((c, i) => {
    const q = quote(c);
    return types[i] === 'VARCHAR' ? `CASE WHEN regexp_matches(${q}, '^''+[=+\\-@\\t\\r]') THEN substr(${q}, 2) ELSE ${q} END AS ${q}` : q;
  });
  return `SELECT ${select.join(', ')} FROM read_csv(${literal(csv)}, ${options.join(', ')})`;
}

/**
 * A DuckDB scratch database (on disk, so a table past memory_limit spills) for one run's Parquet files. `write` takes a
 * table and returns at once (after the one look over its rows); DuckDB
 * writes the files one after the other on its own thread, in the order
 * given; `finish` waits for them all and `close` removes the scratch folder.
 *
 * @example
 * const pq = ParquetWriter.create();
 * try { pq.write(dir, { file: 'corpus.parquet', columns, rows: () => rows, csv: () => path.join(dir, 'corpus.csv') }); await pq.finish(); } finally { await pq.close(); }
 */
export class ParquetWriter {
  private tables = 0;
  private readonly scratch: string;
  private connection: Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> | undefined;
  /** Instances opened so far (each on its own scratch file). */
  private opened = 0;
  /** Files given and not written yet: the instance closes when none is left. */
  private waiting = 0;
  /** The files still being written, one after the other. */
  private queue: Promise<unknown>;
  private failure: unknown;

  /**
   * One thread and 512 MB: the files are the same on every machine, and the
   * run's own memory stays the larger share. Opened for a file when none is
   * open, and closed as soon as no file waits: DuckDB keeps about 0.3 GB for
   * as long as an instance is open, and gives it back when closed (the run's
   * twins come in bursts, one per stage).
   */
  private constructor() {
    this.scratch = mkdtempSync(path.join(os.tmpdir(), 'govtext-parquet-'));
    this.queue = Promise.resolve();
  }

  /** The open connection, or a new instance on a scratch file of its own (the one before is closed and removed). */
  private connect(): Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> {
    this.connection ??= (async () => {
      const instance = await DuckDBInstance.create(path.join(this.scratch, `scratch-${++this.opened}.duckdb`), { threads: '1', memory_limit: '512MB', temp_directory: path.join(this.scratch, 'spill') });
      return { instance, con: await instance.connect() };
    })();
    return this.connection;
  }

  /** Closes the instance (in the queue, after the files before it). */
  private async disconnect(): Promise<void> {
    const open = this.connection;
    this.connection = undefined;
    if (!open) return;
    // One that failed to open has nothing to close (its job has thrown the reason).
    const opened = await open.catch(() => undefined);
    if (!opened) return;
    const { instance, con } = opened;
    con.closeSync();
    instance.closeSync();
    rmSync(path.join(this.scratch, `scratch-${this.opened}.duckdb`), { force: true });
    rmSync(path.join(this.scratch, `scratch-${this.opened}.duckdb.wal`), { force: true });
  }

  static create(): ParquetWriter {
    return new ParquetWriter();
  }

  /** As create, once DuckDB is open. */
  static async open(): Promise<ParquetWriter> {
    const w = new ParquetWriter();
    await w.connect();
    return w;
  }

  /**
   * Writes `source` to dir/source.file, after the files given before;
   * returns (when written) the rows. The rows are looked over now (and
   * read again when their turn comes if the CSV cannot say them); a CSV it
   * reads must stay as it is until `finish`.
   */
  write(dir: string, source: ParquetSource): Promise<number> {
    const target = path.join(dir, source.file);
    const table = `t${++this.tables}`;
    let job: (con: DuckDBConnection) => Promise<number>;
    const exact = source.csvRows !== undefined && source.types && source.csv;
    const plan = exact ? undefined : (source.plan ?? planParquet(source.columns, source.rows(), source.types));
    const types = plan?.types ?? [...source.types!];
    if (types.length !== source.columns.length) throw new Error(`${source.file}: ${types.length} types for ${source.columns.length} columns`);
    // Each job closes over what it needs only: a queued job holding `source` would keep its rows (millions, at
    // 10,000 reports) in memory until DuckDB's one thread came to it.
    if (source.csv && (exact || plan!.csvExact)) {
      const ready = Promise.resolve(source.csv(this.scratch));
      // Kept for the job (a CSV written on another thread may fail before the job's turn).
      ready.catch(() => undefined);
      job = csvJob({ file: source.file, columns: source.columns, types, emptyText: plan?.emptyText, rows: plan?.rows ?? source.csvRows!, table, target, scratch: this.scratch }, ready);
    } else job = appendJob(source, types, table, target);
    this.waiting++;
    const done = this.queue.then(async () => {
      try {
        return await job((await this.connect()).con);
      } catch (e) {
        // DuckDB's own messages (out of memory, a file it cannot read) do not say which output they were writing.
        const message = e instanceof Error ? e.message : String(e);
        throw message.startsWith(`${source.file}: `) ? e : new Error(`${source.file}: DuckDB could not write it: ${message}`, { cause: e });
      } finally {
        if (--this.waiting === 0) await this.disconnect();
      }
    });
    this.queue = done.catch((e: unknown) => (this.failure ??= e));
    return done;
  }

  /** Waits for every file given so far; throws the first failure. */
  async finish(): Promise<void> {
    await this.queue;
    if (this.failure !== undefined) throw this.failure;
  }

  async close(): Promise<void> {
    await this.queue;
    try {
      await this.disconnect();
    } catch {
      // Failed to open: nothing to close (finish has thrown the reason).
    } finally {
      rmSync(this.scratch, { recursive: true, force: true });
    }
  }
}

/** The job that reads a table's CSV into DuckDB and copies it to Parquet. */
function csvJob(
  t: { file: string; columns: readonly string[]; types: readonly ParquetType[]; emptyText?: string[]; rows: number; table: string; target: string; scratch: string },
  ready: Promise<string>,
): (con: DuckDBConnection) => Promise<number> {
  return async (con) => {
    const csv = await ready;
    const select = csvSelect(csv, t.columns, t.types, t.emptyText);
    // Through a table, as appended rows were: its row groups of 122,880 rows make the same file (COPY straight from read_csv cuts them where the CSV's buffers end).
    await con.run(`CREATE TABLE ${t.table} (${t.columns.map((c, i) => `${quote(c)} ${t.types[i]}`).join(', ')})`);
    const result = await con.run(`INSERT INTO ${t.table} ${select}`);
    if (csv.startsWith(t.scratch)) rmSync(csv, { force: true });
    await con.run(`COPY ${t.table} TO ${literal(t.target)} (FORMAT parquet, COMPRESSION snappy)`);
    await con.run(`DROP TABLE ${t.table}`);
    // A CSV that did not read back whole (DuckDB has been seen to read none of a file under some option sets) is an error, not a short file.
    if (result.rowsChanged !== t.rows) throw new Error(`${t.file}: DuckDB read ${result.rowsChanged} rows of ${csv}, which holds ${t.rows}`);
    return t.rows;
  };
}

/** The job that appends a table's rows to DuckDB and copies them to Parquet (a table whose CSV does not read back as its values). */
function appendJob(source: ParquetSource, types: readonly ParquetType[], table: string, target: string): (con: DuckDBConnection) => Promise<number> {
  return async (con) => {
    await con.run(`CREATE TABLE ${table} (${source.columns.map((c, i) => `${quote(c)} ${types[i]}`).join(', ')})`);
    const ap = await con.createAppender(table);
    let rows = 0;
    try {
      for (const r of source.rows()) {
        for (let c = 0; c < types.length; c++) append(ap, types[c]!, r[c]);
        ap.endRow();
        rows++;
      }
    } finally {
      ap.closeSync();
    }
    await con.run(`COPY ${table} TO ${literal(target)} (FORMAT parquet, COMPRESSION snappy)`);
    await con.run(`DROP TABLE ${table}`);
    return rows;
  };
}
