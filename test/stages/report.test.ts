import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline, type RunResult } from '../../src/pipeline/runner.js';
import { applyOverrides, loadPipeline } from '../../src/pipeline/spec.js';
import { ROOT } from '../fixtures/samples.js';
import { RUN_OUTPUTS, TABLES } from '../../src/output/tables.js';

/*
 * The report stage end to end: the samples plus one hostile report (markup,
 * a javascript: link, HTML entities and a formula-like line in its text, a
 * <script> in its title) through the default pipeline; then tables.xlsx read
 * back against the CSVs, report.html opened in headless Chromium, a LaTeX
 * table compiled with xelatex, and the paper tables' numbers recomputed from
 * tokens.jsonl.
 */

const HOSTILE = `=1+1<script>window.__pwned=1</script>平遥县2022年政府工作报告
——2022年1月10日在平遥县第十八届人民代表大会第一次会议上
各位代表：
现在，我代表县人民政府向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。
一、2021年工作回顾
过去一年，我们坚持稳中求进工作总基调，全县地区生产总值增长8.5%，乡村振兴扎实推进，营商环境持续优化。点击 javascript:alert(1) 查看详情 &lt;b&gt;粗体&lt;/b&gt; 与 <img src=x onerror="window.__pwned=2"> 都只是文字。
我们统筹推进疫情防控和经济社会发展，高质量发展取得新成效，项目建设、招商引资、产业升级全面发力，生态环境持续改善，民生福祉不断增进。
二、2022年工作安排
今年政府工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻新发展理念，推动高质量发展，全力实施乡村振兴战略，持续优化营商环境，确保经济社会发展主要目标任务圆满完成。
`;

let tmp: string;
let out: string;
let run: RunResult;

const csv = (file: string) => parseCsv(readFileSync(path.join(out, file), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'govtext-report-'));
  const input = path.join(tmp, 'input');
  execFileSync('mkdir', ['-p', input]);
  for (const f of readdirSync(path.join(ROOT, 'data/raw'))) copyFileSync(path.join(ROOT, 'data/raw', f), path.join(input, f));
  writeFileSync(path.join(input, '=pingyao<b>.txt'), HOSTILE);
  out = path.join(tmp, 'out');
  run = await runPipeline(loadPipeline(path.join(ROOT, 'pipelines/default.yaml')), { inputs: [input], out, cwd: tmp, progress: createProgress(process.stderr, true) });
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('report stage outputs', () => {
  it('writes every report file, and the manifest says how each table was built', () => {
    for (const f of ['summary.md', 'report.html', 'tables.xlsx', 'tables/top_phrases.tex', 'tables/policy_terms_by_year.md', 'tables/cluster_membership.csv']) expect(existsSync(path.join(out, f)), f).toBe(true);
    const built = new Map(run.manifest.tables.map((t) => [t.file, t.built]));
    expect(built.get('tfidf.csv')).toBe('streamed');
    expect(built.get('tokens.jsonl')).toBe('streamed');
    expect(built.get('corpus.csv')).toBe('DataFrame');
    expect(built.get('tables/policy_terms_by_year.csv')).toBe('DataFrame');
  });

  it('the hostile report is a report, with its doc_id made safe and its title kept as text', () => {
    const doc = csv('corpus.csv').find((r) => r.region === '平遥县')!;
    expect(doc.doc_id).toMatch(/^[A-Za-z0-9_.-]+$/);
    // The CSV cell is neutralised with an apostrophe (it begins with '=').
    expect(doc.title).toBe("'=1+1<script>window.__pwned=1</script>平遥县2022年政府工作报告");
  });
});

