import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { packageRoot } from '../paths.js';
import { applyOverrides, loadPipeline } from '../pipeline/spec.js';
import { checkOutFile, explainFileWriteError } from '../pipeline/outdir.js';
import { readSources } from '../io/read.js';
import { ingestParams, type IngestParams } from '../artifacts/corpus.js';
import { phrasesParams, type PhrasesParams } from '../artifacts/phrases.js';
import { segmentParams, type SegmentParams } from '../artifacts/tokens.js';
import { toCsv } from '../output/csv.js';
import { KWIC_COLUMNS, kwic } from '../weigh/kwic.js';
import { describeIgnored } from '../text/count.js';
import { formatMessage } from './messages.js';
import { INGEST_STAGE, PHRASES_STAGE } from '../pipeline/registry.js';
import { stageContext } from '../pipeline/context.js';

/** `govtext kwic TERM`: runs the pipeline's ingest and phrases stages in memory and lists every occurrence of TERM (any string). */
export async function runKwic(term: string, opts: { input: string[]; pipeline: string; set: string[]; window: number; out?: string }): Promise<void> {
  if (term.trim() === '') throw new UsageError('kwic: the term is empty');
  // The default pipeline is the package's own when the working folder has none (govtext run from outside the clone).
  const file = opts.pipeline === 'pipelines/default.yaml' && !existsSync(opts.pipeline) ? path.join(packageRoot(), opts.pipeline) : opts.pipeline;
  const pipeline = applyOverrides(loadPipeline(file), opts.set);
  const paramsOf = <T>(name: string, schema: { parse(v: unknown): T }): T => (pipeline.stages.find((s) => s.name === name)?.params as T | undefined) ?? schema.parse({});
  const inputs = opts.input.length ? opts.input : ['data/raw'];
  // Said aloud: run outside the clone, data/raw is another folder (or none).
  if (!opts.input.length) process.stderr.write(`govtext kwic: no --input given: reading ${path.resolve('data/raw')}\n`);
  if (opts.out) checkOutFile(opts.out, inputs, process.cwd());
  const ingest = paramsOf<IngestParams>('ingest', ingestParams);
  // The same size limit as `govtext run` (ingest.max_file_mb): an oversized file is skipped before it is read.
  const { sources } = readSources(inputs, process.cwd(), (m) => process.stderr.write(`${formatMessage(m)}\n`), ingest.max_file_mb * 2 ** 20);
  // The stages as the registry defines them: the CLI reaches stages only through it.
  const corpus = await INGEST_STAGE.run({ sources }, ingest, stageContext());
  const set = await PHRASES_STAGE.run({ sources: [], corpus }, paramsOf<PhrasesParams>('phrases', phrasesParams), stageContext());
  const rows = kwic(corpus, set, paramsOf<SegmentParams>('segment', segmentParams), term, opts.window);
  const table = { columns: KWIC_COLUMNS, rows: rows.map((r) => [r.doc_id, r.region, r.year, r.section, r.paragraph, r.left, r.term, r.right]) };
  if (opts.out) {
    try {
      writeFileSync(opts.out, toCsv(table));
    } catch (err) {
      throw explainFileWriteError(err, opts.out);
    }
    process.stdout.write(`${opts.out}\n`);
  } else {
    for (const r of rows) process.stdout.write(`${r.doc_id}\t${r.year ?? ''}\t${r.region}\t${r.section}\t${r.paragraph}\t${r.left.padStart(opts.window, '　')}【${r.term}】${r.right}\n`);
  }
  const docs = new Set(rows.map((r) => r.doc_id)).size;
  const counted = corpus.documents.filter((d) => (paramsOf<SegmentParams>('segment', segmentParams).kinds as string[]).includes(d.kind)).length;
  if (rows.length === 0) process.stderr.write(`govtext kwic: ${term} occurs in none of the ${counted} counted document(s) (searched in the cleaned text, ${describeIgnored(set.meta.params.match_ignore)})\n`);
  else process.stderr.write(`govtext kwic: ${rows.length} hit(s) of ${term} in ${docs} of ${counted} document(s) (every occurrence in the cleaned text, as policy_terms.csv counts it)\n`);
}
