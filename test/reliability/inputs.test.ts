import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { readSource } from '../../src/io/sources.js';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { loadPipeline, parsePipeline } from '../../src/pipeline/spec.js';
import { ingestParams } from '../../src/artifacts/corpus.js';
import { phrasesParams } from '../../src/artifacts/phrases.js';
import { segmentParams } from '../../src/artifacts/tokens.js';
import { safeId } from '../../src/ingest/ids.js';
import { ingest } from '../../src/stages/ingest.js';
import { phrases } from '../../src/stages/phrases.js';
import { segment } from '../../src/stages/segment.js';
import { ROOT, substringCount } from '../fixtures/samples.js';

/*
 * Issue 21, items 3, 4, 6, 10, 11 and 12 (doc_ids, stderr, YAML, table):
 * inputs that must not take a run down, each built here.
 */

const BIN = path.join(ROOT, 'bin/govtext.js');
const INGEST = loadPipeline(path.join(ROOT, 'pipelines/ingest.yaml'));
const quiet = createProgress(process.stderr, true);
const BODY = '各位代表：现在，我代表县人民政府，向大会报告工作，请予审议。过去一年，乡村振兴扎实推进，营商环境持续优化，地区生产总值增长6.5%。';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-inputs-'));
  cpSync(path.join(ROOT, 'data/raw'), path.join(dir, 'raw'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 24 });

describe('item 3: unbounded reads', () => {
  it('--input /dev/zero: exit 2 at once, naming it a character device (bounded: nothing is read)', () => {
    const r = cli(['run', path.join(ROOT, 'pipelines/ingest.yaml'), '--input', '/dev/zero', '--out', 'o3', '-q']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--input \/dev\/zero: a character device, not a file or a folder/);
  }, 120_000);

  it('a symlink to /dev/zero and a FIFO inside an input folder: skipped with a warning, the other files read', async () => {
    const input = path.join(dir, 'in3');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), `交城县2023年政府工作报告\n${BODY.repeat(5)}\n`);
    symlinkSync('/dev/zero', path.join(input, 'zero.txt'));
    const fifo = spawnSync('mkfifo', [path.join(input, 'pipe.txt')]);
    const r = await runPipeline(INGEST, { inputs: ['in3'], out: 'o3b', cwd: dir, progress: quiet });
    const skipped = Object.fromEntries(r.manifest.inputs.filter((i) => i.status === 'skipped').map((i) => [i.file, i.reason]));
    expect(skipped['in3/zero.txt']).toMatch(/a character device/);
    if (fifo.status === 0) expect(skipped['in3/pipe.txt']).toMatch(/named pipe/);
    expect(r.manifest.counts.documents).toBe(1);
  });

  it('a file over ingest.max_file_mb: skipped before it is read whole, the message names the size, the limit and the parameter', () => {
    const big = path.join(dir, 'big.txt');
    writeFileSync(big, Buffer.alloc(3 * 2 ** 20, 'a'));
    const r = readSource(big, dir, 2 ** 20);
    expect(r.source).toBeUndefined();
    expect(r.record.status).toBe('skipped');
    expect(r.record.reason).toMatch(/^3 MB is over the input size limit of 1 MB \(ingest\.max_file_mb\)/);
  });

  it('through the pipeline: --set ingest.max_file_mb applies', async () => {
    const input = path.join(dir, 'in3c');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), `交城县2023年政府工作报告\n${BODY.repeat(5)}\n`);
    writeFileSync(path.join(input, 'b.txt'), `武功县2023年政府工作报告\n${BODY.repeat(5000)}\n`);
    const pipeline = parsePipeline('name: limit\nstages:\n  - ingest:\n      max_file_mb: 0.1\n', 'limit.yaml');
    const r = await runPipeline(pipeline, { inputs: ['in3c'], out: 'o3c', cwd: dir, progress: quiet });
    expect(r.manifest.inputs.find((i) => i.file === 'in3c/b.txt')?.reason).toMatch(/over the input size limit of 102 KB/);
    expect(r.manifest.counts.documents).toBe(1);
  });

  it('govtext kwic applies the same limit: the oversized file is skipped and named, its hits are not listed', () => {
    const input = path.join(dir, 'in3k');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), `交城县2023年政府工作报告\n${BODY.repeat(5)}\n`);
    writeFileSync(path.join(input, 'b.txt'), `武功县2023年政府工作报告\n${BODY.repeat(5000)}\n`);
    const r = cli(['kwic', '乡村振兴', '-p', path.join(ROOT, 'pipelines/default.yaml'), '--set', 'ingest.max_file_mb=0.1', '--input', 'in3k']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/in3k\/b\.txt.*over the input size limit of 102 KB/);
    // BODY holds 乡村振兴 once: five hits, all from a.txt.
    expect(r.stderr).toMatch(/5 hit\(s\) of 乡村振兴 in 1 of 1 document/);
  });
});

