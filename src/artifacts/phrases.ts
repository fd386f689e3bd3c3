import { z } from 'zod';
import type { Lexicon } from '../lexicon/lexicon.js';
import type { Message } from './corpus.js';

/** Parameters of the phrases stage, with their defaults. */
export const phrasesParams = z
  .object({
    lexicon: z.array(z.string()).default([]).describe('user lexicon files (CSV term,category,kind,note or text, one term per line), merged into the built-in one'),
    builtin_lexicon: z.boolean().default(true).describe('use the built-in policy lexicon (data/lexicon/policy_terms.csv)'),
    exclude_terms: z.array(z.coerce.string()).default([]).describe('lexicon terms to leave out'),
    discover: z.boolean().default(true).describe('discover quoted, numeric and statistical phrases (false: lexicon only)'),
    min_count: z.number().int().min(2).default(4).describe('occurrences a discovered phrase needs'),
    min_docs: z.number().int().min(1).default(2).describe('documents a statistical or unquoted numeric phrase must occur in'),
    min_len: z.number().int().min(2).default(3).describe('shortest statistical phrase, in characters (numeral-led ones may have 2)'),
    max_len: z.number().int().min(2).max(12).default(8).describe('longest statistical phrase, in characters'),
    min_cohesion: z.number().default(4).describe('lowest pointwise mutual information over the splits of a statistical phrase (natural log)'),
    min_entropy: z.number().default(1.2).describe('lowest left and right boundary entropy of a statistical phrase (nats)'),
    sample_chars: z.number().int().min(10000).default(2_000_000).describe('statistical discovery reads at most this many characters (an even sample of documents); counts are then taken over all'),
    compound_min_docs: z.number().int().min(1).default(3).describe('a discovered phrase in this many documents becomes a single token'),
    compound_min_count: z.number().int().min(1).default(5).describe('... or a quoted or numeric one with this many occurrences'),
    kinds: z.array(z.enum(['report', 'other'])).default(['report']).describe('document kinds counted'),
  })
  .strict();

export type PhrasesParams = z.infer<typeof phrasesParams>;

export type PhraseKind = 'quoted' | 'numeric' | 'statistical' | 'lexicon';

export interface Phrase {
  phrase: string;
  kind: PhraseKind;
  /** Exact substring occurrences in the counted documents. */
  count: number;
  doc_freq: number;
  doc_share: number;
  first_year: number | null;
  last_year: number | null;
  regions: string[];
  in_lexicon: boolean;
  /** Lexicon category, '' for discovered phrases outside the lexicon. */
  category: string;
  example: string;
  /** Becomes a single token in segmentation. */
  compound: boolean;
}

/** What the phrases stage makes: the lexicon in force and the phrases found, ranked. */
export interface PhraseSet {
  lexicon: Lexicon;
  phrases: Phrase[];
  /** Every string to keep whole as one token: lexicon terms and compounded discoveries. */
  compounds: string[];
  messages: Message[];
  meta: { stage: 'phrases'; params: PhrasesParams };
}
