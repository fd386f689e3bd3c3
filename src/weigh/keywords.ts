/**
 * Which terms may be keywords. Keywords say what sets a report apart, so
 * report filler that every report repeats is left out by default: the
 * report-filler list (data/lexicon/stopwords_domain.txt: 加快, 推进, 进一步 ...)
 * and the generic content words of data/lexicon/keyword_filler.txt (发展,
 * 建设, 经济, 社会 ...). They stay tokens: tfidf.csv, the policy-term table,
 * clusters and keyness still count them; only keywords.csv skips them.
 */
import path from 'node:path';
import { DOMAIN_STOPWORDS, readWordList } from '../lexicon/stopwords.js';
import { packageRoot } from '../paths.js';

export const KEYWORD_FILLER = 'data/lexicon/keyword_filler.txt';

/** The words kept out of keywords: with `filler`, the two built-in lists; then the user's files. */
export function keywordFillerWords(filler: boolean, files: readonly string[] = [], cwd = process.cwd()): Set<string> {
  const words = new Set<string>();
  if (filler) for (const f of [DOMAIN_STOPWORDS, KEYWORD_FILLER]) for (const w of readWordList(path.join(packageRoot(), f))) words.add(w);
  for (const f of files) for (const w of readWordList(path.resolve(cwd, f))) words.add(w);
  return words;
}

/** 1 for each vocabulary id that may not be a keyword. */
export function keywordSkip(vocab: readonly string[], words: ReadonlySet<string>): Uint8Array {
  return Uint8Array.from(vocab, (t) => (words.has(t) ? 1 : 0));
}
