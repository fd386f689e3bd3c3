import { parentPort, workerData } from 'node:worker_threads';
import { TermTrie } from '../text/trie.js';
import { loadJieba, releaseJieba } from './jieba.js';
import { IdTokenizer, Interner, type TokenFilter } from './tokenize.js';

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

/** No more batches: the worker frees jieba's dictionaries and exits. */
export interface DoneRequest {
  done: true;
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
const tokenizer = new IdTokenizer(jieba, tiers, filter, vocab);

parentPort!.on('message', (req: BatchRequest | DoneRequest) => {
  if ('done' in req) {
    // nodejieba never frees its dictionaries itself, not even when the thread ends (0.25 GB per worker).
    releaseJieba();
    parentPort!.close();
    return;
  }
  const known = vocab.strings.length;
  const docs = req.docs.map((paragraphs) => tokenizer.document(paragraphs));
  const ids = docs.map((d) => d.ids);
  const paragraphStarts = docs.map((d) => d.paragraphStarts);
  const msg: BatchResult = { id: req.id, ids, paragraphStarts, newTokens: vocab.strings.slice(known) };
  parentPort!.postMessage(msg, [...ids, ...paragraphStarts].map((a) => a.buffer as ArrayBuffer));
});
