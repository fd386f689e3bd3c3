import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The installed CLI as a user runs it: exit codes (0 ok, 1 failed, 2 bad
 * usage/input), messages on stderr, and a clean stdout (only the output
 * folder) so `out=$(govtext run ...)` works in scripts.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/govtext.js');

let dir: string;

beforeAll(() => {
  // The bin loads dist/; build once if this checkout was never built.
  if (!existsSync(path.join(ROOT, 'dist/src/cli/main.js'))) execSync('npx tsc -p .', { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function govtext(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const REPORT = [
  '桐庐县2023年政府工作报告',
  '——2023年1月8日在桐庐县第十七届人民代表大会第二次会议上',
  '各位代表:',
  '现在,我代表县人民政府,向大会报告工作,请予审议,并请县政协委员和其他列席人员提出意见。',
  '一、2022年工作回顾',
  '过去的一年,面对复杂严峻的形势,全县上下坚持稳中求进工作总基调,统筹疫情防控和经济社会发展,较好地完成了全年目标任务。',
  '二、2023年工作安排',
  '2023年是承上启下的关键之年,做好今年的工作意义重大,我们要坚定信心,真抓实干,奋力开创高质量发展新局面。',
].join('\n');

describe('govtext CLI', () => {
  it('--help exits 0 with usage on stdout', () => {
    const r = govtext('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: govtext/);
    expect(r.stdout).toContain('run');
  });

  it('run --help exits 0 and describes --input and --out', () => {
    const r = govtext('run', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--input');
    expect(r.stdout).toContain('--out');
  });

  it('an unknown option is bad usage: exit 2', () => {
    const r = govtext('run', 'pipelines/ingest.yaml', '--no-such-option');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--no-such-option');
  });

  it('a missing input path exits 2 and names the path on stderr', () => {
    const r = govtext('run', 'pipelines/ingest.yaml', '--input', '/nonexistent', '--out', path.join(dir, 'never'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent');
    expect(r.stdout).toBe('');
    expect(existsSync(path.join(dir, 'never'))).toBe(false);
  });

  it('a malformed pipeline file exits 2 and names the file', () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nstages:\n  - ingest: min_doc_chars: 100\n');
    const input = path.join(dir, 'in.txt');
    writeFileSync(input, REPORT);
    const r = govtext('run', bad, '--input', input, '--out', path.join(dir, 'never'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yaml');
    expect(r.stdout).toBe('');
  });

  it('a bad --set exits 2 and names the --set', () => {
    const input = path.join(dir, 'in.txt');
    writeFileSync(input, REPORT);
    const r = govtext('run', 'pipelines/ingest.yaml', '--input', input, '--out', path.join(dir, 'never'), '--set', 'ingest.bogus=1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ingest.bogus=1');
  });

  it('a successful run prints exactly the output folder on stdout; warnings go to stderr', () => {
    const input = path.join(dir, 'tonglu.txt');
    writeFileSync(input, REPORT);
    const empty = path.join(dir, 'empty.txt'); // skipped with a warning
    writeFileSync(empty, '');
    const out = path.join(dir, 'out');
    const r = govtext('run', 'pipelines/ingest.yaml', '--input', input, '--input', empty, '--out', out);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    expect(r.stderr).toMatch(/warning: .*empty\.txt/);
    const corpus = readFileSync(path.join(out, 'corpus.csv'), 'utf8');
    expect(corpus.split('\r\n')).toHaveLength(3); // header, one report, final empty string
    expect(corpus).toContain('桐庐县');
  });

  it('kwic without --input says on stderr which folder it reads', () => {
    const input = path.join(dir, 'kwic-cwd');
    execSync(`mkdir -p ${JSON.stringify(path.join(input, 'data/raw'))}`);
    writeFileSync(path.join(input, 'data/raw/tonglu.txt'), REPORT);
    const r = spawnSync(process.execPath, [BIN, 'kwic', '高质量发展'], { cwd: input, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`govtext kwic: no --input given: reading ${path.join(input, 'data/raw')}`);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('table without a folder says which run it reads, or that there is none', () => {
    const cwd = path.join(dir, 'table-cwd');
    execSync(`mkdir -p ${JSON.stringify(cwd)}`);
    const none = spawnSync(process.execPath, [BIN, 'table', '--term', '高质量发展'], { cwd, encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(`govtext table: no folder given: reading ${path.join(cwd, 'output/default')}, which holds no run`);
    const run = govtext('run', 'pipelines/default.yaml', '--input', path.join(dir, 'kwic-cwd/data/raw'), '--out', path.join(cwd, 'output/default'));
    expect(run.code, run.stderr).toBe(0);
    const r = spawnSync(process.execPath, [BIN, 'table', '--term', '高质量发展'], { cwd, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`reading the run in ${path.join(cwd, 'output/default')} (pipeline default, 1 reports from 1 input files)`);
  });
});
