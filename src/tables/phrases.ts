import type { PhraseSet } from '../artifacts/phrases.js';
import type { Table } from '../artifacts/frame.js';
import { firstUseRows, type FirstUses } from '../phrases/adoption.js';
import type { RowSource } from '../output/write-table.js';

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

export const ADOPTION_COLUMNS = ['phrase', 'region', 'province', 'level', 'first_year', 'first_doc_id'] as const;
export const ADOPTION_BY_YEAR_COLUMNS = ['phrase', 'year', 'new_regions', 'regions', 'of'] as const;

/**
 * phrase_adoption.csv: the first report using each phrase in each region
 * (phrases in the order of phrases.csv, regions by first year), its rows
 * made one at a time from the columns of {@link FirstUses}.
 */
export function adoptionRows(set: PhraseSet): RowSource {
  const f = set.adoption.first;
  return {
    name: 'phrase_adoption',
    columns: ADOPTION_COLUMNS,
    length: f.phrase.length,
    *rows() {
      for (let i = 0; i < f.phrase.length; i++) {
        const d = f.docs[f.doc[i]!]!;
        yield [f.phrases[f.phrase[i]!]!, d.region, d.province ?? '', d.level, d.year, d.doc_id];
      }
    },
  };
}

/** phrase_adoption.csv as a table: its first `limit` rows (default: all). */
export function adoptionTable(set: PhraseSet, limit = Infinity): Table {
  const rows = firstUseRows(set.adoption.first, 0, limit).map((r) => [r.phrase, r.region, r.province, r.level, r.first_year, r.first_doc_id]);
  return { name: 'phrase_adoption', columns: ADOPTION_COLUMNS, rows };
}

/** phrase_adoption_by_year.csv: regions that had used each phrase by each year (cumulative), of the regions reporting by then. */
export function adoptionByYearTable(set: PhraseSet): Table {
  return { name: 'phrase_adoption_by_year', columns: ADOPTION_BY_YEAR_COLUMNS, rows: set.adoption.curves.map((r) => [r.phrase, r.year, r.new_regions, r.regions, r.of]) };
}
