import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../paths.js';
import type { Jieba } from './tokenize.js';

/** nodejieba's load options (all paths; unset ones are its defaults). */
interface LoadOptions {
  dict?: string;
  hmmDict?: string;
  userDict?: string;
  idfDict?: string;
  stopWordDict?: string;
}
type NodeJieba = Jieba & { load(options?: LoadOptions): boolean };

/**
 * One-line stand-ins (data/jieba/): the IDF and stop-word lists are read
 * only by keyword extraction, which govtext never calls; cutting and tagging
 * use the main dictionary, the HMM model and the user dictionary, which stay
 * nodejieba's own. Saves about 20 MB per instance.
 */
function minimal(file: string): string {
  return path.join(packageRoot(), 'data', 'jieba', file);
}

/**
 * Loads nodejieba with its default dictionaries (about 2 s: done once per
 * process or worker). Loaded lazily so that `govtext --help` and stages that
 * do not segment never pay for it.
 */
let loaded: NodeJieba | undefined;

export function loadJieba(): Jieba {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const nodejieba = require('nodejieba') as NodeJieba;
  nodejieba.load({ idfDict: minimal('idf.min.utf8'), stopWordDict: minimal('stop_words.min.utf8') });
  loaded = nodejieba;
  return loaded;
}

/**
 * Frees the dictionaries of this thread's nodejieba (about 0.25 GB): its
 * addon never frees them, not even when a worker thread ends, but a new
 * `load` deletes the old ones, so they are replaced by one-word files.
 * A segmentation worker calls this before it exits; a later loadJieba loads
 * the full dictionaries again.
 */
export function releaseJieba(): void {
  if (!loaded) return;
  const one = minimal('dict.min.utf8');
  loaded.load({ dict: one, userDict: one, idfDict: minimal('idf.min.utf8'), stopWordDict: minimal('stop_words.min.utf8') });
  loaded = undefined;
}

/** nodejieba's own main dictionary (jieba.dict.utf8: a word, its frequency and tag a line), the one loadJieba loads. */
export function jiebaDictionaryFile(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('nodejieba/package.json').replace(/package\.json$/u, 'submodules/cppjieba/dict/jieba.dict.utf8');
}

/** Words of jieba's own dictionary: a statistical "phrase" jieba already keeps whole is not new. */
let words: Set<string> | undefined;
export function jiebaWords(): Set<string> {
  if (words) return words;
  words = new Set();
  for (const line of readFileSync(jiebaDictionaryFile(), 'utf8').split('\n')) {
    const w = line.slice(0, line.indexOf(' '));
    if (w) words.add(w);
  }
  return words;
}