describe('item 4: deeply nested HTML', () => {
  const page = (open: string, close: string, n: number) => `<html><body>${open.repeat(n)}<p>交城县2023年政府工作报告</p><p>${BODY}</p><script>var x = "乡村振兴";</script>${close.repeat(n)}</body></html>`;
  it.each([
    ['2,000 nested <div>', page('<div>', '</div>', 2000)],
    ['2,200 unclosed <font>', page('<font>', '', 2200)],
    ['20,000 nested <span> in <div>', page('<div><span>', '</span></div>', 20000)],
  ])('%s: a warning naming the file, the text read flat, the run goes on', async (_, html) => {
    const input = path.join(dir, `in4-${html.length}`);
    mkdirSync(input);
    writeFileSync(path.join(input, 'deep.html'), html);
    writeFileSync(path.join(input, 'plain.txt'), `武功县2023年政府工作报告\n${BODY.repeat(5)}\n`);
    const warnings: string[] = [];
    const r = await runPipeline(INGEST, { inputs: [path.basename(input)], out: `o4-${html.length}`, cwd: dir, progress: quiet, onWarning: (m) => warnings.push(`${m.file}: ${m.text}`) });
    expect(warnings.some((w) => /deep\.html: HTML nested too deeply/.test(w))).toBe(true);
    expect(r.manifest.counts.documents).toBe(2);
    const clean = readFileSync(path.join(r.out, 'clean', `${r.artifacts.corpus!.documents.find((d) => d.source_file.endsWith('deep.html'))!.doc_id}.txt`), 'utf8');
    // The visible text, once each; the script's text is not visible.
    expect(substringCount(clean, '乡村振兴')).toBe(substringCount(BODY, '乡村振兴'));
    expect(clean).toContain('地区生产总值增长6.5%');
  });
});

