import { tokenizerConfig } from '../segment/config.js';
import { loadJieba } from '../segment/jieba.js';
import { tokenizeParagraph } from '../segment/tokenize.js';
import type { PhraseSet } from '../artifacts/phrases.js';
import type { SegmentParams } from '../artifacts/tokens.js';
import { TermTrie } from '../text/trie.js';
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
 * Keyword in context over the tokens the analysis counts: a hit is a token
 * equal to `term`, found by segmenting exactly as the segment stage does
 * (same lexicon, compounds and filters), so the hits of a document equal
 * the term's count in policy_terms.csv and tfidf.csv. Only paragraphs that
 * contain the term as text are segmented. `window`: characters each side.
 */
export function kwic(corpus: Corpus, phraseSet: PhraseSet, seg: SegmentParams, term: string, window: number): KwicRow[] {
  const config = tokenizerConfig(phraseSet, seg);
  const { filter } = config;
  const tiers = config.tiers.map((terms) => new TermTrie(terms));
  const jieba = loadJieba();
  const rows: KwicRow[] = [];
  for (const d of corpus.documents) {
    if (!(seg.kinds as string[]).includes(d.kind)) continue;
    d.paragraphs.forEach((text, i) => {
      if (!text.includes(term)) return;
      const toks: string[] = [];
      const spans: number[] = [];
      tokenizeParagraph(text, jieba, tiers, filter, toks, spans);
      toks.forEach((t, k) => {
        if (t !== term) return;
        const start = spans[2 * k]!;
        const end = spans[2 * k + 1]!;
        rows.push({
          doc_id: d.doc_id,
          region: d.region,
          year: d.year,
          section: sectionOf(d, i + 1)?.kind ?? 'other',
          paragraph: i + 1,
          left: text.slice(Math.max(0, start - window), start),
          term: text.slice(start, end),
          right: text.slice(end, end + window),
        });
      });
    });
  }
  return rows;
}
