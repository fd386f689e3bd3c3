import { createRequire } from 'node:module';
import type { Jieba } from './tokenize.js';

/**
 * Loads nodejieba with its default dictionaries (about 2 s: done once per
 * process or worker). Loaded lazily so that `govtext --help` and stages that
 * do not segment never pay for it.
 */
let loaded: Jieba | undefined;

export function loadJieba(): Jieba {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const nodejieba = require('nodejieba') as Jieba & { load(): void };
  nodejieba.load();
  loaded = nodejieba;
  return loaded;
}
