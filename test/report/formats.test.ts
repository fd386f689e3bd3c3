import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { displayCell, displayWidth, shortWarning } from '../../src/report/format.js';
import { escapeHtml, scriptJson } from '../../src/report/html.js';
import { escapeLatex, toLatex } from '../../src/report/latex.js';
import { escapeMarkdown, toMarkdown } from '../../src/report/markdown.js';
import { sheetName, startWorkbook, writeWorkbook } from '../../src/output/xlsx.js';
import { fixZipTimes } from '../../src/output/zip.js';
import { frameTable, toFrame } from '../../src/artifacts/frame.js';
import { cutFor, keepPerDocument, keepWholeDocuments } from '../../src/output/cut.js';

describe('display of cells', () => {
  it('rounds non-integers to the column digits, keeps integers, blanks missing values', () => {
    expect(displayCell(27.932960893854748, 2)).toBe('27.93');
    expect(displayCell(0.125)).toBe('0.125');
    expect(displayCell(-0.0001, 2)).toBe('0.00');
    expect(displayCell(42)).toBe('42');
    expect(displayCell(null)).toBe('');
    expect(displayCell(Number.NaN)).toBe('');
    expect(displayCell('乡村振兴')).toBe('乡村振兴');
  });
  it('cuts a long warning for the summaries and says where the rest is', () => {
    expect(shortWarning('2 report(s) with no headline target found: a, b')).toBe('2 report(s) with no headline target found: a, b');
    const long = `159 report(s): ${'r00007_仁怀市_2020, '.repeat(50)}`;
    expect(shortWarning(long, 20)).toBe(`159 report(s): r0000 … (${[...long].length - 20} more characters; the full warning is in manifest.json)`);
  });
  it('counts CJK and full-width characters as two columns', () => {
    expect(displayWidth('ab')).toBe(2);
    expect(displayWidth('乡村振兴')).toBe(8);
    expect(displayWidth('Ａ１，')).toBe(6);
    expect(displayWidth('𠀀')).toBe(2);
  });
});

describe('Markdown', () => {
  it('escapes every character with a Markdown meaning and keeps Chinese as is', () => {
    expect(escapeMarkdown('<script>a|b*c_d</script>')).toBe('\\<script\\>a\\|b\\*c\\_d\\</script\\>');
    expect(escapeMarkdown('[链接](javascript:alert(1)) &amp;')).toBe('\\[链接\\]\\(javascript:alert\\(1\\)\\) \\&amp;');
    expect(escapeMarkdown('两行\n文字')).toBe('两行 文字');
  });
  it('writes a GFM table with numeric columns right-aligned', () => {
    const md = toMarkdown({ columns: ['term', 'per_10k'], rows: [['乡村振兴', 10.716], ['六新', 3]], digits: { per_10k: 2 } });
    expect(md).toBe('| term | per\\_10k |\n| --- | ---: |\n| 乡村振兴 | 10.72 |\n| 六新 | 3 |\n');
  });
});

