import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatMessage, MAX_LISTED, shortenLists } from '../../src/cli/messages.js';
import { exitCodeOf, InputError, UsageError } from '../../src/errors.js';
import type { Manifest } from '../../src/artifacts/run.js';
import { ROOT } from '../fixtures/samples.js';

/*
 * Bad input through the installed CLI, as a user meets it: the exit code
 * (SPEC: 0 ok, 1 the run failed, 2 bad usage or bad input), a message on
 * stderr naming the file, line or parameter, no output folder when the run
 * stops, and the rest of the corpus processed when only some files are bad.
 */

const BIN = path.join(ROOT, 'bin/govtext.js');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-bad-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function govtext(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function write(rel: string, content: string | Buffer): string {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}
const INGEST = path.join(ROOT, 'pipelines/ingest.yaml');

const report = (county: string) =>
  [
    `${county}2023年政府工作报告`,
    `——2023年1月8日在${county}第十七届人民代表大会第二次会议上`,
    '各位代表：',
    '现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。',
    '一、2022年工作回顾',
    '过去的一年，面对复杂严峻的形势，全县上下坚持稳中求进工作总基调，统筹疫情防控和经济社会发展，较好地完成了全年目标任务。',
    '二、2023年工作安排',
    '2023年是承上启下的关键之年，做好今年的工作意义重大，我们要坚定信心，真抓实干，奋力开创高质量发展新局面。',
  ].join('\n');

describe('exit codes (SPEC: 0 ok, 1 the run failed, 2 bad usage or bad input)', () => {
  it('bad input and bad usage are 2; any other error (a failure) is 1', () => {
    expect(exitCodeOf(new InputError('x.csv: no text column found'))).toBe(2);
    expect(exitCodeOf(new UsageError('--set x: expected stage.param=value'))).toBe(2);
    expect(exitCodeOf(new RangeError('Maximum call stack size exceeded'))).toBe(1);
    expect(exitCodeOf('a string')).toBe(1);
  });
});

describe('inputs that stop the run: exit 2, a message naming them, no output folder', () => {
  it('a folder with no supported file lists each file and why it was skipped', () => {
    write('in/report.pdf', '%PDF-1.7 not really');
    write('in/notes.docx', 'PK\u0003\u0004');
    write('in/empty.txt', '');
    write('in/scan.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const r = govtext('run', INGEST, '--input', 'in', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/govtext: error: no readable input files in in: /);
    expect(r.stderr).toMatch(/in\/empty\.txt \(empty file\)/);
    expect(r.stderr).toMatch(/in\/scan\.txt \(binary content/);
    expect(r.stderr).toMatch(/in\/notes\.docx \(unsupported file type '\.docx'/);
    expect(r.stderr).toMatch(/in\/report\.pdf \(unsupported file type '\.pdf'/);
    // Each skipped file was also a warning naming it.
    expect(r.stderr).toMatch(/warning: in\/scan\.txt: skipped: binary content/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('an empty folder says so', () => {
    mkdirSync(path.join(dir, 'in'));
    const r = govtext('run', INGEST, '--input', 'in', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no readable input files in in (the folder is empty)');
  });

  it('a folder of 25 PDFs gives one short line: 10 names and how many more', () => {
    for (let i = 0; i < 25; i++) write(`in/r${String(i).padStart(2, '0')}.pdf`, '%PDF');
    const r = govtext('run', INGEST, '--input', 'in', '--out', 'out', '-q');
    expect(r.code).toBe(2);
    const line = r.stderr.split('\n').find((l) => l.startsWith('govtext: error:'))!;
    const names = Array.from({ length: 10 }, (_, i) => `in/r${String(i).padStart(2, '0')}.pdf`).join(', ');
    expect(line).toContain(`${names} … and 15 more (unsupported file type '.pdf'`);
    expect(line).not.toContain('in/r10.pdf');
  });

  it('a CSV without a text column names the file and the columns found', () => {
    write('in/places.csv', 'city,code,population\n交城县,141122,23万\n');
    write('in/tonglu.txt', report('桐庐县'));
    const r = govtext('run', INGEST, '--input', 'in', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('in/places.csv: no text column found; columns found: city, code, population');
    expect(r.stderr).toContain('--set ingest.text_column=NAME');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('an output folder that cannot be created (here under /proc, refused even to root) is named', () => {
    write('in/tonglu.txt', report('桐庐县'));
    const r = govtext('run', INGEST, '--input', 'in', '--out', '/proc/govtext-out');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/govtext: error: cannot write to the output folder \/proc\/govtext-out: E[A-Z]+ \(choose another with --out DIR\)/);
    expect(r.stdout).toBe('');
  });

  it.each([
    ['unknown stage', 'name: p\nstages:\n  - ingest\n  - tokenize\n', /p\.yaml:4\b.*unknown stage 'tokenize' \(valid stages: ingest, phrases/],
    ['unknown parameter', 'name: p\nstages:\n  - ingest:\n      min_chars: 5\n', /p\.yaml:4\b.*min_chars.*min_doc_chars/],
    ['wrong type', 'name: p\nstages:\n  - ingest:\n      min_doc_chars: abc\n', /p\.yaml:4\b.*min_doc_chars.*abc/],
    ['malformed YAML', 'name: p\nstages:\n  - ingest: min_doc_chars: 100\n', /p\.yaml:3\b/],
  ])('a pipeline file with a fault (%s): exit 2 and file:line', (_, yaml, message) => {
    write('p.yaml', yaml);
    write('in/tonglu.txt', report('桐庐县'));
    const r = govtext('run', 'p.yaml', '--input', 'in', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it.each([
    ['ingest.min_doc_chars', /expected stage\.param=value/],
    ['segment.stopwords=false', /stage 'segment' is not in pipeline 'ingest'/],
    ['ingest.nosuch=1', /nosuch/],
  ])('--set %s: exit 2 naming the --set', (set, message) => {
    write('in/tonglu.txt', report('桐庐县'));
    const r = govtext('run', INGEST, '--input', 'in', '--out', 'out', '--set', set);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--set ${set}`);
    expect(r.stderr).toMatch(message);
  });
});

describe('files that are skipped or repaired: the rest of the corpus is processed, exit 0', () => {
  it('empty, binary, truncated UTF-8, damaged UTF-8, GBK labelled UTF-8 and a broken JSONL line: each a warning naming it', () => {
    write('in/a_tonglu.txt', report('桐庐县'));
    write('in/b_empty.txt', '');
    write('in/c_binary.txt', Buffer.concat([Buffer.from(report('武功县')), Buffer.from([0, 0, 0])]));
    const cut = Buffer.from(report('交城县'));
    write('in/d_truncated.txt', cut.subarray(0, cut.length - 1)); // ends inside 面 (3 bytes)
    const damaged = Buffer.from(report('平遥县'));
    damaged[Buffer.byteLength(report('平遥县').split('\n').slice(0, 5).join('\n')) + 1 + 3] = 0xff; // inside line 6
    write('in/e_damaged.txt', damaged);
    // A GBK page whose meta tag claims UTF-8: read by its bytes.
    write('in/f_gbk.html', iconv.encode(`<html><head><meta charset="utf-8"></head><body>${report('长治市').split('\n').map((l) => `<p>${l}</p>`).join('')}</body></html>`, 'gbk'));
    write('in/g_rows.jsonl', `${JSON.stringify({ title: '桐乡市2023年政府工作报告', text: report('桐乡市') })}\n{"title": "broken\n`);

    const r = govtext('run', INGEST, '--input', 'in', '--out', 'out');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${path.join(dir, 'out')}\n`);
    expect(r.stderr).toMatch(/warning: in\/b_empty\.txt: skipped: empty file \[ingest:file\]/);
    expect(r.stderr).toMatch(/warning: in\/c_binary\.txt: skipped: binary content/);
    expect(r.stderr).toMatch(/warning: in\/d_truncated\.txt: truncated UTF-8: the last 2 byte\(s\)/);
    expect(r.stderr).toMatch(/warning: in\/e_damaged\.txt: invalid UTF-8: .* \(first on line 6\)/);
    expect(r.stderr).toMatch(/warning: in\/g_rows\.jsonl:2: broken JSON/);
    const corpus = readFileSync(path.join(dir, 'out/corpus.csv'), 'utf8');
    for (const region of ['桐庐县', '交城县', '平遥县', '长治市', '桐乡市']) expect(corpus, region).toContain(`,${region},`);
    expect(corpus).not.toContain('武功县');
    // The truncated file lost only its cut character; the GBK page reads as written.
    expect(readFileSync(path.join(dir, 'out/clean/d_truncated.txt'), 'utf8')).toContain('奋力开创高质量发展新局');
    expect(readFileSync(path.join(dir, 'out/clean/f_gbk.txt'), 'utf8')).toContain('各位代表:');
  });
});

describe('long warnings on stderr', () => {
  it('shortenLists keeps 10 names and says how many more; short lists and prose are left alone', () => {
    const ids = Array.from({ length: 159 }, (_, i) => `r${String(i).padStart(5, '0')}_桐庐县_2023`);
    expect(shortenLists(`159 report(s) with no headline target found: ${ids.join(', ')}`)).toBe(`159 report(s) with no headline target found: ${ids.slice(0, MAX_LISTED).join(', ')}, … and 149 more`);
    const eleven = ids.slice(0, 11).join(', ');
    expect(shortenLists(eleven)).toBe(`${ids.slice(0, 10).join(', ')}, … and 1 more`);
    const ten = ids.slice(0, 10).join(', ');
    expect(shortenLists(ten)).toBe(ten);
    const prose = "keyness by 'year' skipped: only 1 value(s) in the corpus, so no comparison, no table, no chart";
    expect(shortenLists(prose)).toBe(prose);
    expect(formatMessage({ origin: 'indicators:targets', text: `12 report(s) with no headline target found: ${ids.slice(0, 12).join(', ')}` })).toBe(
      `warning: 12 report(s) with no headline target found: ${ids.slice(0, 10).join(', ')}, … and 2 more [indicators:targets]`,
    );
  });

  it('a run over 12 reports without targets prints 10 names on stderr; manifest.json keeps all 12', () => {
    const counties = ['桐庐县', '交城县', '武功县', '平遥县', '建德县', '淳安县', '临安县', '富阳县', '安吉县', '德清县', '长兴县', '嘉善县'];
    counties.forEach((c, i) => write(`in/r${String(i + 1).padStart(2, '0')}.txt`, report(c)));
    write('p.yaml', 'name: targets\nstages:\n  - ingest\n  - indicators\n');
    const r = govtext('run', 'p.yaml', '--input', 'in', '--out', 'out');
    expect(r.code).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.includes('[indicators:targets]'))!;
    expect(line).toBe('warning: 12 report(s) with no headline target found: r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, … and 2 more [indicators:targets]');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'out/manifest.json'), 'utf8')) as Manifest;
    const full = manifest.warnings.find((w) => w.origin === 'indicators:targets')!;
    expect(full.text).toBe(`12 report(s) with no headline target found: ${counties.map((_, i) => `r${String(i + 1).padStart(2, '0')}`).join(', ')}`);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
