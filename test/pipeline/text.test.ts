import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { loadPipeline } from '../../src/pipeline/spec.js';
import { FolderText } from '../../src/pipeline/text.js';
import { WRITERS } from '../../src/output/writers.js';
import { documentChars, documentText, paragraphCount, type Corpus, type Document } from '../../src/artifacts/corpus.js';
import { tokenCount } from '../../src/artifacts/tokens.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const quiet = createProgress(process.stderr, true);

function doc(doc_id: string, paragraphs: string[]): Document {
  return {
    doc_id,
    source_file: `raw/${doc_id}.txt`,
    paragraphs,
    sections: [],
    title: doc_id,
    region: null,
    level: null,
    province: null,
    year: null,
    meeting_date: null,
    session: null,
    speaker: null,
    kind: 'report',
  } as unknown as Document;
}

const isReleased = (d: Document) => d.released !== undefined && d.paragraphs.length === 0;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-text-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('FolderText', () => {
  const texts: [string, string[]][] = [
    ['a', ['一、工作回顾', '地区生产总值增长6.5%，“十四五”开局良好。', '']],
    ['b', []],
    ['c', ['']],
  ];
  const corpusOf = (): Corpus => ({ documents: texts.map(([id, p]) => doc(id, [...p])), messages: [], meta: { stage: 'ingest', params: {} } });

  it('lets go of the text and reads each document back from clean/ as it was; counts need no read', async () => {
    const corpus = corpusOf();
    await WRITERS.corpus!(corpus, dir, () => {}, { sources: [], corpus });
    const text = new FolderText(dir);
    expect(text.release(corpus)).toBe(true);
    for (const [i, [, paragraphs]] of texts.entries()) {
      const d = corpus.documents[i]!;
      // The artifact no longer holds the strings: the store reads them from the file.
      expect(isReleased(d)).toBe(true);
      expect(text.paragraphs(d)).toEqual(paragraphs);
    }
    // Counts were taken when the text was let go: they hold without the files.
    rmSync(path.join(dir, 'clean'), { recursive: true });
    expect(corpus.documents.map(paragraphCount)).toEqual([3, 0, 1]);
    // 一、工作回顾: 6; 地区生产总值增长 8 + 6.5% 4 + ， 1 + “十四五” 5 + 开局良好。 5 = 23.
    expect(corpus.documents.map(documentChars)).toEqual([6 + 23, 0, 0]);
    // The last document read stays; another one needs its file.
    expect(text.paragraphs(corpus.documents[2]!)).toEqual(['']);
    expect(() => text.paragraphs(corpus.documents[0]!)).toThrow(/ENOENT/);
  });

  it('a released corpus is plain data: JSON.stringify reads no file and holds no paragraph, a store of its own reads the text back', async () => {
    const corpus = corpusOf();
    await WRITERS.corpus!(corpus, dir, () => {}, { sources: [], corpus });
    new FolderText(dir).release(corpus);
    const cleanDir = path.join(dir, 'clean');
    const files = readdirSync(cleanDir);
    // Without clean/, serialising (what a getter over the files could not do) still works and gives only counts.
    renameSync(cleanDir, `${cleanDir}.away`);
    const json = JSON.stringify(corpus);
    expect(json).not.toContain('工作回顾');
    expect(JSON.parse(json).documents[0]).toMatchObject({ doc_id: 'a', paragraphs: [], released: { paragraphs: 3, chars: 29 } });
    renameSync(`${cleanDir}.away`, cleanDir);
    expect(readdirSync(cleanDir)).toEqual(files);
    // A second store over the same folder shares no cache with the first: it reads the file.
    expect(new FolderText(dir).paragraphs(corpus.documents[0]!)).toEqual(texts[0]![1]);
    // The default store (a stage called on its own) says where the text went instead of giving nothing.
    expect(() => documentText.paragraphs(corpus.documents[0]!)).toThrow(/a: the run let go of this document's text/);
  });

  it('says which file does not give back what was written (a changed output folder)', async () => {
    const corpus = corpusOf();
    await WRITERS.corpus!(corpus, dir, () => {}, { sources: [], corpus });
    const text = new FolderText(dir);
    text.release(corpus);
    writeFileSync(path.join(dir, 'clean', 'a.txt'), '一、工作回顾\n');
    expect(() => text.paragraphs(corpus.documents[0]!)).toThrow(/a\.txt: 1 paragraphs read back, 3 written \(was the output folder changed during the run\?\)/);
  });

  it('keeps the text when a paragraph holds a line break (clean/ could not give it back)', async () => {
    const corpus = corpusOf();
    corpus.documents[1]!.paragraphs = ['两行\n的段落'];
    await WRITERS.corpus!(corpus, dir, () => {}, { sources: [], corpus });
    expect(new FolderText(dir).release(corpus)).toBe(false);
    expect(corpus.documents.some(isReleased)).toBe(false);
  });
});

describe('runPipeline lets go of the corpus text after segment', () => {
  const pipelineFile = () => {
    const file = path.join(dir, 'text.yaml');
    writeFileSync(file, 'name: text\ndescription: stages after segment that read text\nstages:\n  - ingest\n  - phrases\n  - segment\n  - indicators\n');
    return loadPipeline(file);
  };
  const run = (out: string, keepText?: boolean) => runPipeline(pipelineFile(), { inputs: ['data/raw'], out: path.join(dir, out), cwd: ROOT, progress: quiet, keepText });

  it('indicators, which reads every paragraph after segment, finds the same figures; the artifact reads clean/ of the output', async () => {
    const released = await run('released');
    const kept = await run('kept', true);
    const read = (r: typeof kept, f: string) => readFileSync(path.join(r.out, f), 'utf8');
    for (const f of ['indicators.csv', 'targets.csv', 'tokens.jsonl', 'corpus.csv']) expect(read(released, f), f).toBe(read(kept, f));
    expect(released.manifest.counts).toEqual(kept.manifest.counts);
    expect(released.artifacts.indicators!.rows.length).toBeGreaterThan(50);

    const rd = released.artifacts.corpus!.documents;
    const kd = kept.artifacts.corpus!.documents;
    expect(rd.every(isReleased)).toBe(true);
    expect(kd.some(isReleased)).toBe(false);
    // Read back from the published folder (the temporary one is gone), string for string.
    expect(rd.map((d) => released.text.paragraphs(d))).toEqual(kd.map((d) => kept.text.paragraphs(d)));
    expect(kd.map((d) => kept.text.paragraphs(d))).toEqual(kd.map((d) => d.paragraphs));
  });

  it('keeps the text when the last stage is the one that reads it all', async () => {
    const file = path.join(dir, 'seg.yaml');
    writeFileSync(file, 'name: seg\ndescription: up to segment\nstages:\n  - ingest\n  - phrases\n  - segment\n');
    const r = await runPipeline(loadPipeline(file), { inputs: ['data/raw'], out: path.join(dir, 'seg'), cwd: ROOT, progress: quiet });
    expect(r.artifacts.corpus!.documents.some(isReleased)).toBe(false);
  });
});

describe('runPipeline lets go of the token ids after the last stage that reads them', () => {
  const pipelineFile = (stages: string[]) => {
    const file = path.join(dir, `tok-${stages.length}.yaml`);
    writeFileSync(file, `name: tok\ndescription: token ids\nstages:\n${stages.map((s) => `  - ${s}\n`).join('')}`);
    return loadPipeline(file);
  };
  const full = ['ingest', 'phrases', 'segment', 'weigh', 'cluster', 'report'];
  const run = (out: string, stages: string[], keepTokens?: boolean) => runPipeline(pipelineFile(stages), { inputs: ['data/raw'], out: path.join(dir, out), cwd: ROOT, progress: quiet, keepTokens });
  /** Each document's tokens in tokens.jsonl, read back. */
  const jsonl = (out: string) => readFileSync(path.join(out, 'tokens.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { doc_id: string; tokens: string[] });

  it('keeps each document\'s count (dtm_documents.csv says the same), and the same files as a run that keeps them', async () => {
    const released = await run('tok-released', full);
    const kept = await run('tok-kept', full, true);
    const written = jsonl(released.out);
    const rd = released.artifacts.tokens!.documents;
    expect(rd.every((d) => d.released !== undefined && d.ids.length === 0)).toBe(true);
    expect(rd.map((d) => [d.doc_id, tokenCount(d)])).toEqual(written.map((d) => [d.doc_id, d.tokens.length]));
    const kd = kept.artifacts.tokens!.documents;
    expect(kd.some((d) => d.released)).toBe(false);
    expect(kd.map((d) => Array.from(d.ids, (id) => kept.artifacts.tokens!.vocab[id]))).toEqual(written.map((d) => d.tokens));
    const dtmDocs = readFileSync(path.join(released.out, 'dtm_documents.csv'), 'utf8').trim().split('\r\n').slice(1).map((l) => Number(l.split(',').at(-1)));
    expect(dtmDocs).toEqual(written.map((d) => d.tokens.length));
    for (const f of ['dtm.mtx', 'dtm_documents.csv', 'corpus.csv', 'tfidf.csv', 'themes.csv', 'summary.md']) expect(readFileSync(path.join(released.out, f), 'utf8'), f).toBe(readFileSync(path.join(kept.out, f), 'utf8'));
  });

  it('collects garbage after every stage (after the ids are let go) and before the outputs, when node exposes gc (govtext run does)', async () => {
    const g = globalThis as { gc?: () => void };
    const had = g.gc;
    const calls: number[] = [];
    g.gc = () => calls.push(Date.now());
    try {
      await run('tok-gc', full);
      const released = calls.length;
      calls.length = 0;
      await run('tok-gc-kept', full, true);
      // One collection a stage and one before the outputs, whether the ids are let go or kept.
      expect(calls.length).toBe(full.length + 1);
      expect(released).toBe(full.length + 1);
    } finally {
      g.gc = had;
    }
  });

  it('keeps them when no weigh stage stands in for them (dtm.mtx is then built from the ids)', async () => {
    const r = await run('tok-seg', ['ingest', 'phrases', 'segment']);
    expect(r.artifacts.tokens!.documents.some((d) => d.released)).toBe(false);
  });
});
