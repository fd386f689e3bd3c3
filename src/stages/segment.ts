import { availableParallelism } from 'node:os';
import { tokenizerConfig } from '../segment/config.js';
import { loadJieba } from '../segment/jieba.js';
import { tokenizeInWorkers } from '../segment/pool.js';
import { IdTokenizer, Interner, type DocumentIds } from '../segment/tokenize.js';
import { releaseWarmSegment, segmentPlan, takeWarm } from '../segment/warm.js';
import { MB_PER_WORKER, workerCount } from '../segment/workers.js';
import { TermTrie } from '../text/trie.js';
import type { Corpus, Message } from '../artifacts/corpus.js';
import type { StageContext } from '../pipeline/context.js';
import type { PhraseSet } from '../artifacts/phrases.js';
import type { SegmentParams, TokenizedDocument, Tokens } from '../artifacts/tokens.js';

/** The stage's set-up hooks (the registry's warm and cool): worker threads started while earlier stages run. */
export { releaseWarmSegment, warmSegment } from '../segment/warm.js';

/**
 * Segment: every paragraph of every counted document -> tokens, with the
 * lexicon terms and compounded phrases kept whole (see segment/tokenize.ts),
 * stopwords, numbers, punctuation and single characters removed by default.
 * Large corpora are split over worker threads; the result does not depend
 * on how many.
 */
export async function segment(corpus: Corpus, phraseSet: PhraseSet, params: SegmentParams, ctx?: StageContext): Promise<Tokens> {
  const { docs, workers } = segmentPlan(corpus, params);
  const { filter, tiers: compounds } = tokenizerConfig(phraseSet, params);
  const started = workers > 1 ? takeWarm(workers) : undefined;
  // Warm workers that do not fit this run free their dictionaries.
  void releaseWarmSegment();

  // Ids in order of first occurrence in document order, for any number of workers.
  const vocab = new Interner();
  let tokenized: DocumentIds[];
  if (workers > 1) {
    const init = { compounds, filter: { ...filter, stopwords: [...filter.stopwords] } };
    tokenized = await tokenizeInWorkers(docs.map((d) => d.paragraphs), init, workers, 200_000, vocab, (done) => ctx?.progress(done, docs.length, 'documents'), started);
  } else {
    const jieba = loadJieba();
    const tokenizer = new IdTokenizer(jieba, compounds.map((terms) => new TermTrie(terms)), filter, vocab);
    tokenized = docs.map((d, i) => {
      ctx?.progress(i, docs.length, 'documents');
      return tokenizer.document(d.paragraphs);
    });
  }
  ctx?.progress(docs.length, docs.length, 'documents');
  const documents: TokenizedDocument[] = docs.map((d, i) => ({ doc_id: d.doc_id, ids: tokenized[i]!.ids, paragraphStarts: tokenized[i]!.paragraphStarts }));
  const messages: Message[] = [];
  if (workerCount(params.workers).capped) messages.push({ origin: 'segment:workers', text: `segment.workers=${params.workers} is more than the ${availableParallelism()} cores available: ${workerCount(params.workers).workers} used (each worker takes about ${MB_PER_WORKER} MB)` });
  for (const d of documents) if (d.ids.length === 0) messages.push({ origin: 'segment:empty', text: `${d.doc_id}: no tokens left after filtering` });
  return { vocab: vocab.strings, documents, messages, meta: { stage: 'segment', params, compounds: compounds[0]!.length + compounds[1]!.length, workers } };
}
