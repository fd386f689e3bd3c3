import { writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { applyOverrides, loadPipeline } from '../pipeline/spec.js';
import { readSources } from '../io/read.js';
import { ingestParams, type IngestParams } from '../artifacts/corpus.js';
import { phrasesParams, type PhrasesParams } from '../artifacts/phrases.js';
import { segmentParams, type SegmentParams } from '../artifacts/tokens.js';
import { toCsv } from '../output/csv.js';
import { KWIC_COLUMNS, kwic } from '../weigh/kwic.js';
import { formatMessage } from './messages.js';
import { INGEST_STAGE, PHRASES_STAGE } from '../pipeline/registry.js';
import { silentContext } from '../pipeline/context.js';

/** `govtext kwic TERM`: runs the pipeline's ingest and phrases stages in memory and lists the hits of TERM. */
export async function runKwic(term: string, opts: { input: string[]; pipeline: string; set: string[]; window: number; out?: string }): Promise<void> {
  if (term.trim() === '') throw new UsageError('kwic: the term is empty');
  const pipeline = applyOverrides(loadPipeline(opts.pipeline), opts.set);
  const paramsOf = <T>(name: string, schema: { parse(v: unknown): T }): T => (pipeline.stages.find((s) => s.name === name)?.params as T | undefined) ?? schema.parse({});
  const { sources } = readSources(opts.input.length ? opts.input : ['data/raw'], process.cwd(), (m) => process.stderr.write(`${formatMessage(m)}\n`));
  // The stages as the registry defines them: the CLI reaches stages only through it.
  const corpus = await INGEST_STAGE.run({ sources }, paramsOf<IngestParams>('ingest', ingestParams), silentContext);
  const set = await PHRASES_STAGE.run({ sources: [], corpus }, paramsOf<PhrasesParams>('phrases', phrasesParams), silentContext);
  const rows = kwic(corpus, set, paramsOf<SegmentParams>('segment', segmentParams), term, opts.window);
  const table = { columns: KWIC_COLUMNS, rows: rows.map((r) => [r.doc_id, r.region, r.year, r.section, r.paragraph, r.left, r.term, r.right]) };
  if (opts.out) {
    writeFileSync(opts.out, toCsv(table));
    process.stdout.write(`${opts.out}\n`);
  } else {
    for (const r of rows) process.stdout.write(`${r.doc_id}\t${r.year ?? ''}\t${r.region}\t${r.section}\t${r.paragraph}\t${r.left.padStart(opts.window, '　')}【${r.term}】${r.right}\n`);
  }
  const docs = new Set(rows.map((r) => r.doc_id)).size;
  process.stderr.write(`govtext kwic: ${rows.length} hit(s) of ${term} in ${docs} document(s)\n`);
}
