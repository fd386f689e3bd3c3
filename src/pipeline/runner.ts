import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { toolVersion } from '../paths.js';
import { readSources } from '../io/read.js';
import type { Message, TextStore } from '../artifacts/corpus.js';
import { countsOf, dependencyVersions, pipelineRecordOf } from './manifest.js';
import { type Manifest } from '../artifacts/run.js';
import { createProgress, type ProgressReporter } from './progress.js';
import { checkOutFolder, defaultOut, explainWriteError, prepareTemp, publish, recoverOutFolder, removeMadeParents, removeTemp, testFault } from './outdir.js';
import type { Artifacts } from '../artifacts/index.js';
import type { Made, MadeName } from '../artifacts/index.js';
import { watchSignals } from './signals.js';
import type { Pipeline } from './spec.js';
import { canReadBack, FolderText } from './text.js';
import { RunScope, type StageContext } from './context.js';
import { startOnThread, threadable, type ThreadRun } from './threads.js';
import { writeRunOutputs, writerOf } from '../output/writers.js';
import { LATER, PARQUET, WRITING, type TableRecord } from '../artifacts/run.js';
import { ParquetWriter } from '../output/parquet.js';
import { releaseTokenIds } from '../artifacts/tokens.js';

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
   * pipeline) and read back from clean/ by the stages after it (through
   * the run's text store, RunResult.text, which reads OUT/clean/ once the run
   * is done).
   */
  keepText?: boolean;
  /**
   * Keep each document's token ids for the whole run. By default they are
   * let go (RunResult.artifacts.tokens then holds the vocabulary and each
   * document's count, see releaseTokenIds) once tokens.jsonl holds them, no
   * later stage reads them and the weigh stage's matrix stands in for them
   * in the files written after the last stage (dtm.mtx).
   */
  keepTokens?: boolean;
}

export interface RunResult {
  out: string;
  artifacts: Artifacts;
  manifest: Manifest;
  /** The text of the corpus's documents: their own, or OUT/clean/DOC_ID.txt for those whose text the run let go. */
  text: TextStore;
}


/**
 * Runs a validated pipeline: reads the inputs, runs each stage on the
 * artifacts made so far, persists every artifact, and writes manifest.json.
 * Everything goes to a temporary folder that replaces the output folder only
 * when the whole run succeeded.
 */
