import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline, type RunResult } from '../../src/pipeline/runner.js';
import type { Manifest } from '../../src/artifacts/run.js';
import { loadPipeline, parsePipeline } from '../../src/pipeline/spec.js';
import { escapeHtml } from '../../src/report/html.js';
import { writeWorkbook } from '../../src/output/xlsx.js';
import { ROOT } from '../fixtures/samples.js';
import { snapshot } from '../fixtures/files.js';

/*
 * Hostile text and reproducibility, on the samples plus inputs a scraper may
 * bring back: a CSV whose doc_id and titles are paths, formulas and markup, a
 * JSONL line with __proto__ keys, and an HTML page with a javascript: link and
 * escaped markup. The default pipeline runs twice over the same input; the two
 * output folders must be byte-identical but for manifest.json's timings_ms.
 */

const CSV_ROWS = [
  { doc_id: '../../etc/passwd', title: '../../etc/passwd', region: '交城县', year: '2023' },
  { doc_id: '/tmp/govtext-owned', title: '+SUM(1,2)交城县2022年政府工作报告', region: '交城县', year: '2022' },
  { doc_id: 'CON', title: '-2+3交城县2021年政府工作报告', region: '交城县', year: '2021' },
  { doc_id: '..\\..\\windows\\system32', title: '@cmd|交城县2020年政府工作报告', region: '交城县', year: '2020' },
];
const BODY = [
  '各位代表：现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。',
  '过去一年，我们坚持稳中求进工作总基调，乡村振兴扎实推进，营商环境持续优化，地区生产总值增长6.5%。',
  '模板与代码只是文字：${process.exit(3)} {{constructor.constructor("globalThis.__pwned=1")()}} <%= 7*7 %> `rm -rf /`。',
  '今年的主要预期目标是：地区生产总值增长6%左右，城乡居民收入与经济增长基本同步，守牢安全发展底线。',
].join('\n');
const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
const CSV = `doc_id,title,region,year,text\n${CSV_ROWS.map((r) => [r.doc_id, r.title, r.region, r.year, BODY].map(q).join(',')).join('\n')}\n`;

const JSONL = `${JSON.stringify({ title: '武功县2023年政府工作报告', region: '武功县', year: 2023, text: BODY, __proto__: { polluted: 'yes' }, constructor: { prototype: { polluted: 'yes' } } }).replace('"title"', '"__proto__":{"polluted":"yes"},"title"')}\n`;

