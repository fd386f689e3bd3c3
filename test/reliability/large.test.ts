import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { parsePipeline } from '../../src/pipeline/spec.js';
import { substringCount } from '../fixtures/samples.js';

/*
 * Large inputs (slow: generated text of tens of MB, run by CI like every
 * test): a 50 MB single report file, one line of 5 million characters with no
 * newline, and a CSV of 20,000 rows, through ingest, phrase discovery and
 * segmentation. Each must finish (within the test timeout) and lose nothing:
 * the cleaned text equals the input folded, and lexicon terms are counted as
 * often as they occur in the input (an independent count: indexOf).
 * Speed targets live in bench/; these only catch what never ends or crashes
 * (a quadratic loop, a spread of 400,000 values overflowing the call stack).
 */

const fold = (s: string) => s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const PARAS = [
  '过去的一年，全县上下坚持稳中求进工作总基调，地区生产总值增长百分之六左右，乡村振兴扎实推进，营商环境持续优化。',
  '我们统筹推进疫情防控和经济社会发展，高质量发展取得新成效，项目建设、招商引资、产业升级全面发力，“六新”突破成效明显。',
  '今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，城乡居民收入与经济增长基本同步。',
];
const HEAD = ['桐庐县2023年政府工作报告', '——2023年1月8日在桐庐县第十七届人民代表大会第二次会议上', '各位代表：', '现在，我代表县人民政府，向大会报告工作，请予审议。', '一、2022年工作回顾'];

// The text cycles three paragraphs, so every paragraph repeats: ingest's default drop of exact repeats is turned off to keep them all.
const PIPELINE = `name: large
stages:
  - ingest:
      drop_repeated_paragraphs: false
  - phrases:
      kinds: [report, other]
  - segment:
      kinds: [report, other]
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-large-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(input: string, out: string) {
  return runPipeline(parsePipeline(PIPELINE, 'large.yaml'), { inputs: [input], out: path.join(dir, out), cwd: dir, progress: createProgress(process.stderr, true) });
}

/** Occurrences of each term among the tokens of tokens.jsonl (read line by line: the file is large). */
async function tokenCounts(file: string, terms: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map(terms.map((t) => [t, 0]));
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    for (const t of (JSON.parse(line) as { tokens: string[] }).tokens) if (counts.has(t)) counts.set(t, counts.get(t)! + 1);
  }
  return counts;
}

const TERMS = ['乡村振兴', '营商环境'];

describe('large inputs', () => {
  it('a 50 MB report file: one document, every paragraph kept, lexicon terms counted as often as they occur', async () => {
    const lines = [...HEAD];
    let bytes = Buffer.byteLength(`${HEAD.join('\n')}\n`);
    for (let i = 0; bytes < 50 * 1024 * 1024; i++) {
      const p = PARAS[i % PARAS.length]!;
      lines.push(p);
      bytes += Buffer.byteLength(p) + 1;
    }
    const text = `${lines.join('\n')}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    writeFileSync(path.join(dir, 'big.txt'), text);

    const result = await run('big.txt', 'out-big');
    const corpus = parseCsv(readFileSync(path.join(result.out, 'corpus.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(corpus).toHaveLength(1);
    const folded = lines.map(fold);
    expect(corpus[0]).toMatchObject({ doc_id: 'big', kind: 'report', region: '桐庐县', year: '2023', paragraphs: String(lines.length), chars: String(folded.reduce((n, l) => n + l.length, 0)) });
    expect(readFileSync(path.join(result.out, 'clean/big.txt'), 'utf8')).toBe(`${folded.join('\n')}\n`);
    const counts = await tokenCounts(path.join(result.out, 'tokens.jsonl'), TERMS);
    for (const t of TERMS) expect(counts.get(t), t).toBe(substringCount(text, t));
  }, 600_000);

  it('one line of 5,000,000 characters with no newline: cut into paragraphs at sentence ends, nothing lost', async () => {
    const sentences: string[] = [];
    let n = 0;
    for (let i = 0; n < 5_000_000; i++) {
      const s = PARAS[i % PARAS.length]!;
      sentences.push(s);
      n += s.length;
    }
    const text = sentences.join('').slice(0, 5_000_000);
    expect(text.length).toBe(5_000_000);
    expect(text).not.toMatch(/[\r\n]/);
    writeFileSync(path.join(dir, 'long.txt'), text);

    const result = await run('long.txt', 'out-long');
    const corpus = parseCsv(readFileSync(path.join(result.out, 'corpus.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(corpus).toHaveLength(1);
    expect(corpus[0]!.chars).toBe('5000000');
    const clean = readFileSync(path.join(result.out, 'clean/long.txt'), 'utf8').split('\n').slice(0, -1);
    // Cut at the 5,000-character cap (ingest.max_paragraph_chars), and the pieces put back together are the input.
    expect(clean.length).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...clean.map((p) => p.length))).toBeLessThanOrEqual(5000);
    expect(clean.join('')).toBe(fold(text));
    expect(Number(corpus[0]!.paragraphs)).toBe(clean.length);
    const counts = await tokenCounts(path.join(result.out, 'tokens.jsonl'), TERMS);
    // The line is cut only at sentence ends, so no term is split across paragraphs.
    for (const t of TERMS) expect(counts.get(t), t).toBe(substringCount(text, t));
  }, 600_000);

  it('a CSV of 20,000 rows: one document per row, each warning at its own line', async () => {
    const rows = ['title,year,region,text'];
    for (let i = 0; i < 20_000; i++) {
      const year = 2000 + (i % 24);
      // Every 1,000th row has an empty text: skipped with a warning naming its line (row i is line i + 2).
      rows.push(`桐庐县${year}年政府工作报告,${year},桐庐县,${i % 1000 === 999 ? '' : `"${PARAS[i % 3]}${PARAS[(i + 1) % 3]}"`}`);
    }
    writeFileSync(path.join(dir, 'rows.csv'), `${rows.join('\n')}\n`);

    const result = await run('rows.csv', 'out-rows');
    expect(result.manifest.counts.documents).toBe(20_000 - 20);
    const empty = result.manifest.warnings.filter((w) => w.file === 'rows.csv' && /empty text/.test(w.text));
    expect(empty.map((w) => w.line)).toEqual(Array.from({ length: 20 }, (_, k) => 1000 * k + 999 + 2));
    const counts = await tokenCounts(path.join(result.out, 'tokens.jsonl'), TERMS);
    for (const t of TERMS) expect(counts.get(t), t).toBe(substringCount(rows.join('\n'), t));
  }, 600_000);
});
