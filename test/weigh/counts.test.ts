/**
 * The one meaning of a term's count, checked end to end: for every lexicon
 * term and every counted document of the samples and of the development
 * corpus, policy_terms.csv's count = the exact substring count of the
 * cleaned text (an independent split-based count, enumeration marks and
 * spaces removed) = `govtext kwic` hits = `govtext table --value hits`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { termCounts } from '../../src/cli/table.js';
import { listInputFiles, readSource } from '../../src/io/sources.js';
import { ingest } from '../../src/stages/ingest.js';
import { ingestParams } from '../../src/artifacts/corpus.js';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams, type PhraseSet } from '../../src/artifacts/phrases.js';
import { segment } from '../../src/stages/segment.js';
import { segmentParams } from '../../src/artifacts/tokens.js';
import { weigh } from '../../src/stages/weigh.js';
import { weighParams, type Weights } from '../../src/artifacts/weights.js';
import { policyTermRows } from '../../src/weigh/policy.js';
import type { Corpus } from '../../src/artifacts/corpus.js';
import { kwic } from '../../src/weigh/kwic.js';
import { describeWithNationalCorpus } from '../fixtures/corpora.js';
import { ROOT, sampleCorpus } from '../fixtures/samples.js';

/** Independent count: remove the ignored characters (、·・• space, tab) by a regular expression, split each line on the term. */
const strip = (s: string) => s.replace(/[、·・• \t]/gu, '');
const stripped = new WeakMap<readonly string[], string[]>();
function substringCount(paragraphs: readonly string[], term: string): number {
  let lines = stripped.get(paragraphs);
  if (!lines) stripped.set(paragraphs, (lines = paragraphs.map(strip)));
  const key = strip(term);
  return lines.reduce((n, p) => n + p.split(key).length - 1, 0);
}

