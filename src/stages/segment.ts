import { availableParallelism } from 'node:os';
import { tokenizerConfig } from '../segment/config.js';
import { loadJieba } from '../segment/jieba.js';
import { tokenizeInWorkers } from '../segment/pool.js';
import { IdTokenizer, Interner, type DocumentIds } from '../segment/tokenize.js';
import { segmentPlan, WarmWorkers } from '../segment/warm.js';
import { MB_PER_WORKER, workerCount } from '../segment/workers.js';
import { TermTrie } from '../text/trie.js';
import type { Corpus, Message } from '../artifacts/corpus.js';
import { stageContext, type RunScope, type RunState, type StageContext } from '../pipeline/context.js';
import type { PhraseSet } from '../artifacts/phrases.js';
import type { SegmentParams, TokenizedDocument, Tokens } from '../artifacts/tokens.js';

/** The segmentation workers a run started ahead (the registry's `warm`), ended with the run's scope if segment never takes them. */
const WARM: RunState<WarmWorkers> = { name: 'segment: warm workers', make: () => new WarmWorkers(), dispose: (w) => w.release() };

/** The stage's set-up (the registry's `warm`): starts the worker threads segment() will take from `scope`, while earlier stages run. */
export function warmSegment(corpus: Corpus, params: SegmentParams, scope: RunScope): void {
  scope.get(WARM).start(corpus, params);
}

/**
 * Segment: every paragraph of every counted document -> tokens, with the
 * lexicon terms and compounded phrases kept whole (see segment/tokenize.ts),
 * stopwords, numbers, punctuation and single characters removed by default.
 * Large corpora are split over worker threads; the result does not depend
 * on how many.
 */
export async function segment(corpus: Corpus, phraseSet: PhraseSet, params: SegmentParams, ctx: StageContext = stageContext()): Promise<Tokens> {
  const { docs, workers } = segmentPlan(corpus, params);
  const { filter, tiers: compounds } = tokenizerConfig(phraseSet, params);
  const warm = ctx.scope.has(WARM) ? ctx.scope.get(WARM) : undefined;
  const started = workers > 1 ? warm?.take(workers) : undefined;
  // Warm workers that do not fit this run free their dictionaries.
  void warm?.release();

  // Ids in order of first occurrence in document order, for any number of workers.
  const vocab = new Interner();
  let tokenized: DocumentIds[];
  if (workers > 1) {
    const init = { compounds, filter: { ...filter, stopwords: [...filter.stopwords] } };
    tokenized = await tokenizeInWorkers(docs.map((d) => ctx.text.paragraphs(d)), init, workers, 200_000, vocab, (done) => ctx.progress(done, docs.length, 'documents'), started);
  } else {
    const jieba = loadJieba();
    const tokenizer = new IdTokenizer(jieba, compounds.map((terms) => new TermTrie(terms)), filter, vocab);
    tokenized = docs.map((d, i) => {
      ctx.progress(i, docs.length, 'documents');
      return tokenizer.document(ctx.text.paragraphs(d));
    });
  }
  ctx.progress(docs.length, docs.length, 'documents');
  const documents: TokenizedDocument[] = docs.map((d, i) => ({ doc_id: d.doc_id, ids: tokenized[i]!.ids, paragraphStarts: tokenized[i]!.paragraphStarts }));
  const messages: Message[] = [];
  if (workerCount(params.workers).capped) messages.push({ origin: 'segment:workers', text: `segment.workers=${params.workers} is more than the ${availableParallelism()} cores available: ${workerCount(params.workers).workers} used (each worker takes about ${MB_PER_WORKER} MB)` });
  for (const d of documents) if (d.ids.length === 0) messages.push({ origin: 'segment:empty', text: `${d.doc_id}: no tokens left after filtering` });
  return { vocab: vocab.strings, documents, messages, meta: { stage: 'segment', params, compounds: compounds[0]!.length + compounds[1]!.length, workers } };
}
