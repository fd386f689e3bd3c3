import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { loadPipeline } from '../../src/pipeline/spec.js';
import { COLUMN_LABELS } from '../../src/output/research.js';
import { PANEL_COLUMNS } from '../../src/tables/panel.js';
import { pythonWith, runPython, skipLine } from '../fixtures/python.js';
import { ROOT } from '../fixtures/samples.js';

/*
 * The research outputs of a run over the samples (ingest, phrases, segment,
 * weigh, indicators; two study terms in phrases.terms), checked by
 * independent readers: Python scripts (test/output/py/) count each term as
 * an exact substring of clean/DOC_ID.txt (the panel's hits, as
 * policy_terms.csv counts), count tokens.jsonl with collections.Counter, recompute
 * rates and pooled rates with pandas, read the .dta files with
 * pandas.read_stata and dtm.mtx with scipy.io.mmread.
 */

/* The study's own terms: 生态 is no lexicon term and mostly sits inside longer tokens (生态环境); 新动能 is never a token of the samples' segmentation. */
const STUDY = ['生态', '新动能'];
let tmp: string;
let out: string;
const python = pythonWith('pandas', 'scipy');
const script = (name: string) => readFileSync(path.join(ROOT, 'test/output/py', name), 'utf8');

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'govtext-research-'));
  const yaml = path.join(tmp, 'research.yaml');
  writeFileSync(yaml, `name: research\nstages: [ingest, {phrases: {terms: [${STUDY.join(', ')}]}}, segment, weigh, indicators]\n`);
  out = path.join(tmp, 'out');
  await runPipeline(loadPipeline(yaml), { inputs: [path.join(ROOT, 'data/raw')], out, cwd: ROOT, progress: createProgress(process.stderr, true) });
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('research outputs of a run', () => {
  it('labels every column within Stata\'s 80 characters, so no label is cut', () => {
    for (const [column, label] of Object.entries(COLUMN_LABELS)) expect([...label].length, column).toBeLessThanOrEqual(80);
  });

  it('writes CITATION.cff (valid YAML, CFF 1.2.0, the package version) and how_to_cite.md naming the run', () => {
    const cff = parseYaml(readFileSync(path.join(out, 'CITATION.cff'), 'utf8')) as Record<string, unknown>;
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(cff['cff-version']).toBe('1.2.0');
    expect(cff.version).toBe(version);
    expect(cff.authors).toEqual([{ name: 'govtext contributors' }]);
    const cite = readFileSync(path.join(out, 'how_to_cite.md'), 'utf8');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { pipeline: { sha256: string }; counts: { reports: number } };
    expect(cite).toContain(`govtext ${version}`);
    expect(cite).toContain(manifest.pipeline.sha256);
    expect(cite).toContain(`${manifest.counts.reports} reports`);
    // The repository's own CITATION.cff (GitHub shows it) is the same file.
    expect(readFileSync(path.join(ROOT, 'CITATION.cff'), 'utf8')).toBe(readFileSync(path.join(out, 'CITATION.cff'), 'utf8'));
  });

  it.skipIf(!python)('panel.csv, panel.dta, panel_wide.csv/.dta and corpus.dta agree with the cleaned text, policy_terms.csv, attention.csv and targets.csv', () => {
    const got = runPython<{ rows: number; reports: number; panel_docs: boolean; per_doc: number[]; kinds: Record<string, number>; terms: boolean; study: Record<string, number>; token_differs: number; zeros: number; wide_rows: number; wide_cells: number; labels: string[]; dta_rows: number; bad: Record<string, number>; chinese: string[] }>(
      python!, script('check_panel.py'), [out, path.join(ROOT, 'data/lexicon/policy_terms.csv'), ...STUDY]);
    // 13 sample reports × (12 lexicon categories + study + 1 dictionary category + 763 lexicon terms + 2 study terms + 12 headline targets).
    expect(got.reports).toBe(13);
    expect(got.panel_docs).toBe(true);
    expect(got.per_doc).toEqual([13 + 1 + 765 + 12]);
    expect(got.rows).toBe(13 * 791);
    expect(got.kinds).toEqual({ category: 13 * 13, dictionary: 13, term: 13 * 765, target: 13 * 12 });
    expect(got.terms).toBe(true);
    // The study's terms counted with grep -o over clean/ of the 13 reports (kind = report; the other documents hold 6 more 生态): 生态 243, 新动能 13 (0 as tokens).
    expect(got.study).toEqual({ 生态: 243, 新动能: 13 });
    // The check tells substring counts from token counts: many term rows differ (a panel of token counts fails it).
    expect(got.token_differs).toBeGreaterThan(100);
    expect(got.zeros).toBeGreaterThan(0); // explicit zeros
    expect(got.wide_cells).toBe(got.rows);
    expect(got.dta_rows).toBe(got.rows);
    expect(got.labels).toEqual(PANEL_COLUMNS.map((c) => COLUMN_LABELS[c]));
    expect(got.chinese.every((t) => /\p{Script=Han}/u.test(t))).toBe(true);
    expect(Object.entries(got.bad).filter(([, n]) => n > 0)).toEqual([]);
    expect(Object.keys(got.bad).sort()).toEqual(['attention', 'category', 'corpus.dta', 'corpus_tokens', 'names', 'panel.dta', 'per_10k', 'policy_terms', 'target', 'term', 'tokens', 'wide', 'wide.dta', 'wide.dta_labels', 'wide_tokens']);
  });

  it.skipIf(!python)('dtm.mtx read by scipy.io.mmread equals the counts of tokens.jsonl, with its sidecars', () => {
    const got = runPython<{ shape: number[]; nnz: number; entries: number; dtype: string; terms_unique: boolean; bad: Record<string, number> }>(python!, script('check_dtm.py'), [out]);
    const lines = readFileSync(path.join(out, 'tokens.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tokens: string[] });
    const vocab = new Set(lines.flatMap((l) => l.tokens));
    expect(got.shape).toEqual([lines.length, vocab.size]);
    expect(got.nnz).toBe(got.entries);
    expect(got.dtype).toBe('int64');
    expect(got.terms_unique).toBe(true);
    expect(got.bad).toEqual({ doc_id: 0, tokens: 0, cells: 0, doc_freq: 0, count: 0 });
  });
});
if (!python) skipLine('research outputs read back by pandas and scipy', 'python3 with pandas and scipy (Debian python3-pandas, python3-scipy)');
