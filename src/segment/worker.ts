import { parentPort, workerData } from 'node:worker_threads';
import { TermTrie } from '../text/trie.js';
import { loadJieba } from './jieba.js';
import { Interner, tokenizeDocumentIds, type TokenFilter } from './tokenize.js';

/** A segmentation worker: loads jieba and the compounds once, then tokenizes batches of documents. */
export interface WorkerInit {
  /** Compound tiers in order of precedence (lexicon terms, then discovered phrases). */
  compounds: string[][];
  filter: Omit<TokenFilter, 'stopwords'> & { stopwords: string[] };
}

export interface BatchRequest {
  id: number;
  docs: string[][];
}

/**
 * A batch's documents as ids of the worker's own vocabulary, and the tokens
 * that vocabulary gained with this batch (the main thread maps them to
 * global ids in document order).
 */
export interface BatchResult {
  id: number;
  ids: Uint32Array[];
  paragraphStarts: Uint32Array[];
  newTokens: string[];
}

const init = workerData as WorkerInit;
const jieba = loadJieba();
const tiers = init.compounds.map((terms) => new TermTrie(terms));
const filter: TokenFilter = { ...init.filter, stopwords: new Set(init.filter.stopwords) };
const vocab = new Interner();

parentPort!.on('message', (req: BatchRequest) => {
  const known = vocab.strings.length;
  const docs = req.docs.map((paragraphs) => tokenizeDocumentIds(paragraphs, jieba, tiers, filter, vocab));
  const ids = docs.map((d) => d.ids);
  const paragraphStarts = docs.map((d) => d.paragraphStarts);
  const msg: BatchResult = { id: req.id, ids, paragraphStarts, newTokens: vocab.strings.slice(known) };
  parentPort!.postMessage(msg, [...ids, ...paragraphStarts].map((a) => a.buffer as ArrayBuffer));
});