describe('LaTeX', () => {
  it('escapes the ten special characters and < > |', () => {
    expect(escapeLatex('50% & $5 #1 a_b {x} ~ ^ \\ <b>|')).toBe('50\\% \\& \\$5 \\#1 a\\_b \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textless{}b\\textgreater{}\\textbar{}');
  });
  it('prints a straight double quote as written', () => {
    expect(escapeLatex('"与经济增长同步"')).toBe('\\textquotedbl{}与经济增长同步\\textquotedbl{}');
  });
  it('writes a booktabs table with caption, label, notes and a row cut that says so', () => {
    const tex = toLatex({ name: 'top_phrases', caption: '六新 & 项目为王', notes: 'per 10,000 tokens', columns: ['phrase', 'reports'], rows: [['六新', 9], ['项目为王', 5], ['1146', 1]], maxRows: 2 });
    const lines = tex.split('\n');
    expect(lines).toContain('\\begin{tabular}{lr}');
    expect(lines).toContain('\\caption{六新 \\& 项目为王}');
    expect(lines).toContain('\\label{tab:top_phrases}');
    expect(lines.filter((l) => /\\(top|mid|bottom)rule/.test(l))).toEqual(['\\toprule', '\\midrule', '\\bottomrule']);
    expect(lines).toContain('六新 & 9 \\\\');
    expect(tex).not.toContain('1146 & 1');
    expect(tex).toContain('The first 2 of 3 rows; all rows are in top\\_phrases.csv.');
  });

  it('turns the header names of a wide table upright and only ever shrinks it to the line width', () => {
    const columns = ['region', ...['2018', '2019', '2020', '2021', '2022', '2023', '2024'], 'all'];
    const tex = toLatex({ name: 'wide', caption: 'c', notes: '', columns, rows: [['交城县', 1, 2, 3, 4, 5, 6, 7, 28]] });
    const lines = tex.split('\n');
    expect(lines).toContain('\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%');
    expect(lines).toContain(`${columns.map((c) => `\\rotatebox{90}{${c}}`).join(' & ')} \\\\`);
    expect(lines).toContain('交城县 & 1 & 2 & 3 & 4 & 5 & 6 & 7 & 28 \\\\');
  });
});

describe('HTML escaping', () => {
  it('escapes markup and keeps a JSON block from being closed by input text', () => {
    expect(escapeHtml('<img src=x onerror="a()">&\'')).toBe('&#60;img src=x onerror=&#34;a()&#34;&#62;&#38;&#39;');
    const json = scriptJson({ t: '</script><script>alert(1)</script>\u2028' });
    expect(json).not.toMatch(/<|>/);
    expect(JSON.parse(json)).toEqual({ t: '</script><script>alert(1)</script>\u2028' });
  });
});

describe('DataFrames', () => {
  it('keep values as given: numbers at full precision, text untouched, missing as null', () => {
    const t = frameTable(toFrame({ columns: ['doc_id', 'tfidf', 'year'], rows: [['a', 0.12345678901234568, '2023'], ['b', 1 / 3, undefined]] }));
    expect(t.columns).toEqual(['doc_id', 'tfidf', 'year']);
    expect(t.rows).toEqual([['a', 0.12345678901234568, '2023'], ['b', 1 / 3, null]]);
    expect(frameTable(toFrame({ columns: ['a'], rows: [] }))).toEqual({ columns: ['a'], rows: [] });
  });
});

