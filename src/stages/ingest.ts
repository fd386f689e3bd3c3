import { documentsOf } from '../ingest/documents.js';
import type { Source } from '../io/sources.js';
import type { Corpus, IngestParams } from '../artifacts/corpus.js';
import { stageContext, type StageContext } from '../pipeline/context.js';

/**
 * Ingest: decoded input files -> a corpus of documents with metadata,
 * paragraphs and sections. Pure: reads nothing from disk (the runner reads
 * and decodes the files).
 */
export function ingest(sources: readonly Source[], params: IngestParams, ctx: StageContext = stageContext()): Corpus {
  const { documents, messages, details } = documentsOf(sources, params, (done, total) => ctx.progress(done, total, 'records'));
  return { documents, messages, meta: { stage: 'ingest', params: { ...params }, details } };
}