/** Every (term, document) of the lexicon over the counted documents, checked four ways. */
function checkAllCounts(name: string, load: () => Corpus): void {
  let corpus: Corpus;
  let set: PhraseSet;
  let w: Weights;
  let dir: string;
  beforeAll(async () => {
    corpus = load();
    set = phrases(corpus, phrasesParams.parse({}));
    const tokens = await segment(corpus, set, segmentParams.parse({ workers: 1 }));
    w = weigh(corpus, tokens, set, weighParams.parse({}));
    // The run's clean/ texts, as the runner writes them (paragraphs joined by line breaks), for `govtext table`.
    dir = mkdtempSync(path.join(tmpdir(), 'govtext-counts-'));
    mkdirSync(path.join(dir, 'clean'));
    for (const d of corpus.documents) writeFileSync(path.join(dir, 'clean', `${d.doc_id}.txt`), `${d.paragraphs.join('\n')}\n`);
  }, 600_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it(`${name}: policy_terms count = substring count = kwic hits = table hits, for every lexicon term and document`, () => {
    const counted = corpus.documents.filter((d) => w.docIds.includes(d.doc_id));
    const table = new Map<string, number>();
    for (const r of policyTermRows(w)) table.set(`${r.doc_id}\t${r.term}`, r.count);
    let pairs = 0;
    let found = 0;
    for (const e of set.lexicon.entries) {
      const hits = new Map<string, number>();
      for (const r of kwic(corpus, set, segmentParams.parse({}), e.term, 5)) hits.set(r.doc_id, (hits.get(r.doc_id) ?? 0) + 1);
      const tableHits = termCounts(dir, w.docIds, e.term);
      for (const d of counted) {
        const want = substringCount(d.paragraphs, e.term);
        const at = `${d.doc_id}\t${e.term}`;
        expect(table.get(at) ?? 0, `policy_terms ${at}`).toBe(want);
        expect(hits.get(d.doc_id) ?? 0, `kwic ${at}`).toBe(want);
        expect(tableHits.get(d.doc_id) ?? 0, `table ${at}`).toBe(want);
        pairs++;
        if (want > 0) found++;
      }
    }
    expect(pairs).toBe(set.lexicon.entries.length * counted.length);
    expect(found).toBeGreaterThan(counted.length); // the check is not vacuous: terms do occur
  }, 600_000);
}

describe('counts on the samples', () => {
  checkAllCounts('samples', sampleCorpus);
});

describeWithNationalCorpus('counts on the development corpus', (corpusDir) => {
  checkAllCounts('national 1954-2017', () => ingest(listInputFiles([corpusDir], ROOT).map((f) => readSource(f, ROOT).source!), ingestParams.parse({})));

  it('the issue\'s nested terms are counted in full (科教兴国 23, not 1)', () => {
    const corpus = ingest(listInputFiles([corpusDir], ROOT).map((f) => readSource(f, ROOT).source!), ingestParams.parse({}));
    const set = phrases(corpus, phrasesParams.parse({ discover: false }));
    const all = (t: string) => corpus.documents.reduce((n, d) => n + substringCount(d.paragraphs, t), 0);
    const kw = (t: string) => kwic(corpus, set, segmentParams.parse({}), t, 5).length;
    for (const t of ['科教兴国', '社会主义市场经济', '小康社会', '四个现代化', '改革开放']) expect(kw(t), t).toBe(all(t));
    expect(all('科教兴国')).toBe(23);
  }, 600_000);
});

describe('the CLI on the samples', () => {
  let out: string;
  // Files the CLI writes go beside the run, never into it: a run folder holds only what govtext wrote.
  let scratch: string;
  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'govtext-cli-counts-'));
    scratch = mkdtempSync(path.join(tmpdir(), 'govtext-cli-scratch-'));
    execFileSync(process.execPath, [path.join(ROOT, 'bin/govtext.js'), 'run', 'pipelines/default.yaml', '--out', out], { cwd: ROOT, stdio: 'pipe' });
  }, 600_000);
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => execFileSync(process.execPath, [path.join(ROOT, 'bin/govtext.js'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  const csv = (f: string) => parseCsv(readFileSync(f, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

  it('table --value hits, kwic and policy_terms.csv agree with the clean/ text for a lexicon term and a string outside the lexicon', () => {
    const policy = csv(path.join(out, 'policy_terms.csv'));
    const clean = (id: string) => readFileSync(path.join(out, 'clean', `${id}.txt`), 'utf8').split('\n');
    const docs = csv(path.join(out, 'attention.csv')).map((r) => r.doc_id!);
    for (const term of ['乡村振兴', '高质量发展', '营商环境']) {
      const want = [...new Set(docs)].reduce((n, id) => n + substringCount(clean(id), term), 0);
      expect(want, term).toBeGreaterThan(0);
      expect(policy.filter((r) => r.term === term).reduce((n, r) => n + Number(r.count), 0), `policy_terms ${term}`).toBe(want);
      cli('table', out, '--term', term, '--value', 'hits', '--rows', 'level', '--out', path.join(scratch, 't.csv'));
      expect(csv(path.join(scratch, 't.csv')).reduce((n, r) => n + Number(r.all), 0), `table ${term}`).toBe(want);
      const kwicOut = path.join(scratch, 'k.csv');
      cli('kwic', term, '--out', kwicOut);
      expect(csv(kwicOut).length, `kwic ${term}`).toBe(want);
    }
  }, 600_000);

  it('writes phrase_adoption.csv, its by-year table and the adoption chart of report.html', () => {
    const adoption = csv(path.join(out, 'phrase_adoption.csv'));
    const phrasesCsv = csv(path.join(out, 'phrases.csv'));
    expect(adoption.length).toBeGreaterThan(0);
    // Every phrase's adopting regions are among the regions phrases.csv lists for it.
    const regions = new Map(phrasesCsv.map((r) => [r.phrase!, new Set(r.regions!.split(';'))]));
    for (const r of adoption) expect(regions.get(r.phrase!)?.has(r.region!), `${r.phrase} ${r.region}`).toBe(true);
    const byYear = csv(path.join(out, 'phrase_adoption_by_year.csv'));
    expect(byYear.length).toBeGreaterThan(0);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('data-chart="adoption"');
    const data = JSON.parse(/<script type="application\/json" id="govtext-data">([\s\S]*?)<\/script>/u.exec(html)![1]!) as { adoption: { years: number[]; series: { phrase: string; regions: number[] }[] } };
    expect(data.adoption.series.length).toBeGreaterThan(0);
    for (const s of data.adoption.series) {
      // The chart's last value is the phrase's number of adopting regions in phrase_adoption.csv.
      expect(s.regions.at(-1), s.phrase).toBe(adoption.filter((r) => r.phrase === s.phrase).length);
    }
  });

  it('keywords leave report filler out, and no numeral date or applause mark is a token', () => {
    const kw = csv(path.join(out, 'keywords.csv'));
    for (const filler of ['建设', '发展', '推进', '加快']) expect(kw.some((r) => r.term === filler), filler).toBe(false);
    const tokens = readFileSync(path.join(out, 'tokens.jsonl'), 'utf8').trim().split('\n').flatMap((l) => (JSON.parse(l) as { tokens: string[] }).tokens);
    expect(tokens.filter((t) => /^[〇零一二三四五六七八九]{2,4}年$|^(?:热烈)?鼓掌$/u.test(t))).toEqual([]);
  });

  it('a term that never occurs is said, not printed as a table of zeros', () => {
    const said = cli('table', out, '--term', '不存在的词语甲乙', '--value', 'hits');
    expect(said).toMatch(/occurs in none of the \d+ counted documents/u);
    expect(said).not.toMatch(/\t0/u);
  }, 120_000);
});