describe('XLSX', () => {
  it('makes sheet names valid and unique for Excel', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b:c', taken)).toBe('a_b_c');
    expect(sheetName('A_B_C', taken)).toBe('A_B_C_2');
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31);
  });

  it('writes sheets read back with the same values, neutralised formulas, and the same bytes twice', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-xlsx-'));
    try {
      const sheets = [{ name: 'phrases', columns: ['phrase', 'count', 'share'], rows: [['六新', 34, 0.75], ['=1+1', 2, null], ['@SUM(A1)', 1, 0.5]] }];
      const a = path.join(dir, 'a.xlsx');
      const b = path.join(dir, 'b.xlsx');
      await writeWorkbook(a, sheets);
      await new Promise((r) => setTimeout(r, 1100)); // a different second: times must not leak into the file
      await writeWorkbook(b, sheets);
      expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(a);
      const ws = wb.getWorksheet('phrases')!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['phrase', 'count', 'share']);
      expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['六新', 34, 0.75]);
      expect(ws.getCell('A3').value).toBe("'=1+1");
      expect(ws.getCell('A4').value).toBe("'@SUM(A1)");
      expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
      // JSZip reads the entries' times (DOS time is local time): all at 1980-01-01 00:00.
      const zip = await JSZip.loadAsync(readFileSync(a));
      const stamps = Object.values(zip.files).map((f) => `${f.date.getFullYear()}-${f.date.getMonth() + 1}-${f.date.getDate()} ${f.date.getHours()}:${f.date.getMinutes()}`);
      expect(stamps.length).toBeGreaterThan(3);
      expect(new Set(stamps)).toEqual(new Set(['1980-1-1 0:0']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the same workbook on its thread, and tells what it holds before it is written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-xlsx-'));
    try {
      // Two names that clash once made valid, a generator's rows, a table longer than its sheet.
      const sheets = () => [
        { name: 'a/b', columns: ['t', 'n'], rows: [['六新', 1], ['=x', null]] },
        { name: 'a:b', columns: ['t'], rows: (function* () { for (let i = 0; i < 700; i++) yield [`行${i}`]; })() },
        { name: 'cut', columns: ['n'], rows: [[1], [2]], totalRows: 5 },
      ];
      const a = path.join(dir, 'a.xlsx');
      const b = path.join(dir, 'b.xlsx');
      const direct = await writeWorkbook(a, sheets());
      const job = startWorkbook(b);
      const told = sheets().map((s) => job.add(s));
      await job.end();
      expect(told).toEqual(direct);
      expect(told).toEqual([{ sheet: 'a_b', rows: 2, truncated: false }, { sheet: 'a_b_2', rows: 700, truncated: false }, { sheet: 'cut', rows: 2, truncated: true }]);
      expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
      // A run whose sheet fails to build stops the thread (a thread left waiting would keep the process alive).
      const stopped = startWorkbook(path.join(dir, 'c.xlsx'));
      stopped.add(sheets()[0]!);
      await expect(stopped.abort()).resolves.toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a buffer that is not a zip archive', () => {
    expect(() => fixZipTimes(Buffer.from('not a zip at all, just text that is long enough'))).toThrow(/not a zip archive/);
  });
});

describe('workbook cuts', () => {
  const rows = [
    { doc: 'a', term: '乡村振兴', count: 3 },
    { doc: 'a', term: '六新', count: 9 },
    { doc: 'b', term: '营商环境', count: 1 },
    { doc: 'a', term: '碳达峰', count: 9 },
    { doc: 'b', term: '六新', count: 4 },
    { doc: 'a', term: '双碳', count: 1 },
  ];
  it('keeps each document\'s first n items, or its n of highest rank (ties: the earlier), in the given order', () => {
    expect(keepPerDocument(rows, (r) => r.doc, 2).map((r) => `${r.doc}:${r.term}`)).toEqual(['a:乡村振兴', 'a:六新', 'b:营商环境', 'b:六新']);
    expect(keepPerDocument(rows, (r) => r.doc, 2, (r) => r.count).map((r) => `${r.doc}:${r.term}`)).toEqual(['a:六新', 'b:营商环境', 'a:碳达峰', 'b:六新']);
    expect(keepPerDocument(rows, (r) => r.doc, 1, (r) => r.count).map((r) => r.term)).toEqual(['六新', '六新']);
  });
  it('keeps whole documents, in the given order, as many as fit', () => {
    // a has 4 rows, b 2: 5 rows hold a only; 6 hold both.
    expect(keepWholeDocuments(rows, (r) => r.doc, 5)).toEqual({ kept: rows.filter((r) => r.doc === 'a'), documents: 1 });
    expect(keepWholeDocuments(rows, (r) => r.doc, 6).kept).toEqual(rows);
    expect(keepWholeDocuments(rows, (r) => r.doc, 3)).toEqual({ kept: [], documents: 0 });
  });
  it('shares the sheet budget among the documents, at least one row each', () => {
    expect(cutFor(100_000, 1000)).toEqual({ perDocument: 100, rows: 100_000 });
    expect(cutFor(100_000, 10_000)).toEqual({ perDocument: 10, rows: 100_000 });
    expect(cutFor(10, 14)).toEqual({ perDocument: 1, rows: 10 });
  });
});
