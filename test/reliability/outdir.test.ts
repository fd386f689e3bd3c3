import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { MARKER } from '../../src/pipeline/outdir.js';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { loadPipeline, parsePipeline } from '../../src/pipeline/spec.js';
import { snapshot } from '../fixtures/files.js';
import { ROOT } from '../fixtures/samples.js';

/*
 * Issue 21, items 1, 2, 7, 9 and 12 (disk full, parent folders): the output
 * folder. govtext replaces --out whole, so it must only ever replace a folder
 * it wrote, holding only files it wrote, and never reach an input, a
 * folder outside output/ by a pipeline's name, or a mount point.
 */

const BIN = path.join(ROOT, 'bin/govtext.js');
const INGEST = loadPipeline(path.join(ROOT, 'pipelines/ingest.yaml'));
const quiet = createProgress(process.stderr, true);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-outdir-'));
  cpSync(path.join(ROOT, 'data/raw'), path.join(dir, 'raw'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (out: string | undefined, inputs = ['raw'], pipeline = INGEST) => runPipeline(pipeline, { inputs, out, cwd: dir, progress: quiet });
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

describe('item 1: only a folder govtext wrote is replaced', () => {
  it('a folder with a foreign manifest.json and a src/ folder: refused with exit 2, every file kept', () => {
    const w = path.join(dir, 'w');
    mkdirSync(path.join(w, 'src'), { recursive: true });
    writeFileSync(path.join(w, 'manifest.json'), '{"name":"app"}');
    writeFileSync(path.join(w, 'src/main.js'), 'x\n');
    const before = snapshot(w);
    const r = cli(['run', path.join(ROOT, 'pipelines/ingest.yaml'), '--input', 'raw', '--out', 'w', '-q']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--out .*w: the folder is not a govtext output folder.*src\/main\.js/);
    expect(snapshot(w)).toEqual(before);
  }, 120_000);

  it('a govtext output holds the marker and a manifest naming govtext with its version; a second run replaces it', async () => {
    const first = await run('marked');
    const marker = JSON.parse(readFileSync(path.join(first.out, MARKER), 'utf8')) as { tool: string; files: string[] };
    expect(marker.tool).toBe('govtext');
    const manifest = JSON.parse(readFileSync(path.join(first.out, 'manifest.json'), 'utf8')) as { tool: { name: string; version: string } };
    expect(manifest.tool.name).toBe('govtext');
    expect(manifest.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    // The marker lists exactly the files written (every file of the folder but itself).
    expect(marker.files).toEqual([...snapshot(first.out).keys()].filter((f) => f !== MARKER).sort());
    await expect(run('marked')).resolves.toBeTruthy();
  }, 120_000);

  it('a govtext output where a user put a file of their own: refused, naming that file; the file is kept', async () => {
    await run('mine');
    writeFileSync(path.join(dir, 'mine/notes.txt'), 'my notes\n');
    await expect(run('mine')).rejects.toThrow(/govtext did not write: notes\.txt/);
    expect(readFileSync(path.join(dir, 'mine/notes.txt'), 'utf8')).toBe('my notes\n');
  }, 120_000);

  it('a manifest.json of govtext without the marker (copied by hand): refused', async () => {
    const fake = path.join(dir, 'fake');
    mkdirSync(fake);
    writeFileSync(path.join(fake, 'manifest.json'), JSON.stringify({ tool: { name: 'govtext', version: '0.1.0' } }));
    writeFileSync(path.join(fake, 'thesis.tex'), '\\documentclass{article}\n');
    await expect(run('fake')).rejects.toThrow(InputError);
    expect(existsSync(path.join(fake, 'thesis.tex'))).toBe(true);
  });
});

describe('item 2: a pipeline name is a name', () => {
  it.each(['../../../x/escaped', '/tmp/abs', 'a/b', '..', '.hidden', 'a\\b'])('name %j: exit 2 naming the file and line; nothing written outside output/', (name) => {
    expect(() => parsePipeline(`name: ${JSON.stringify(name)}\nstages:\n  - ingest\n`, 'p.yaml')).toThrow(UsageError);
    expect(() => parsePipeline(`name: ${JSON.stringify(name)}\nstages:\n  - ingest\n`, 'p.yaml')).toThrow(/p\.yaml:1: pipeline name/);
  });

  it('through the CLI, from a folder three deep, no --out: exit 2 and no folder x/ anywhere', () => {
    writeFileSync(path.join(dir, 'esc.yaml'), 'name: ../../../x/escaped\nstages:\n  - ingest\n');
    mkdirSync(path.join(dir, 'a/b/c'), { recursive: true });
    const r = spawnSync(process.execPath, [BIN, 'run', '../../../esc.yaml', '--input', '../../../raw', '-q'], { cwd: path.join(dir, 'a/b/c'), encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(2);
    expect(existsSync(path.join(dir, 'x'))).toBe(false);
    expect(existsSync(path.join(dir, 'a/x'))).toBe(false);
  }, 120_000);

  it('a pipeline built in code with a bad name (no YAML check): the runner refuses it too', async () => {
    await expect(run(undefined, ['raw'], { ...INGEST, name: '../escaped' })).rejects.toThrow(/pipeline name '\.\.\/escaped'/);
  });
});

describe('item 7: symlinks', () => {
  it('--out L/out with L a symlink to the input folder: refused (paths compared after symlinks), the input untouched', async () => {
    cpSync(path.join(dir, 'raw'), path.join(dir, 'in7'), { recursive: true });
    symlinkSync('in7', path.join(dir, 'L'));
    await expect(run('L/out', ['in7'])).rejects.toThrow(/overlaps the input \S*in7 \(after symlinks/);
    expect(readdirSync(path.join(dir, 'in7')).sort()).toEqual(readdirSync(path.join(dir, 'raw')).sort());
  });

  it('symlinked files and folders inside an input are followed; a broken one and a loop are listed as skipped (manifest and warnings)', async () => {
    const input = path.join(dir, 'in7b');
    const ext = path.join(dir, 'ext7');
    mkdirSync(input);
    mkdirSync(ext);
    const [a, b, c] = readdirSync(path.join(dir, 'raw')).sort();
    cpSync(path.join(dir, 'raw', a!), path.join(input, a!));
    cpSync(path.join(dir, 'raw', b!), path.join(ext, 'linked-file.txt'));
    mkdirSync(path.join(ext, 'sub'));
    cpSync(path.join(dir, 'raw', c!), path.join(ext, 'sub', 'in-linked-folder.txt'));
    symlinkSync('../ext7/linked-file.txt', path.join(input, 'link.txt'));
    symlinkSync('../ext7/sub', path.join(input, 'dirlink'));
    symlinkSync('../nothing-here.txt', path.join(input, 'broken.txt'));
    symlinkSync('.', path.join(input, 'dirlink-loop'));
    symlinkSync('.', path.join(ext, 'sub', 'self'));
    const warnings: string[] = [];
    const r = await runPipeline(INGEST, { inputs: ['in7b'], out: 'o7b', cwd: dir, progress: quiet, onWarning: (m) => warnings.push(`${m.file}: ${m.text}`) });
    const read = r.manifest.inputs.filter((i) => i.status === 'read').map((i) => i.file);
    expect(read).toEqual(['in7b/000_3671ec8ff8c3bdb3.txt', 'in7b/dirlink/in-linked-folder.txt', 'in7b/link.txt'].map((f) => f.replace('000_3671ec8ff8c3bdb3.txt', a!)));
    const skipped = r.manifest.inputs.filter((i) => i.status === 'skipped');
    expect(skipped.map((s) => s.file).sort()).toEqual(['in7b/broken.txt', 'in7b/dirlink-loop', 'in7b/dirlink/self']);
    expect(skipped.find((s) => s.file === 'in7b/broken.txt')?.reason).toMatch(/symlink to .*nothing-here\.txt, which does not exist/);
    expect(skipped.find((s) => s.file === 'in7b/dirlink/self')?.reason).toMatch(/loops back/);
    expect(warnings.filter((w) => w.includes('skipped'))).toHaveLength(3);
  });

  it('an --out that is a symlink to a folder stays a symlink; the folder it points to gets the output', async () => {
    mkdirSync(path.join(dir, 'real-out'));
    symlinkSync('real-out', path.join(dir, 'out-link'));
    await run('out-link');
    await run('out-link');
    const { isSymbolicLink } = await import('node:fs').then((fs) => ({ isSymbolicLink: fs.lstatSync(path.join(dir, 'out-link')).isSymbolicLink() }));
    expect(isSymbolicLink).toBe(true);
    expect(existsSync(path.join(dir, 'real-out/corpus.csv'))).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

/** A small tmpfs at `at` (root only); undefined with the reason when it cannot be mounted. */
function mountTmpfs(at: string, size: string): string | undefined {
  mkdirSync(at, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `cannot mount a tmpfs (${(r.stderr || r.error?.message || '').trim()}): needs root`;
}
const unmount = (at: string) => spawnSync('umount', [at]);

describe('item 9 and item 12 (disk full): mount points', () => {
  it('an empty mount point as --out: exit 2 at the start, naming it and what to do; the mount stays', async (t) => {
    const mp = path.join(dir, 'mp');
    const why = mountTmpfs(mp, '8m');
    if (why) return t.skip(why);
    try {
      const r = cli(['run', path.join(ROOT, 'pipelines/ingest.yaml'), '--input', 'raw', '--out', 'mp', '-q']);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--out .*mp: is a mount point.*use a folder inside it, e\.g\. --out .*mp\/govtext-out/);
      expect(readdirSync(mp)).toEqual([]);
    } finally {
      unmount(mp);
    }
  }, 120_000);

  it('a disk that fills during the run: exit 2, the file and the sizes named, the previous output kept byte for byte', async (t) => {
    const disk = path.join(dir, 'small-disk');
    const why = mountTmpfs(disk, '1m');
    if (why) return t.skip(why);
    try {
      // The previous output: one small file's ingest (fits); then the whole default pipeline does not.
      const one = path.join(dir, 'one');
      mkdirSync(one);
      cpSync(path.join(dir, 'raw', readdirSync(path.join(dir, 'raw')).sort()[0]!), path.join(one, 'a.txt'));
      const first = cli(['run', path.join(ROOT, 'pipelines/ingest.yaml'), '--input', 'one', '--out', 'small-disk/out', '-q']);
      expect(first.status, first.stderr).toBe(0);
      const before = snapshot(path.join(disk, 'out'));
      const r = cli(['run', path.join(ROOT, 'pipelines/default.yaml'), '--input', 'raw', '--out', 'small-disk/out', '-q']);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/the disk is full \(ENOSPC\) writing \S+ of the output for .*small-disk\/out.*had written [\d.]+ [KM]?B.*The previous output was kept/);
      expect(snapshot(path.join(disk, 'out'))).toEqual(before);
      expect(readdirSync(disk)).toEqual(['out']);
    } finally {
      unmount(disk);
    }
  }, 180_000);
});

describe('item 12: a failed run leaves no empty parent folders', () => {
  it('--out deep/new/parents/out on a run that fails (bad lexicon): none of deep/ is left', () => {
    writeFileSync(path.join(dir, 'broken.yaml'), 'name: broken\nstages:\n  - ingest\n  - phrases:\n      lexicon: [missing-terms.txt]\n');
    const r = cli(['run', 'broken.yaml', '--input', 'raw', '--out', 'deep/new/parents/out', '-q']);
    expect(r.status, r.stderr).toBe(2);
    expect(existsSync(path.join(dir, 'deep'))).toBe(false);
  }, 120_000);

  it('a parent that existed before is kept', () => {
    mkdirSync(path.join(dir, 'kept'));
    const r = cli(['run', 'broken.yaml', '--input', 'raw', '--out', 'kept/new/out', '-q']);
    expect(r.status).toBe(2);
    expect(statSync(path.join(dir, 'kept')).isDirectory()).toBe(true);
    expect(readdirSync(path.join(dir, 'kept'))).toEqual([]);
  }, 120_000);
});