export async function runPipeline(pipeline: Pipeline, opts: RunOptions): Promise<RunResult> {
  const cwd = opts.cwd ?? process.cwd();
  const out = opts.out === undefined ? defaultOut(pipeline.name, cwd) : path.resolve(cwd, opts.out);
  const progress = opts.progress ?? createProgress(process.stderr, true);
  const warnings: Message[] = [];
  const report = (m: Message) => {
    warnings.push(m);
    opts.onWarning?.(m);
  };
  const timings: Record<string, number> = {};
  const t0 = performance.now();

  recoverOutFolder(out).forEach(report);
  checkOutFolder(out, opts.inputs.map((i) => path.resolve(cwd, i)), cwd);
  const maxMb = pipeline.stages.find((s) => s.name === 'ingest')?.params.max_file_mb;
  const read = readSources(opts.inputs, cwd, report, typeof maxMb === 'number' ? maxMb * 2 ** 20 : undefined);
  const records = read.records;
  const inputFiles = read.sources.length;
  timings.read = Math.round(performance.now() - t0);

  const { tmp, made: madeParent } = prepareTemp(out);
  let published = false;
  const unwatch = watchSignals(tmp);
  const threads = new Map<number, ThreadRun>();
  let parquet: ParquetWriter | undefined;
  // Files written on other threads (tables.xlsx): awaited before publish.
  const background: Promise<unknown>[] = [];
  const warmed = new Set<Pipeline['stages'][number]>();
  // This run's state (warm workers ...): nothing of it outlives the run or is shared with another.
  const scope = new RunScope();
  // The corpus text, let go after the last stage that reads all of it, if a stage comes after it (see keepText).
  const text = new FolderText(tmp);
  try {
    const artifacts: Artifacts = { sources: read.sources };
    read.sources = [];
    const outputs: string[] = [];
    const tables: TableRecord[] = [];
    // A Parquet twin written again keeps its last record.
    const keepRecord = (r: TableRecord) => {
      const i = tables.findIndex((t) => t.file === r.file);
      if (i >= 0) tables.splice(i, 1);
      tables.push(r);
    };
    // Parquet twins of the tables a writer made: handed to DuckDB as each is recorded (it writes them on its own
    // thread while the run goes on); their records and outputs entries follow the writer's, as the files are awaited before publish.
    // A table written after the last stage (LATER) keeps only its twin's place in `outputs` here.
    const pending: { twin?: TableRecord; file: string }[] = [];
    // report.parquet: false leaves the twins out (read here: every stage's writer offers them).
    const parquetOn = pipeline.stages.find((s) => s.name === 'report')?.params.parquet !== false;
    // Tables written after the last stage (a later stage completes them), by file: their records keep their places in `outputs`.
    const later: string[] = [];
    const record = (r: TableRecord) => {
      const writing = r[WRITING];
      delete r[WRITING];
      if (writing) {
        background.push(writing);
        writing.catch(() => undefined);
      }
      const source = r[PARQUET];
      delete r[PARQUET];
      const twinOn = source !== undefined && parquetOn;
      if (r[LATER]) {
        later.push(r.file);
        if (twinOn) pending.push({ file: source.file });
        return;
      }
      keepRecord(r);
      if (!twinOn) return;
      // A twin holds its CSV's rows: a cut CSV's twin is cut the same way, and its record says so.
      const twin: TableRecord = { file: source.file, rows: 0, built: 'streamed', ...(r.cut ? { cut: r.cut } : {}) };
      parquet ??= ParquetWriter.create();
      void parquet.write(tmp, source).then((n) => (twin.rows = n), () => undefined);
      pending.push({ twin, file: source.file });
    };
    const writeParquet = () => {
      for (const { twin, file } of pending) {
        if (twin) keepRecord(twin);
        if (!outputs.includes(file)) outputs.push(file);
      }
      pending.length = 0;
    };
    const details: Record<string, Record<string, unknown>> = {};
    const dependencies = dependencyVersions();
    const pipelineRecord = pipelineRecordOf(pipeline, cwd);
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
        s.definition.warm(a.corpus!, s.params, scope);
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
        if (readable) threads.set(j, startOnThread(s.name, s.params, a.corpus!, text.dir));
      });
    };
    let readable: boolean | undefined;
    for (const [index, stage] of pipeline.stages.entries()) {
      let ts = performance.now();
      artifacts.run = { tool: { name: 'govtext', version: toolVersion() }, node: process.version, dependencies, pipeline: pipelineRecord, inputs: records, counts: countsOf(artifacts, inputFiles), warnings: [...warnings] };
      testFault(stage.name);
      const reporter = progress.forStage(stage.name);
      const ctx: StageContext = { progress: (done, total, unit) => reporter.progress(done, total, unit), text, scope };
      let made: Made<MadeName>;
      let threadMs = 0;
      const onThread = threads.get(index);
      if (onThread) {
        // Started earlier on its own thread: its time is its own there (and its writing, below), not the wait.
        // What the thread's stage made, as the structured clone brought it back.
        ({ made, ms: threadMs } = (await onThread.result) as { made: Made<MadeName>; ms: number });
        ts = performance.now();
      } else made = await stage.definition.run(artifacts, stage.params, ctx);
      reporter.done();
      keep(artifacts, stage.definition.makes, made);
      // The raw text of every file is the largest thing a run holds: let it go once no later stage reads it.
      if (!pipeline.stages.slice(pipeline.stages.indexOf(stage) + 1).some((s) => s.definition.needs.includes('sources'))) artifacts.sources = [];
      stage.definition.messagesOf(made).forEach(report);
      if (stage.definition.details) details[stage.name] = stage.definition.details(made);
      // Its timing overlaps the stages it ran beside.
      if (onThread) details[stage.name] = { ...details[stage.name], on_thread: true };
      const writer = writerOf(stage.definition.makes);
      if (writer) outputs.push(...(await writer(made, tmp, record, artifacts, new Set(pipeline.stages.slice(index + 1).map((s) => s.definition.makes)))));
      writeParquet();
      // clean/ is written (by the corpus writer) before any stage can come after the corpus.
      if (stage === releaseAfter && artifacts.corpus && outputs.some((o) => o.startsWith('clean/'))) {
        readable = text.release(artifacts.corpus);
      }
      startAhead(index, artifacts, outputs);
      const tokensLater = pipeline.stages.slice(index + 1).some((s) => s.definition.needs.includes('tokens'));
      if (!opts.keepTokens && artifacts.tokens && artifacts.weights && !tokensLater && outputs.includes('tokens.jsonl') && !artifacts.tokens.documents.every((d) => d.released)) {
        artifacts.tokens = releaseTokenIds(artifacts.tokens);
      }
      // After every stage, once it has let go of what it no longer needs (the token ids, the text): the next stage
      // starts from the live heap, not from this one's garbage (at 10,000 reports 0.5-0.9 GB of it, which V8 may keep
      // for minutes while the next stage allocates beside it).
      collectGarbage();
      timings[stage.name] = Math.round(threadMs + performance.now() - ts);
    }
    // After the last stage: the tables it completed (corpus.csv), the research-ready files (panel, .dta, dtm.mtx, CITATION.cff).
    const ts = performance.now();
    // What the stages left behind goes before the largest tables are formatted, and before the wait below: DuckDB
    // and the workbook thread grow meanwhile (at 10,000 reports the report stage left 0.85 GB of garbage, and the run
    // peaked at 3.9 GB in this wait).
    collectGarbage();
    // A table written again after the last stage (corpus.csv when no stage completes it later): DuckDB must be done reading it.
    await parquet?.finish();
    const research = writeRunOutputs(artifacts, tmp, record, later);
    outputs.push(...research.files.filter((f) => !outputs.includes(f)));
    writeParquet();
    await parquet?.finish();
    await Promise.all(background);
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
    published = true;
    text.moveTo(out);
    return { out, artifacts, manifest, text };
  } catch (err) {
    throw explainWriteError(err, tmp, out);
  } finally {
    // A run that failed before a thread's stage came up: stop the thread before its folder goes (a finished one just ends).
    await Promise.all([...threads.values()].map((t) => t.stop()));
    await scope.dispose();
    await parquet?.close();
    await Promise.allSettled(background);
    unwatch();
    removeTemp(tmp);
    if (!published) removeMadeParents(out, madeParent);
  }
}

/** Keeps what a stage made under its name. */
function keep<K extends MadeName>(artifacts: Artifacts, name: K, made: Made<K>): void {
  artifacts[name] = made;
}

/**
 * A full garbage collection now, when this process was started with
 * `--expose-gc` (`govtext run` is: runNodeFlags), else nothing. Called where
 * the run has just let go of something large (the token ids: 0.33 GB at
 * 10,000 reports; the corpus text) and before the outputs are written: V8
 * frees array buffers only when it collects their owners, and with a large
 * heap it may not collect for minutes, while the next stage allocates beside
 * them.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