describe('item 6: govtext kwic --out', () => {
  const P = ['-p', path.join(ROOT, 'pipelines/default.yaml')];
  it('--out naming an input file: exit 2, the input byte-identical', () => {
    mkdirSync(path.join(dir, 'k'));
    writeFileSync(path.join(dir, 'k/in.txt'), `交城县2023年政府工作报告\n${BODY.repeat(5)}\n`);
    const before = readFileSync(path.join(dir, 'k/in.txt'));
    const r = cli(['kwic', '乡村振兴', ...P, '--input', 'k', '--out', 'k/in.txt']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--out k\/in\.txt: is inside the input k/);
    expect(readFileSync(path.join(dir, 'k/in.txt')).equals(before)).toBe(true);
  }, 120_000);

  it('--out into a symlink of the input folder: exit 2 as well', () => {
    symlinkSync('k', path.join(dir, 'klink'));
    const r = cli(['kwic', '乡村振兴', ...P, '--input', 'k', '--out', 'klink/hits.csv']);
    expect(r.status, r.stderr).toBe(2);
    expect(readdirSync(path.join(dir, 'k'))).toEqual(['in.txt']);
  }, 120_000);

  it.each([
    ['a folder (EISDIR)', 'raw', /--out raw: is a folder; expected a file name/],
    ['a missing folder (ENOENT)', 'nowhere/hits.csv', /--out nowhere\/hits\.csv: the folder .*nowhere does not exist/],
  ])('--out %s: exit 2 naming the path', (_, out, message) => {
    const r = cli(['kwic', '乡村振兴', ...P, '--input', 'k', '--out', out]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
  }, 120_000);
});

describe('item 10: segment.workers', () => {
  it('64 workers asked for: capped at the cores available, with a warning naming the memory per worker', async () => {
    const corpus = ingest([{ file: 'a.txt', format: 'text', encoding: 'utf-8', text: `交城县2023年政府工作报告\n${BODY.repeat(20)}\n`, bytes: 0, sha256: '' }], ingestParams.parse({}));
    const set = phrases(corpus, phrasesParams.parse({}));
    const tokens = await segment(corpus, set, segmentParams.parse({ workers: 64, parallel_min_chars: 0 }));
    expect(tokens.meta.workers).toBe(Math.min(64, availableParallelism()));
    if (availableParallelism() < 64) expect(tokens.messages.map((m) => m.text).join('\n')).toMatch(/segment\.workers=64 is more than the \d+ cores available: \d+ used \(each worker takes about \d+ MB\)/);
  }, 120_000);
});

describe('item 11: JSONL metadata that is not a string or a number', () => {
  it('an object doc_id with toString and an object region: warnings naming file:line and field, the fields ignored, no [object Object]', async () => {
    const input = path.join(dir, 'in11');
    mkdirSync(input);
    const lines = [
      { doc_id: { toString: 'evil' }, title: '交城县2023年政府工作报告', region: { a: 1 }, year: 2023, text: BODY.repeat(5) },
      { doc_id: 'ok-2', title: '武功县2022年政府工作报告', region: ['武功县'], year: 2022, text: BODY.repeat(5) },
    ];
    writeFileSync(path.join(input, 'a.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const warnings: string[] = [];
    const r = await runPipeline(INGEST, { inputs: ['in11'], out: 'o11', cwd: dir, progress: quiet, onWarning: (m) => warnings.push(`${m.file}:${m.line}: ${m.text}`) });
    expect(warnings).toContain("in11/a.jsonl:1: field 'doc_id' (doc_id) is an object, expected a string or a number: ignored");
    expect(warnings).toContain("in11/a.jsonl:1: field 'region' (region) is an object, expected a string or a number: ignored");
    expect(warnings).toContain("in11/a.jsonl:2: field 'region' (region) is a list, expected a string or a number: ignored");
    const csv = readFileSync(path.join(r.out, 'corpus.csv'), 'utf8');
    expect(csv).not.toContain('[object Object]');
    const rows = parseCsv(csv, { columns: true, bom: true }) as Record<string, string>[];
    // Region then comes from the title, as for a file without the field.
    expect(rows.map((x) => x.region)).toEqual(['交城县', '武功县']);
  });
});

describe('item 12: doc_ids, stderr, YAML aliases, govtext table', () => {
  it('a file name cut inside an astral character: the doc_id has no lone surrogate', () => {
    const stem = `${'a'.repeat(79)}𠀀𠀁`;
    const id = safeId(stem);
    expect(id.isWellFormed()).toBe(true);
    expect([...id]).toHaveLength(80);
    expect(id.endsWith('𠀀')).toBe(true);
  });

  it('a file name with terminal escape sequences: stderr shows them escaped, never raw', () => {
    const input = path.join(dir, 'in12');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), `交城县2023年政府工作报告\n${BODY.repeat(5)}\n`);
    writeFileSync(path.join(input, 'x\u001b[2J\u001b]0;pwned\u0007.bin'), 'not a report');
    const r = cli(['run', path.join(ROOT, 'pipelines/ingest.yaml'), '--input', 'in12', '--out', 'o12', '-q']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
    expect(r.stderr).toContain('x\\x1b[2J\\x1b]0;pwned\\x07.bin');
  }, 120_000);

  it.each([
    ['an alias without its anchor', 'name: x\nstages: *a\n', /p\.yaml:2: YAML alias \*a \(no anchor &a defines it\)/],
    ['an alias of an anchor', 'name: &n x\nstages:\n  - *n\n', /p\.yaml:3: YAML alias \*n: aliases are not supported/],
    ['an alias in the description', 'name: x\nstages: [ingest]\ndescription: *d\n', /p\.yaml:3: YAML alias \*d/],
  ])('%s: a usage error naming the line and the alias', (_, yaml, message) => {
    expect(() => parsePipeline(yaml, 'p.yaml')).toThrow(UsageError);
    expect(() => parsePipeline(yaml, 'p.yaml')).toThrow(message);
  });

  it("govtext table: a region written with the formula guard (') shows as it was in the input", async () => {
    const input = path.join(dir, 'in12t');
    mkdirSync(input);
    const rows = [
      ['doc_id', 'title', 'region', 'year', 'text'],
      ['d1', '交城县2023年政府工作报告', '=HYPERLINK("x")', '2023', BODY.repeat(5)],
      ['d2', '武功县2023年政府工作报告', "'-武功县", '2023', BODY.repeat(5)],
    ];
    writeFileSync(path.join(input, 'a.csv'), `${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n')}\n`);
    const run = await runPipeline(loadPipeline(path.join(ROOT, 'pipelines/default.yaml')), { inputs: ['in12t'], out: 'o12t', cwd: dir, progress: quiet });
    // The CSV guards the cells against formulas ...
    expect(readFileSync(path.join(run.out, 'corpus.csv'), 'utf8')).toContain(`"'=HYPERLINK(""x"")"`);
    const r = cli(['table', 'o12t', '--term', '乡村振兴', '--rows', 'region']);
    expect(r.status, r.stderr).toBe(0);
    // ... and the table shows the values as they were.
    const labels = r.stdout.split('\n').slice(2).filter(Boolean).map((l) => l.split('\t')[0]);
    expect(labels.sort()).toEqual(["'-武功县", '=HYPERLINK("x")'].sort());
  }, 300_000);
});
