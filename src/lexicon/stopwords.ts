import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InputError } from '../errors.js';
import { packageRoot } from '../paths.js';

/**
 * Stopwords: the Chinese list of stopwords-iso (794 function words and
 * punctuation), optionally the report-filler list data/lexicon/stopwords_domain.txt
 * (进一步, 加快, 推进 ... off by default: some studies count them), and
 * user files (one word per line, # comments).
 */
export const DOMAIN_STOPWORDS = 'data/lexicon/stopwords_domain.txt';

export function readWordList(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`stopword file not found: ${file}`);
  }
  return text
    .replace(/^\ufeff/u, '')
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function loadStopwords(opts: { builtin: boolean; domain: boolean; files: readonly string[]; cwd?: string }): Set<string> {
  const words = new Set<string>();
  if (opts.builtin) {
    const require = createRequire(import.meta.url);
    for (const w of (require('stopwords-iso') as { zh: string[] }).zh) words.add(w);
  }
  if (opts.domain) for (const w of readWordList(path.join(packageRoot(), DOMAIN_STOPWORDS))) words.add(w);
  for (const f of opts.files) for (const w of readWordList(path.resolve(opts.cwd ?? process.cwd(), f))) words.add(w);
  return words;
}
