import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import type { Manifest } from '../../src/artifacts/run.js';
import type { StageDefinition } from '../../src/pipeline/registry.js';
import { loadPipeline, type Pipeline } from '../../src/pipeline/spec.js';
import { snapshot } from '../fixtures/files.js';

/*
 * runPipeline end to end on report files written by the test: the output
 * folder contract (SPEC "Output folder contract"), atomic replacement of the
 * output folder, and repeatable runs.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const INGEST_YAML = path.join(ROOT, 'pipelines/ingest.yaml');
const quiet = createProgress(process.stderr, true);

const fold = (s: string) => s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

interface Spec {
  file: string;
  county: string;
  province: string;
  speaker: string;
  year: number;
  month: number;
  day: number;
}
const SPECS: Spec[] = [
  { file: 'raw/jiaocheng.txt', county: '交城县', province: '山西省', speaker: '王建国', year: 2022, month: 1, day: 10 },
  { file: 'raw/sub/wugong.txt', county: '武功县', province: '陕西省', speaker: '李志强', year: 2023, month: 1, day: 8 },
];

/** 13 lines, one paragraph each: 1 title, 2 meeting, 3 speaker, 4-5 opening, 6 review heading, 7-9, 10 plan heading, 11-13. */
function reportLines(s: Spec): string[] {
  return [
    `${s.county}${s.year}年政府工作报告`,
    `——${s.year}年${s.month}月${s.day}日在${s.county}第十七届人民代表大会第二次会议上`,
    `县长 ${s.speaker}`,
    '各位代表：',
    '现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。',
    `一、${s.year - 1}年工作回顾`,
    `过去的一年，面对复杂严峻的形势，${s.county}全县上下坚持稳中求进工作总基调，统筹疫情防控和经济社会发展，较好地完成了全年目标任务。`,
    `产业转型步伐加快，工业经济稳步回升，现代农业提质增效，文化旅游融合发展，${s.county}经济综合实力明显增强，群众获得感持续提升。`,
    `民生福祉持续改善，${s.county}教育医疗养老等公共服务水平不断提高，城乡居民收入稳步增长，社会大局和谐稳定，各项社会事业全面进步。`,
    `二、${s.year}年工作安排`,
    `${s.year}年是承上启下的关键之年，做好今年的工作意义重大，我们要坚定信心，真抓实干，奋力开创${s.county}高质量发展新局面。`,
    `今年${s.county}经济社会发展的主要预期目标是：地区生产总值增长百分之六左右，一般公共预算收入稳步增长，城乡居民收入与经济增长基本同步。`,
    `围绕上述目标，${s.county}重点抓好以下工作：着力扩大有效需求，加快建设现代化产业体系，全面推进乡村振兴，持续保障和改善民生。`,
  ];
}
const docIdOf = (s: Spec) => path.basename(s.file, '.txt');

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-runner-'));
  out = path.join(dir, 'out');
  for (const s of SPECS) {
    mkdirSync(path.dirname(path.join(dir, s.file)), { recursive: true });
    writeFileSync(path.join(dir, s.file), `${reportLines(s).join('\n')}\n`);
  }
  writeFileSync(path.join(dir, 'raw/empty.txt'), ''); // read, skipped, listed in the manifest
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = (pipeline: Pipeline = loadPipeline(INGEST_YAML), outDir = out) =>
  runPipeline(pipeline, { inputs: ['raw'], out: outDir, cwd: dir, progress: quiet });


const leftovers = () => readdirSync(dir).filter((n) => n.startsWith('.out.tmp-') || n.includes('.previous'));

