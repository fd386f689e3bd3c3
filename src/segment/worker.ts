import { parentPort, workerData } from 'node:worker_threads';
import { TermTrie } from '../text/trie.js';
import { loadJieba } from './jieba.js';
import { tokenizeDocument, type TokenFilter } from './tokenize.js';

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

export interface BatchResult {
  id: number;
  results: string[];
}

const init = workerData as WorkerInit;
const jieba = loadJieba();
const tiers = init.compounds.map((terms) => new TermTrie(terms));
const filter: TokenFilter = { ...init.filter, stopwords: new Set(init.filter.stopwords) };

parentPort!.on('message', (req: BatchRequest) => {
  const results = req.docs.map((paragraphs) => tokenizeDocument(paragraphs, jieba, tiers, filter));
  parentPort!.postMessage({ id: req.id, results } satisfies BatchResult);
});