const HTML_TITLE = '平遥县2023年政府工作报告';
const HTML = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body>
<h1>${HTML_TITLE}</h1>
<p>——2023年1月10日在平遥县第十八届人民代表大会第二次会议上</p>
<p>各位代表：现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。</p>
<p>过去一年，乡村振兴扎实推进。请点击<a href="javascript:alert(1)">javascript:alert(document.cookie)</a>查看，&lt;script&gt;alert(2)&lt;/script&gt; 与 &amp;lt;b&amp;gt; 都只是文字。</p>
<p>今年的主要预期目标是：地区生产总值增长6%左右，城乡居民收入与经济增长基本同步，守牢安全发展底线。</p>
</body></html>`;

let tmp: string;
let runs: RunResult[];


beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'govtext-hostile-'));
  const input = path.join(tmp, 'input');
  mkdirSync(input);
  for (const f of readdirSync(path.join(ROOT, 'data/raw'))) copyFileSync(path.join(ROOT, 'data/raw', f), path.join(input, f));
  writeFileSync(path.join(input, 'scraped.csv'), CSV);
  writeFileSync(path.join(input, 'scraped.jsonl'), JSONL);
  writeFileSync(path.join(input, 'pingyao.html'), HTML);
  const pipeline = loadPipeline(path.join(ROOT, 'pipelines/default.yaml'));
  runs = [];
  for (const out of ['out-a', 'out-b']) {
    runs.push(await runPipeline(pipeline, { inputs: ['input'], out, cwd: tmp, progress: createProgress(process.stderr, true) }));
  }
}, 600_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('determinism', () => {
  it('two runs over the same input write byte-identical files; manifest.json differs only in timings_ms', () => {
    const [a, b] = runs.map((r) => snapshot(r.out));
    expect([...b!.keys()].sort()).toEqual([...a!.keys()].sort());
    expect(a!.size).toBeGreaterThan(30); // every table, tables/*, clean/*, report.html, tables.xlsx
    for (const [file, bytes] of a!) {
      if (file === 'manifest.json') continue;
      expect(b!.get(file)?.equals(bytes), file).toBe(true);
    }
    const strip = (buf: Buffer) => {
      const m = JSON.parse(buf.toString('utf8')) as Partial<Manifest>;
      expect(Object.keys(m.timings_ms!)).toContain('total');
      delete m.timings_ms;
      return m;
    };
    expect(strip(b!.get('manifest.json')!)).toEqual(strip(a!.get('manifest.json')!));
  });
});

describe('hostile text', () => {
  const out = () => runs[0]!.out;
  const corpus = () => parseCsv(readFileSync(path.join(out(), 'corpus.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];

  it('doc_ids from path-like values are made safe, and clean/ holds only files named by them', () => {
    const rows = corpus().filter((r) => r.source_file === 'input/scraped.csv');
    expect(rows.map((r) => r.doc_id)).toEqual(['etc_passwd', 'tmp_govtext-owned', 'CON_', 'windows_system32']);
    const clean = readdirSync(path.join(out(), 'clean'));
    for (const name of clean) expect(name).toMatch(/^[\p{L}\p{N}_-]+\.txt$/u);
    expect(clean).toEqual(expect.arrayContaining(['etc_passwd.txt', 'tmp_govtext-owned.txt', 'CON_.txt', 'windows_system32.txt']));
    // Nothing was written outside the two output folders.
    expect(readdirSync(tmp).sort()).toEqual(['input', 'out-a', 'out-b']);
    expect(readdirSync(os.tmpdir())).not.toContain('govtext-owned');
  });

  it('CSV cells starting with = + - @ are neutralised with an apostrophe; numbers are not', () => {
    const byId = new Map(corpus().map((r) => [r.doc_id, r]));
    expect(byId.get('etc_passwd')!.title).toBe('../../etc/passwd');
    expect(byId.get('tmp_govtext-owned')!.title).toBe("'+SUM(1,2)交城县2022年政府工作报告");
    expect(byId.get('CON_')!.title).toBe("'-2+3交城县2021年政府工作报告");
    expect(byId.get('windows_system32')!.title).toBe("'@cmd|交城县2020年政府工作报告");
    expect(byId.get('CON_')!.year).toBe('2021');
  });

  it('XLSX cells starting with = + - @ are stored as text with an apostrophe, never as formulas', async () => {
    const file = path.join(tmp, 'cells.xlsx');
    const values = ['=1+1', '+SUM(1,2)', '-2+3', '@cmd|x', '\t=1', '2023'];
    await writeWorkbook(file, [{ name: 't', columns: ['v', 'n'], rows: values.map((v) => [v, -5]) }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    rmSync(file);
    const ws = wb.getWorksheet('t')!;
    values.forEach((v, i) => {
      const cell = ws.getCell(`A${i + 2}`);
      expect(cell.type, v).toBe(ExcelJS.ValueType.String);
      expect(cell.value, v).toBe(v === '2023' ? '2023' : `'${v}`);
      expect(ws.getCell(`B${i + 2}`).value).toBe(-5); // a negative number stays a number
    });
  });

  it('template, shell and JavaScript text is kept verbatim as text, and never run', () => {
    const clean = readFileSync(path.join(out(), 'clean/etc_passwd.txt'), 'utf8');
    expect(clean).toContain('${process.exit(3)} {{constructor.constructor("globalThis.__pwned=1")()}} <%= 7*7 %> `rm -rf /`');
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('__proto__ keys in a JSONL line pollute nothing and the line is still a report', () => {
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined();
    const doc = corpus().find((r) => r.source_file === 'input/scraped.jsonl')!;
    expect(doc).toMatchObject({ title: '武功县2023年政府工作报告', region: '武功县', year: '2023', kind: 'report' });
  });

  it('report.html shows <script>, javascript: links and HTML entities from an input as text', () => {
    const html = readFileSync(path.join(out(), 'report.html'), 'utf8');
    // The HTML input's entities were decoded once by ingest (&lt;script&gt; is the text <script>) ...
    const clean = readFileSync(path.join(out(), 'clean/pingyao.txt'), 'utf8');
    expect(clean).toContain('javascript:alert(document.cookie)');
    expect(clean).toContain('<script>alert(2)</script>');
    expect(clean).toContain('&lt;b&gt;');
    expect(clean).not.toContain('href');
    // ... and report.html escapes that text again: none of it is markup or a link there.
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>'); // govtext's inlined chart code aside
    expect(markup).not.toMatch(/<script>alert|href="(?!#)|href=[^"]|onerror=|<img\b|<iframe\b/i); // only the page's own #section links
    // Markup typed in a title is shown, escaped, in the overview table.
    const pingyao = corpus().find((r) => r.source_file === 'input/pingyao.html')!;
    expect(pingyao.title).toBe(HTML_TITLE);
    expect(html).toContain(`<td>${escapeHtml(corpus().find((r) => r.doc_id === 'etc_passwd')!.title)}</td>`);
    // Every inline script is govtext's own: no input text between <script> tags.
    for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) expect(m[1]).not.toMatch(/alert\((2|document)|__pwned|rm -rf/);
  });

  it('a pipeline file cannot run code: a !!js/function tag is refused or kept as text, never called', () => {
    const yaml = 'name: !!js/function "function () { globalThis.__pwned = 2 }"\nstages:\n  - ingest\n';
    let name: unknown;
    try {
      name = parsePipeline(yaml, 'evil.yaml').name;
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
    }
    if (name !== undefined) expect(typeof name).toBe('string');
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });
});