describe('runPipeline output folder', () => {
  it('writes corpus.csv, sections.csv, clean/ and manifest.json as the SPEC says', async () => {
    const result = await run();
    expect(result.out).toBe(out);

    // corpus.csv: UTF-8 BOM, the SPEC header, one row per report with its metadata.
    const corpusText = readFileSync(path.join(out, 'corpus.csv'), 'utf8');
    expect(corpusText.charCodeAt(0)).toBe(0xfeff);
    const corpus = parseCsv(corpusText, { bom: true }) as string[][];
    expect(corpus[0]).toEqual(['doc_id', 'title', 'region', 'level', 'province', 'year', 'meeting_date', 'session', 'speaker', 'kind', 'source_file', 'chars', 'paragraphs']);
    const byId = new Map(corpus.slice(1).map((r) => [r[0], r]));
    expect(byId.size).toBe(2);
    for (const s of SPECS) {
      const paras = reportLines(s).map(fold);
      const chars = paras.reduce((n, p) => n + p.length, 0);
      const mm = String(s.month).padStart(2, '0');
      const dd = String(s.day).padStart(2, '0');
      expect(byId.get(docIdOf(s))).toEqual([
        docIdOf(s),
        `${s.county}${s.year}年政府工作报告`,
        s.county,
        'county',
        s.province,
        String(s.year),
        `${s.year}-${mm}-${dd}`,
        '第十七届人民代表大会第二次会议',
        s.speaker,
        'report',
        s.file,
        String(chars),
        '13',
      ]);

      // clean/DOC_ID.txt: one paragraph per line.
      expect(readFileSync(path.join(out, 'clean', `${docIdOf(s)}.txt`), 'utf8')).toBe(`${paras.join('\n')}\n`);
    }

    // sections.csv: the opening, the review and the plan of each report.
    const sectionsText = readFileSync(path.join(out, 'sections.csv'), 'utf8');
    expect(sectionsText.charCodeAt(0)).toBe(0xfeff);
    const sections = parseCsv(sectionsText, { bom: true }) as string[][];
    expect(sections[0]).toEqual(['doc_id', 'section', 'heading', 'first_paragraph', 'last_paragraph', 'chars']);
    for (const s of SPECS) {
      const paras = reportLines(s).map(fold);
      const chars = (a: number, b: number) => String(paras.slice(a - 1, b).reduce((n, p) => n + p.length, 0));
      expect(sections.filter((r) => r[0] === docIdOf(s))).toEqual([
        [docIdOf(s), 'other', '', '1', '5', chars(1, 5)],
        [docIdOf(s), 'review', `一、${s.year - 1}年工作回顾`, '6', '9', chars(6, 9)],
        [docIdOf(s), 'plan', `二、${s.year}年工作安排`, '10', '13', chars(10, 13)],
      ]);
    }

    // manifest.json: inputs with their sha256, counts, timings per stage.
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    const sha = (rel: string) => createHash('sha256').update(readFileSync(path.join(dir, rel))).digest('hex');
    const inputs = new Map(manifest.inputs.map((i) => [i.file, i]));
    for (const s of SPECS) {
      expect(inputs.get(s.file)?.sha256).toBe(sha(s.file));
      expect(inputs.get(s.file)?.status).toBe('read');
    }
    expect(inputs.get('raw/empty.txt')?.status).toBe('skipped');
    expect(inputs.get('raw/empty.txt')?.sha256).toBe(sha('raw/empty.txt'));
    expect(manifest.counts).toMatchObject({ input_files: 2, documents: 2, reports: 2, other: 0, paragraphs: 26, sections: 6 });
    expect(typeof manifest.timings_ms.ingest).toBe('number');
    expect(typeof manifest.timings_ms.total).toBe('number');
    expect(manifest.pipeline.stages.map((s) => s.name)).toEqual(['ingest']);
    // The skipped empty file is a warning in the manifest.
    expect(manifest.warnings.some((w) => w.file === 'raw/empty.txt')).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('two runs on the same input write identical files (manifest equal but for timings)', async () => {
    await run();
    const first = snapshot(out);
    await run();
    const second = snapshot(out);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [file, bytes] of first) {
      if (file === 'manifest.json') continue;
      expect(second.get(file)?.equals(bytes), file).toBe(true);
    }
    const strip = (b: Buffer) => {
      const m = JSON.parse(b.toString('utf8')) as Partial<Manifest>;
      delete m.timings_ms;
      return m;
    };
    expect(strip(second.get('manifest.json')!)).toEqual(strip(first.get('manifest.json')!));
    expect(leftovers()).toEqual([]);
  });
});

describe('runPipeline manifest', () => {
  // BUG (src/pipeline/runner.ts, manifest.pipeline.sha256): `file` is resolved
  // against opts.cwd, but the hash reads `pipeline.file` relative to
  // process.cwd(), so with a cwd option the hash is of another file or ''.
  // Fix: hash path.resolve(cwd, pipeline.file).
  it('hashes the pipeline file relative to the cwd option', async () => {
    const text = 'name: mine\nstages:\n  - ingest\n';
    mkdirSync(path.join(dir, 'pipelines'));
    writeFileSync(path.join(dir, 'pipelines/mine.yaml'), text);
    const pipeline = loadPipeline(path.join(dir, 'pipelines/mine.yaml'));
    const result = await run({ ...pipeline, file: 'pipelines/mine.yaml' });
    expect(result.manifest.pipeline.file).toBe('pipelines/mine.yaml');
    expect(result.manifest.pipeline.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });
});

describe('runPipeline failures', () => {
  /** A stage after ingest that always throws: the run fails after ingest wrote its files to the temp folder. */
  const boom: StageDefinition = {
    name: 'boom',
    summary: 'fails on purpose',
    params: z.object({}),
    needs: ['corpus'],
    makes: 'corpus',
    run: () => {
      throw new Error('stage failed on purpose');
    },
    messagesOf: () => [],
  };
  const failing = (): Pipeline => {
    const p = loadPipeline(INGEST_YAML);
    return { ...p, stages: [...p.stages, { name: 'boom', params: {}, definition: boom, line: 0 }] };
  };

  it('leaves the previous output byte-identical and no temporary folder behind', async () => {
    await run();
    const before = snapshot(out);
    await expect(run(failing())).rejects.toThrow('stage failed on purpose');
    const after = snapshot(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('creates no output folder when there was none before', async () => {
    await expect(run(failing())).rejects.toThrow('stage failed on purpose');
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('an output folder under a regular file is an InputError naming the folder', async () => {
    writeFileSync(path.join(dir, 'afile'), 'not a folder');
    const bad = path.join(dir, 'afile', 'out');
    const err = await run(undefined, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(bad);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  // BUG (src/pipeline/runner.ts, publish): whatever stands at --out is renamed
  // away and deleted, whatever it is. A regular file given by mistake
  // (--out notes.csv) is silently replaced by a folder.
  // Fix: before a run, refuse (InputError) an --out that exists and is not a
  // folder, or is a folder that is neither empty nor a previous govtext output
  // (has no manifest.json).
  it('refuses to replace a regular file at --out and keeps the file', async () => {
    const notes = path.join(dir, 'notes.csv');
    writeFileSync(notes, 'my own notes\n');
    const err = await run(undefined, notes).catch((e: unknown) => e);
    expect(statSync(notes).isFile()).toBe(true);
    expect(readFileSync(notes, 'utf8')).toBe('my own notes\n');
    expect(err).toBeInstanceOf(InputError);
  });

  // BUG (same place): --out pointing at the input folder deletes the inputs:
  // the folder is replaced by the output, so the reports the user scraped are gone.
  // Fix: refuse an --out that equals or contains an input path (and see above).
  it('refuses an --out that is the input folder and leaves the inputs alone', async () => {
    const input = path.join(dir, SPECS[0]!.file);
    const original = readFileSync(input);
    const err = await run(undefined, path.join(dir, 'raw')).catch((e: unknown) => e);
    expect(existsSync(input) && readFileSync(input).equals(original)).toBe(true);
    expect(err).toBeInstanceOf(InputError);
  });

  it('an input path that does not exist is an InputError and nothing is written', async () => {
    const err = await runPipeline(loadPipeline(INGEST_YAML), { inputs: ['raw/missing'], out, cwd: dir, progress: quiet }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain('raw/missing');
    expect(existsSync(out)).toBe(false);
  });
});
