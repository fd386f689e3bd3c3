import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { loadPipeline } from '../../src/pipeline/spec.js';
import { ROOT } from '../fixtures/samples.js';
import { snapshot } from '../fixtures/files.js';

/*
 * Interrupted runs through the installed CLI: SIGINT (Ctrl-C), SIGTERM (a
 * scheduler's kill) and a stage that fails mid-run on bad input. Each time
 * the previous output folder stays byte for byte as it was and no temporary
 * folder is left beside it.
 */

const BIN = path.join(ROOT, 'bin/govtext.js');
let dir: string;
let out: string;
let before: Map<string, Buffer>;


function expectUntouched(stderr = ''): void {
  const after = snapshot(out);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true);
  // Only the input folder, the pipeline files and the output folder: no .out.tmp-*, no .previous.
  expect(readdirSync(dir).filter((n) => n.startsWith('.')), `left beside the output; the run printed:\n${stderr}`).toEqual([]);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-interrupt-'));
  cpSync(path.join(ROOT, 'data/raw'), path.join(dir, 'raw'), { recursive: true });
  out = path.join(dir, 'out');
  // The previous output: an ingest-only run (its manifest marks the folder as govtext's).
  const r = spawnSync(process.execPath, [BIN, 'run', path.join(ROOT, 'pipelines/ingest.yaml'), '--input', 'raw', '--out', 'out', '-q'], { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  before = snapshot(out);
  expect(before.has('manifest.json')).toBe(true);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A folder one test left (and failed on) must not fail the tests after it.
afterEach(() => {
  for (const n of readdirSync(dir)) if (n.startsWith('.')) rmSync(path.join(dir, n), { recursive: true, force: true });
});

/** The temporary folder of the run in progress once it holds a finished file (ingest's corpus.csv), else undefined. */
const tempWithFiles = () => readdirSync(dir).find((n) => n.startsWith('.out.tmp-') && existsSync(path.join(dir, n, 'corpus.csv')));

async function interrupt(signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'run', path.join(ROOT, 'pipelines/default.yaml'), '--input', 'raw', '--out', 'out'], { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Wait until the run has written into its temporary folder, then stop it.
  const deadline = Date.now() + 90_000;
  while (!tempWithFiles()) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the run ended or stalled before writing: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill(signal);
  return { code: await exited, stderr };
}

describe('interrupted runs leave the previous output as it was', () => {
  it('SIGINT: exit code 130, a message, the previous output byte-identical, no temporary folder', async () => {
    const r = await interrupt('SIGINT');
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted \(SIGINT\); the previous output was left as it was/);
    expectUntouched(r.stderr);
  }, 120_000);

  it('SIGTERM: exit code 143, the previous output byte-identical, no temporary folder', async () => {
    const r = await interrupt('SIGTERM');
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/interrupted \(SIGTERM\)/);
    expectUntouched(r.stderr);
  }, 120_000);

  it('a stage that meets a bad file mid-run (a missing user lexicon in phrases, after ingest wrote its files): exit 2, output untouched', () => {
    writeFileSync(path.join(dir, 'lexicon-missing.yaml'), 'name: broken\nstages:\n  - ingest\n  - phrases:\n      lexicon: [my_terms.txt]\n');
    const r = spawnSync(process.execPath, [BIN, 'run', 'lexicon-missing.yaml', '--input', 'raw', '--out', 'out'], { cwd: dir, encoding: 'utf8' });
    rmSync(path.join(dir, 'lexicon-missing.yaml'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('my_terms.txt');
    expect(r.stdout).toBe('');
    expectUntouched(r.stderr);
  }, 120_000);

  it('a lexicon that is not text (binary) stops the run the same way', () => {
    writeFileSync(path.join(dir, 'terms.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    writeFileSync(path.join(dir, 'lexicon-binary.yaml'), 'name: broken\nstages:\n  - ingest\n  - phrases:\n      lexicon: [terms.txt]\n');
    const r = spawnSync(process.execPath, [BIN, 'run', 'lexicon-binary.yaml', '--input', 'raw', '--out', 'out'], { cwd: dir, encoding: 'utf8' });
    rmSync(path.join(dir, 'lexicon-binary.yaml'));
    rmSync(path.join(dir, 'terms.txt'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/terms\.txt.*binary/);
    expectUntouched(r.stderr);
  }, 120_000);
});

describe('a stage that throws, through the library', () => {
  // The stage does its work (and whatever the earlier stages wrote is in the
  // temporary folder), then throws: segment (worker threads) and report (the last stage, after every table).
  it.each(['segment', 'report'])('an error thrown in %s: the run rejects, the previous output is byte-identical, no temporary folder', async (failing) => {
    const pipeline = loadPipeline(path.join(ROOT, 'pipelines/default.yaml'));
    const stages = pipeline.stages.map((s) =>
      s.name !== failing
        ? s
        : {
            ...s,
            definition: {
              ...s.definition,
              run: async (...args: Parameters<typeof s.definition.run>) => {
                await s.definition.run(...args);
                throw new Error(`${failing} failed on purpose`);
              },
            },
          },
    );
    await expect(runPipeline({ ...pipeline, stages }, { inputs: ['raw'], out: 'out', cwd: dir, progress: createProgress(process.stderr, true) })).rejects.toThrow(`${failing} failed on purpose`);
    expectUntouched();
  }, 300_000);
});