describe('tables.xlsx', () => {
  it('holds the about sheet, every declared table with a sheet in the declared order, then the paper tables', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'tables.xlsx'));
    const declared = TABLES.filter((t) => t.sheet).map((t) => t.name);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['about', ...declared, ...run.artifacts.report!.tables.map((t) => t.name)]);
    // Every declared table is a CSV file of the run, with the declared columns, and has its record in the manifest.
    const recorded = new Set(run.manifest.tables.map((r) => r.file));
    for (const t of TABLES) expect(recorded.has(`${t.name}.csv`), t.name).toBe(true);
    for (const t of TABLES) expect(readFileSync(path.join(out, `${t.name}.csv`), 'utf8').split('\r\n')[0]!.replace(/^\uFEFF/, '')).toBe(t.columns.join(','));
    // Every file declared to be written after the last stage is written, listed in the manifest, and not a sheet;
    // its tables with their declared columns (panel_wide.csv's depend on the run) and their records.
    const listed = new Set(run.manifest.outputs);
    for (const f of RUN_OUTPUTS.flatMap((o) => o.files)) {
      expect(listed.has(f.file), f.file).toBe(true);
      if (!f.file.endsWith('.csv')) continue;
      expect(wb.getWorksheet(f.file.replace(/\.csv$/, '')), f.file).toBeUndefined();
      expect(recorded.has(f.file), f.file).toBe(true);
      const header = readFileSync(path.join(out, f.file), 'utf8').split('\r\n')[0]!.replace(/^\uFEFF/, '');
      if (typeof f.columns !== 'string') expect(header, f.file).toBe(f.columns.join(','));
    }
    // corpus.csv is written once, after the last stage, with its tokens column: one record, and a count in every report's row.
    expect(run.manifest.tables.filter((r) => r.file === 'corpus.csv')).toHaveLength(1);
    expect(run.manifest.outputs.filter((f) => f === 'corpus.csv')).toHaveLength(1);
    const reports = csv('corpus.csv').filter((r) => r.kind === 'report');
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) expect(Number(r.tokens), r.doc_id).toBeGreaterThan(0);
  });
  it('has an about sheet, then a sheet per table whose header and values equal the CSV', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'tables.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 4)).toEqual(['about', 'corpus', 'sections', 'phrases']);
    for (const n of ['keywords', 'policy_terms', 'attention', 'keyness', 'similarity', 'clusters', 'cluster_terms', 'k_selection', 'themes', 'themes_by_section', 'theme_terms', 'top_phrases', 'policy_terms_by_year', 'attention_by_region', 'cluster_membership']) expect(names).toContain(n);
    for (const [sheet, file] of [['corpus', 'corpus.csv'], ['keywords', 'keywords.csv'], ['policy_terms_by_year', 'tables/policy_terms_by_year.csv']] as const) {
      const ws = wb.getWorksheet(sheet)!;
      // As arrays: object keys would put numeric column names (years) first.
      const [csvHeader, ...rows] = parseCsv(readFileSync(path.join(out, file), 'utf8'), { bom: true }) as string[][];
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(csvHeader);
      expect(ws.rowCount).toBe(rows.length + 1);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      // Row 2 and the last row, cell by cell: numbers equal the CSV's numbers, text equals the CSV's text.
      for (const i of [0, rows.length - 1]) {
        const values = (ws.getRow(i + 2).values as unknown[]).slice(1);
        rows[i]!.forEach((v, j) => {
          const x = values[j];
          if (typeof x === 'number') expect(x).toBe(Number(v));
          else expect(x ?? '').toBe(v);
        });
      }
    }
    // Sensible widths: the title column of corpus (long Chinese titles) is wider than the doc_id's minimum.
    const corpus = wb.getWorksheet('corpus')!;
    expect(corpus.getColumn(2).width).toBeGreaterThan(20);
    expect(corpus.getColumn(2).width).toBeLessThanOrEqual(60);
  });

  it('neutralises text that Excel would run as a formula, in the CSV and in the workbook', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'tables.xlsx'));
    let formulas = 0;
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => { if (cell.type === ExcelJS.ValueType.Formula) formulas++; }));
    expect(formulas).toBe(0);
    const titles = (wb.getWorksheet('corpus')!.getColumn(2).values as unknown[]).filter((v) => typeof v === 'string' && v.includes('平遥县'));
    expect(titles).toEqual(["'=1+1<script>window.__pwned=1</script>平遥县2022年政府工作报告"]);
    // phrases.csv examples and every other CSV: no cell starts with = + - @ unless it is a number.
    for (const f of readdirSync(out).filter((f) => f.endsWith('.csv'))) {
      for (const r of parseCsv(readFileSync(path.join(out, f), 'utf8'), { bom: true }) as string[][]) {
        for (const cell of r) if (/^[=+\-@]/.test(cell)) expect(Number.isFinite(Number(cell)), `${f}: ${cell}`).toBe(true);
      }
    }
  });

  it('is byte-identical when written twice from the same run', async () => {
    const again = path.join(tmp, 'again');
    await runPipeline(loadPipeline(path.join(ROOT, 'pipelines/default.yaml')), { inputs: [path.join(tmp, 'input')], out: again, cwd: tmp, progress: createProgress(process.stderr, true) });
    for (const f of ['tables.xlsx', 'report.html', 'summary.md', 'tables/attention_by_region.tex']) expect(readFileSync(path.join(again, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
  }, 180_000);
});

describe('tables.xlsx within a row budget (report.xlsx_rows)', () => {
  it('keeps each document\'s policy terms with most hits, the first rows of the others, and the manifest says what each sheet holds', async () => {
    const small = path.join(tmp, 'small');
    const budget = 40;
    const r = await runPipeline(applyOverrides(loadPipeline(path.join(ROOT, 'pipelines/default.yaml')), [`report.xlsx_rows=${budget}`]), { inputs: [path.join(tmp, 'input')], out: small, cwd: tmp, progress: createProgress(process.stderr, true) });
    const documents = r.artifacts.corpus!.documents.length;
    const perDoc = Math.floor(budget / documents);
    expect(perDoc).toBe(2); // 14 documents share 40 rows
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(small, 'tables.xlsx'));
    const sheetRows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row, i) => { if (i > 1) out.push((row.values as unknown[]).slice(1)); });
      return out;
    };
    const csvRows = (file: string) => parseCsv(readFileSync(path.join(small, file), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    // policy_terms: per document, the 2 rows of highest count (ties: the earlier row), in the CSV's order.
    const all = csvRows('policy_terms.csv');
    const expected: string[] = [];
    const byDoc = new Map<string, number[]>();
    all.forEach((row, i) => byDoc.set(row.doc_id!, [...(byDoc.get(row.doc_id!) ?? []), i]));
    const keep = new Set<number>();
    for (const list of byDoc.values()) for (const i of [...list].sort((a, b) => Number(all[b]!.count) - Number(all[a]!.count) || a - b).slice(0, perDoc)) keep.add(i);
    all.forEach((row, i) => { if (keep.has(i)) expected.push(`${row.doc_id}|${row.term}|${row.count}`); });
    expect(sheetRows('policy_terms').map((v) => `${v[0]}|${v[1]}|${v[3]}`)).toEqual(expected);
    // keywords: the first rows of each document, i.e. ranks 1 and 2.
    const kw = sheetRows('keywords');
    expect(kw.length).toBe(2 * new Set(csvRows('keywords.csv').map((k) => k.doc_id)).size);
    expect(new Set(kw.map((v) => v[1]))).toEqual(new Set([1, 2]));
    // attention: a document's categories belong together, so whole documents, the first in the CSV, as many as fit.
    const att = csvRows('attention.csv');
    const perDocAtt = att.filter((x) => x.doc_id === att[0]!.doc_id).length;
    const docsKept = [...new Set(att.map((x) => x.doc_id))].slice(0, Math.floor(budget / perDocAtt));
    expect(sheetRows('attention').map((v) => `${v[0]}|${v[2]}`)).toEqual(att.filter((x) => docsKept.includes(x.doc_id!)).map((x) => `${x.doc_id}|${x.category}`));
    // phrases has no doc_id: its first 40 rows.
    expect(sheetRows('phrases').map((v) => v[0])).toEqual(csvRows('phrases.csv').slice(0, budget).map((p) => p.phrase));
    // The manifest's tables.xlsx record: per sheet its rows, the CSV's rows and what it holds.
    const xlsx = r.manifest.tables.find((t) => t.file === 'tables.xlsx')!;
    const sheet = (n: string) => xlsx.sheets!.find((s) => s.sheet === n)!;
    expect(sheet('policy_terms')).toMatchObject({ file: 'policy_terms.csv', rows: expected.length, of: all.length });
    expect(sheet('policy_terms').holds).toContain(`each document's ${perDoc} policy terms with most hits`);
    expect(sheet('corpus')).toMatchObject({ rows: documents, of: documents, holds: 'every row' });
    for (const s of xlsx.sheets!) {
      expect(s.rows, s.sheet).toBe(wb.getWorksheet(s.sheet)!.rowCount - 1);
      if (s.sheet !== 'about') expect(s.rows <= budget || s.holds === 'every row', s.sheet).toBe(true);
    }
    // The about sheet says so too.
    const about = sheetRows('about').find((v) => v[0] === 'policy_terms')!;
    expect(String(about[3])).toContain(`the CSV has all ${all.length} rows`);
  }, 180_000);

  it('cuts the sheet from the whole table when policy_terms.csv holds fewer rows (weigh.policy_rows), and says so', async () => {
    const cut = path.join(tmp, 'cut');
    const r = await runPipeline(applyOverrides(loadPipeline(path.join(ROOT, 'pipelines/default.yaml')), ['report.xlsx_rows=40', 'weigh.policy_rows=1']), { inputs: [path.join(tmp, 'input')], out: cut, cwd: tmp, progress: createProgress(process.stderr, true) });
    const w = r.artifacts.weights!;
    const documents = w.docIds.filter((_, d) => w.policyTable.ptr[d + 1]! > w.policyTable.ptr[d]!).length;
    // The CSV: each document's term of most hits.
    const file = parseCsv(readFileSync(path.join(cut, 'policy_terms.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(file.length).toBe(documents);
    const record = r.manifest.tables.find((t) => t.file === 'policy_terms.csv')!;
    expect(record).toMatchObject({ rows: documents, cut: { of: w.policyTable.term.length, per_document: 1, parameter: 'weigh.policy_rows', all: '--set weigh.policy_rows=all' } });
    expect(r.manifest.warnings.filter((m) => m.origin === 'weigh:policy_rows')).toHaveLength(1);
    // The sheet: 2 rows a document (40 rows for 14 documents), from the whole table, so more than the CSV has.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(cut, 'tables.xlsx'));
    const sheet = r.manifest.tables.find((t) => t.file === 'tables.xlsx')!.sheets!.find((s) => s.sheet === 'policy_terms')!;
    expect(sheet.of).toBe(w.policyTable.term.length);
    expect(sheet.rows).toBeGreaterThan(file.length);
    expect(wb.getWorksheet('policy_terms')!.rowCount - 1).toBe(sheet.rows);
    expect(sheet.holds).toContain(`policy_terms.csv holds ${documents}, each document's policy term with most hits`);
    const about: unknown[][] = [];
    wb.getWorksheet('about')!.eachRow((row) => about.push((row.values as unknown[]).slice(1)));
    expect(String(about.find((v) => v[0] === 'policy_terms')![3])).toContain(`policy_terms.csv holds ${documents}`);
  }, 180_000);

  it('keeps every sheet within the budget when there are more documents than rows (8 rows, 14 documents)', async () => {
    const tiny = path.join(tmp, 'tiny');
    const budget = 8;
    const r = await runPipeline(applyOverrides(loadPipeline(path.join(ROOT, 'pipelines/default.yaml')), [`report.xlsx_rows=${budget}`]), { inputs: [path.join(tmp, 'input')], out: tiny, cwd: tmp, progress: createProgress(process.stderr, true) });
    expect(r.artifacts.corpus!.documents.length).toBeGreaterThan(budget);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(tiny, 'tables.xlsx'));
    const xlsx = r.manifest.tables.find((t) => t.file === 'tables.xlsx')!;
    // The long tables (the output folder's CSVs); the paper tables (tables/*.csv) are summaries, written whole.
    for (const s of xlsx.sheets!) {
      if (s.sheet === 'about' || s.file.startsWith('tables/')) continue;
      expect(wb.getWorksheet(s.sheet)!.rowCount - 1, s.sheet).toBeLessThanOrEqual(budget);
    }
    // policy_terms: one row (the term of most hits) for each of the first 8 reports, in the CSV's order.
    const all = parseCsv(readFileSync(path.join(tiny, 'policy_terms.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    const firstOfEach = all.filter((row, i) => i === 0 || all[i - 1]!.doc_id !== row.doc_id).slice(0, budget);
    const got: string[] = [];
    wb.getWorksheet('policy_terms')!.eachRow((row, i) => { if (i > 1) { const v = (row.values as unknown[]).slice(1); got.push(`${String(v[0])}|${String(v[1])}`); } });
    expect(got).toEqual(firstOfEach.map((x) => `${x.doc_id}|${x.term}`));
  }, 180_000);
});

describe('paper tables', () => {
  it('policy_terms_by_year pools counts (clean/ text) over tokens (tokens.jsonl), as recomputed from the files', () => {
    const years = new Map(csv('corpus.csv').filter((r) => r.kind === 'report').map((r) => [r.doc_id, r.year]));
    const table = csv('tables/policy_terms_by_year.csv');
    const hits = new Map<string, number>();
    const tokens = new Map<string, number>();
    const term = table[0]!.term!;
    for (const line of readFileSync(path.join(out, 'tokens.jsonl'), 'utf8').trim().split('\n')) {
      const d = JSON.parse(line) as { doc_id: string; tokens: string[] };
      const y = years.get(d.doc_id);
      if (!y) continue;
      const text = readFileSync(path.join(out, 'clean', `${d.doc_id}.txt`), 'utf8').split('\n').map((l) => l.replace(/[、·・• \t]/gu, ''));
      const n = text.reduce((c, l) => c + l.split(term.replace(/[、·・• \t]/gu, '')).length - 1, 0);
      for (const key of [y, 'all']) {
        hits.set(key, (hits.get(key) ?? 0) + n);
        tokens.set(key, (tokens.get(key) ?? 0) + d.tokens.length);
      }
    }
    for (const key of ['2021', '2022', '2023', 'all']) expect(Number(table[0]![key])).toBeCloseTo((hits.get(key)! / tokens.get(key)!) * 10000, 9);
  });

  it('headline_targets shows 长治 2023 as the report words it (7% 以上, 3% 左右) and equals targets.csv', () => {
    const row = csv('tables/headline_targets.csv').find((r) => r.region === '长治市')!;
    expect(row['gdp_growth (%)']).toBe('7 以上');
    expect(row['cpi (%)']).toBe('3 左右');
    expect(row['fixed_investment_growth (%)']).toBe('9.5');
    const t = csv('targets.csv').find((r) => r.region === '长治市')!;
    expect([t.gdp_growth, t.gdp_growth_modifier, t.gdp_growth_hard]).toEqual(['7', '以上', 'true']);
  });

  it('themes_by_year columns sum to 1 and cluster_membership sizes sum to the reports clustered', () => {
    const themes = csv('tables/themes_by_year.csv');
    for (const col of ['2021', '2022', '2023', 'all']) expect(themes.reduce((s, r) => s + Number(r[col]), 0)).toBeCloseTo(1, 9);
    const members = csv('tables/cluster_membership.csv');
    expect(members.reduce((s, r) => s + Number(r.reports), 0)).toBe(csv('clusters.csv').length);
  });
});

describe('LaTeX tables', () => {
  const xelatex = spawnSync('xelatex', ['--version']).status === 0;
  it.skipIf(!xelatex)('a generated table compiles with xelatex + ctex + booktabs', () => {
    const dir = path.join(tmp, 'tex');
    execFileSync('mkdir', ['-p', dir]);
    const doc = ['\\documentclass{ctexart}', '\\usepackage{booktabs}', '\\usepackage{graphicx}', '\\begin{document}', `\\input{${path.join(out, 'tables', 'attention_by_region.tex')}}`, `\\input{${path.join(out, 'tables', 'top_phrases.tex')}}`, '\\end{document}'].join('\n');
    writeFileSync(path.join(dir, 'doc.tex'), doc);
    const r = spawnSync('xelatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stdout.slice(-2000)).toBe(0);
    expect(existsSync(path.join(dir, 'doc.pdf'))).toBe(true);
  }, 150_000);
  if (!xelatex) it('xelatex is not installed: the LaTeX compile check was skipped (apt-get install texlive-xetex texlive-lang-chinese)', () => expect(xelatex).toBe(false));
});

describe('report.html in headless Chromium', () => {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  it.skipIf(!chromium)('renders every chart, logs no error, and shows the injected markup as text', async () => {
    const { chromium: pw } = await import('playwright-core');
    const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      let dialogs = 0;
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
      page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
      await page.goto(`file://${path.join(out, 'report.html')}`);
      const charts = await page.$$eval('.chart', (els) => els.map((el) => ({ id: el.id, svg: el.querySelector('svg')?.querySelectorAll('path, rect, text').length ?? 0 })));
      expect(charts.map((c) => c.id).sort()).toEqual(['chart-adoption', 'chart-attention', 'chart-clusters', 'chart-keyness', 'chart-phrases', 'chart-themes']);
      for (const c of charts) expect(c.svg, c.id).toBeGreaterThan(20);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(dialogs).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      const text = await page.locator('#overview').innerText();
      // In the page the title is shown as it is in the input: markup as text, no apostrophe.
      expect(text).toContain('=1+1<script>window.__pwned=1</script>平遥县2022年政府工作报告');
      expect(await page.locator('#overview script').count()).toBe(0);
      await page.screenshot({ path: path.join(tmp, 'report.png'), fullPage: true });
      // Sorting: clicking the characters header orders the reports table by characters.
      const table = page.locator('#overview table.sortable').last();
      await table.locator('th', { hasText: 'characters' }).click();
      const chars = await table.locator('tbody tr td:nth-child(6)').allInnerTexts();
      const nums = chars.map(Number);
      expect(nums).toEqual([...nums].sort((a, b) => a - b));
    } finally {
      await browser.close();
    }
  }, 120_000);
  if (!chromium) it('Chromium is not installed: the report.html browser check was skipped (apt-get install chromium; .ci/run installs it)', () => expect(chromium).toBeUndefined());
});
