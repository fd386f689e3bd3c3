import type { PhraseSet } from '../artifacts/phrases.js';
import type { SegmentParams } from '../artifacts/tokens.js';
import { DEFAULT_IGNORED, findTerm, Ignored } from '../text/count.js';
import { sectionOf, type Corpus } from '../artifacts/corpus.js';

/** One keyword-in-context hit: where the token stands and the text around it. */
export interface KwicRow {
  doc_id: string;
  region: string;
  year: number | null;
  section: string;
  /** 1-based paragraph (line of clean/DOC_ID.txt). */
  paragraph: number;
  left: string;
  term: string;
  right: string;
}

export const KWIC_COLUMNS = ['doc_id', 'region', 'year', 'section', 'paragraph', 'left', 'term', 'right'] as const;

/**
 * Keyword in context: every occurrence of `term` in the cleaned text of the
 * counted documents (the segment stage's kinds), as src/text/count.ts counts
 * it (Ctrl-F "find next"; the enumeration marks and spaces of
 * phrases.match_ignore skipped), so the hits of a document equal the term's
 * count in policy_terms.csv, phrases.csv and `govtext table`, for any string,
 * in the lexicon or not. `term` is the text as it stands (大众创业、万众创新
 * for 大众创业万众创新); `window`: characters each side.
 */
export function kwic(corpus: Corpus, phraseSet: PhraseSet, seg: SegmentParams, term: string, window: number): KwicRow[] {
  const ignored = new Ignored(phraseSet.meta.params.match_ignore ?? DEFAULT_IGNORED);
  const rows: KwicRow[] = [];
  for (const d of corpus.documents) {
    if (!(seg.kinds as string[]).includes(d.kind)) continue;
    for (const o of findTerm(d.paragraphs, term, ignored)) {
      const text = d.paragraphs[o.paragraph]!;
      rows.push({
        doc_id: d.doc_id,
        region: d.region,
        year: d.year,
        section: sectionOf(d, o.paragraph + 1)?.kind ?? 'other',
        paragraph: o.paragraph + 1,
        left: text.slice(Math.max(0, o.start - window), o.start),
        term: text.slice(o.start, o.end),
        right: text.slice(o.end, o.end + window),
      });
    }
  }
  return rows;
}
