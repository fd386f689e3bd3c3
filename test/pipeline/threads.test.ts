import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { loadPipeline } from '../../src/pipeline/spec.js';
import { startOnThread, threadable, THREAD_MAX_CHARS, THREAD_MIN_CHARS } from '../../src/pipeline/threads.js';
import { THREAD_STAGES } from '../../src/pipeline/thread-stages.js';
import { STAGES } from '../../src/pipeline/registry.js';
import { indicators } from '../../src/stages/indicators.js';
import { indicatorsParams } from '../../src/artifacts/indicators.js';
import { documentChars, type Corpus, type Document } from '../../src/artifacts/corpus.js';
import { stageContext } from '../../src/pipeline/context.js';

/*
 * A stage that needs only the corpus (indicators) runs on a thread of its own
 * beside the stages before it (from the end of segment, the last stage that
 * reads all the text); its result must be what it gives in its place.
 * The corpus: 40 generated reports of 30,000 characters (above THREAD_MIN_CHARS).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const quiet = createProgress(process.stderr, true);
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'govtext-threads-'));
  const gen = spawnSync(process.execPath, ['bench/generate.mjs', '--reports', '40', '--out', path.join(tmp, 'raw'), '--seed', '3'], { cwd: ROOT, encoding: 'utf8' });
  expect(gen.status, gen.stderr).toBe(0);
  writeFileSync(path.join(tmp, 'inline.yaml'), 'name: inline\nstages:\n  - ingest\n  - indicators\n');
  writeFileSync(path.join(tmp, 'beside.yaml'), 'name: beside\nstages:\n  - ingest\n  - phrases\n  - segment\n  - weigh\n  - indicators:\n      unlisted: false\n');
  writeFileSync(path.join(tmp, 'inline-listed.yaml'), 'name: inline-listed\nstages:\n  - ingest\n  - indicators:\n      unlisted: false\n');
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (file: string) => runPipeline(loadPipeline(path.join(tmp, file)), { inputs: ['raw'], out: path.join('out', file), cwd: tmp, progress: quiet });

describe('stages on a thread of their own', () => {
  it('every thread stage is a stage that needs only the corpus', () => {
    for (const name of Object.keys(THREAD_STAGES)) expect(STAGES.find((s) => s.name === name)?.needs).toEqual(['corpus']);
  });

  it('indicators beside weigh (started once segment is done) writes the same tables as indicators in its place, and says where it ran', async () => {
    const beside = await run('beside.yaml');
    const inline = await run('inline-listed.yaml');
    expect(beside.manifest.details.indicators?.on_thread).toBe(true);
    expect(inline.manifest.details.indicators?.on_thread).toBeUndefined();
    // Real work on the thread: at least ten recognised indicator rows a report.
    expect(beside.artifacts.indicators!.rows.length).toBeGreaterThan(40 * 10);
    for (const file of ['indicators.csv', 'targets.csv']) {
      expect(readFileSync(path.join(beside.out, file)).equals(readFileSync(path.join(inline.out, file))), file).toBe(true);
    }
    // The parameters reached the thread: unlisted: false keeps only the built-in indicators.
    expect(beside.artifacts.indicators!.rows.every((r) => r.recognised)).toBe(true);
    // The same warnings, in the pipeline's order (those of the stages in between aside).
    expect(beside.manifest.warnings.filter((w) => /^(ingest|indicators)/.test(w.origin))).toEqual(inline.manifest.warnings);
    expect(beside.manifest.warnings.some((w) => w.origin.startsWith('indicators'))).toBe(true);
  }, 120_000);

  it('startOnThread gives what the stage function gives, on a corpus read back from clean/', async () => {
    const { artifacts, out, text } = await run('inline.yaml');
    const corpus = artifacts.corpus!;
    expect(corpus.documents.reduce((n, d) => n + documentChars(d), 0)).toBeGreaterThanOrEqual(THREAD_MIN_CHARS);
    expect(threadable('indicators', corpus)).toBe(true);
    expect(threadable('segment', corpus)).toBe(false);
    const params = indicatorsParams.parse({});
    const { made } = await startOnThread('indicators', params, corpus, out).result;
    expect(made).toEqual(indicators(corpus, params, stageContext({ text })));
  }, 120_000);

  it('only corpora between THREAD_MIN_CHARS and THREAD_MAX_CHARS characters go to a thread', () => {
    // Documents whose text was let go carry their counts (released); that is all threadable reads.
    const corpusOf = (...chars: number[]): Corpus => ({
      documents: chars.map((c, i) => ({ doc_id: `d${i}`, paragraphs: [], released: { paragraphs: 1, chars: c } }) as unknown as Document),
      messages: [],
      meta: { stage: 'ingest', params: {} } as Corpus['meta'],
    });
    expect(threadable('indicators', corpusOf(THREAD_MIN_CHARS - 1))).toBe(false);
    expect(threadable('indicators', corpusOf(THREAD_MIN_CHARS / 2, THREAD_MIN_CHARS / 2))).toBe(true);
    expect(threadable('indicators', corpusOf(THREAD_MAX_CHARS / 2, THREAD_MAX_CHARS / 2))).toBe(true);
    expect(threadable('indicators', corpusOf(THREAD_MAX_CHARS / 2, THREAD_MAX_CHARS / 2 + 1))).toBe(false);
  });

  it('an error thrown on the thread reaches the caller with its message', async () => {
    const { artifacts } = await run('inline.yaml');
    // No clean/ there: the thread's first read fails, naming the file.
    const t = startOnThread('indicators', indicatorsParams.parse({}), artifacts.corpus!, path.join(tmp, 'nowhere'));
    await expect(t.result).rejects.toThrow(/nowhere\/clean\/.*\.txt/);
    await t.stop();
  }, 120_000);
});
