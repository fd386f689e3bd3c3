import type { PhraseSet } from '../artifacts/phrases.js';
import type { Table } from '../artifacts/frame.js';

export const PHRASE_COLUMNS = ['phrase', 'kind', 'count', 'doc_freq', 'doc_share', 'first_year', 'last_year', 'regions', 'in_lexicon', 'example'] as const;

/** phrases.csv: one row per phrase, ranked (documents, then occurrences); regions joined with ';'. */
export function phrasesTable(set: PhraseSet): Table {
  return {
    name: 'phrases',
    columns: PHRASE_COLUMNS,
    rows: set.phrases.map((p) => [p.phrase, p.kind, p.count, p.doc_freq, round(p.doc_share, 6), p.first_year, p.last_year, p.regions.join(';'), p.in_lexicon, p.example]),
  };
}

/** Rounds for display in tables; the same value always prints the same way. */
export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
