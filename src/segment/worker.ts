import { loadJieba } from './jieba.js';
import { IdTokenizer, Interner, type TokenFilter } from './tokenize.js';

/**
 * A segmentation worker (a child process, see pool.ts): loads jieba as soon
 * as it starts (about 2 s, so a worker started early loads it while the
 * main process runs other stages), then takes the compounds and the filter
 * in its first message and tokenizes batches of documents.
 */
export interface WorkerInit {
  /** Compound tiers in order of precedence (lexicon terms, then discovered phrases). */
  compounds: string[][];
  filter: Omit<TokenFilter, 'stopwords'> & { stopwords: string[] };
}

/** The first message: what the tokenizer needs (known only after the phrases stage). */
export interface InitRequest {
  init: WorkerInit;
}

export interface BatchRequest {
  id: number;
  docs: string[][];
}

/** No more batches: the worker exits (and its memory goes back to the system). */
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

// The run ended or was stopped (its channel closed): nothing to send the tokens to.
process.on('disconnect', () => process.exit(0));

const jieba = loadJieba();
const vocab = new Interner();
let tokenizer: IdTokenizer | undefined;

process.on('message', (req: InitRequest | BatchRequest | DoneRequest) => {
  if ('done' in req) {
    // The channel let go, nothing is left to wait for: the process ends (code 0). Not process.disconnect() here:
    // it would close the channel under Node's loop over the other messages read with this one.
    process.removeAllListeners('message');
    process.channel?.unref();
    return;
  }
  if ('init' in req) {
    const filter: TokenFilter = { ...req.init.filter, stopwords: new Set(req.init.filter.stopwords) };
    tokenizer = new IdTokenizer(jieba, req.init.compounds, filter, vocab);
    return;
  }
  if (!tokenizer) throw new Error('segmentation worker: a batch came before its init');
  const known = vocab.strings.length;
  const docs = req.docs.map((paragraphs) => tokenizer!.document(paragraphs));
  const ids = docs.map((d) => d.ids);
  const paragraphStarts = docs.map((d) => d.paragraphStarts);
  const msg: BatchResult = { id: req.id, ids, paragraphStarts, newTokens: vocab.strings.slice(known) };
  if (process.connected) process.send!(msg);
});
