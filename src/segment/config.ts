import { loadStopwords } from '../lexicon/stopwords.js';
import type { PhraseSet } from '../artifacts/phrases.js';
import type { SegmentParams } from '../artifacts/tokens.js';
import type { TokenFilter } from './tokenize.js';

/**
 * What tokenization needs from the segment parameters and the phrase set:
 * the token filter and the compound tiers (lexicon terms first, so that a
 * discovered phrase overlapping a lexicon term cannot cut it apart). The
 * segment stage and KWIC both build their tokenizer from this, so KWIC
 * counts exactly what the tables count.
 */
export function tokenizerConfig(phraseSet: PhraseSet, params: SegmentParams): { filter: TokenFilter; tiers: string[][] } {
  const anyStopwords = params.stopwords || params.domain_stopwords || params.stopword_files.length > 0;
  const stopwords = anyStopwords ? loadStopwords({ builtin: params.stopwords, domain: params.domain_stopwords, files: params.stopword_files }) : new Set<string>();
  const filter: TokenFilter = { stopwords, removeNumbers: params.remove_numbers, removePunctuation: params.remove_punctuation, minChars: params.min_chars, pos: params.pos, hmm: params.hmm };
  const lexiconTerms = phraseSet.lexicon.entries.map((e) => e.term);
  const inLexicon = new Set(lexiconTerms);
  return { filter, tiers: [lexiconTerms, phraseSet.compounds.filter((c) => !inLexicon.has(c))] };
}
