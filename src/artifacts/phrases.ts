import { z } from 'zod';
import type { Lexicon } from '../lexicon/lexicon.js';
import type { AdoptionCurveRow, FirstUses } from '../phrases/adoption.js';
import { DEFAULT_IGNORED } from '../text/count.js';
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
    min_entropy: z.number().default(1.2).describe('lowest boundary entropy of a statistical phrase on its freer side (nats)'),
    min_entropy_other: z.number().default(0.6).describe('lowest boundary entropy on its other side (nats): a phrase nearly always after the same verb (坚持四项基本原则) is still a phrase, a piece of a longer one (持四项基本原则) is not'),
    sample_chars: z.number().int().min(10000).default(2_000_000).describe('statistical discovery reads at most this many characters (an even sample of documents); counts are then taken over all'),
    compound_min_docs: z.number().int().min(1).default(3).describe('a discovered phrase in this many documents becomes a single token'),
    compound_min_count: z.number().int().min(1).default(5).describe('... or a quoted or numeric one with this many occurrences'),
    kinds: z.array(z.enum(['report', 'other'])).default(['report']).describe('document kinds counted'),
    terms: z.array(z.coerce.string()).default([]).describe("the study's own terms (category study): counted like lexicon terms in every table (phrases.csv, policy_terms.csv, attention.csv, govtext table); a file of terms goes in lexicon"),
    match_ignore: z.string().default(DEFAULT_IGNORED).describe("characters ignored when a term is matched in the text (default: 、 · ・ • and spaces, so 大众创业万众创新 matches 大众创业、万众创新); every count refers to this normalised match; '' matches exactly"),
    rank: z.enum(['distinctive', 'documents']).default('distinctive').describe('order of phrases.csv: distinctive (reciprocal rank fusion of three keyness views against the general-Chinese background of jieba\'s dictionary: usage, documents and period; see README, Phrases) or documents (documents, then occurrences)'),
  })
  .strict();

export type PhrasesParams = z.infer<typeof phrasesParams>;

export type PhraseKind = 'quoted' | 'numeric' | 'statistical' | 'lexicon';

export interface Phrase {
  phrase: string;
  kind: PhraseKind;
  /** Occurrences in the counted documents' cleaned text, as src/text/count.ts counts them. */
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
  /** Fused rank score Σ 1/rank over the usage, documents and period views (src/phrases/rank.ts): the ranking of phrases.csv. */
  score: number;
  /** Its parts: 1 − exp(−KL) of the occurrences over documents, and ln(corpus rate / background rate). */
  concentration: number;
  log_ratio: number;
}

/** What the phrases stage makes: the lexicon in force and the phrases found, ranked. */
export interface PhraseSet {
  lexicon: Lexicon;
  phrases: Phrase[];
  /** First use of each phrase in each region (phrase_adoption.csv) and regions using it by year (phrase_adoption_by_year.csv). */
  adoption: { first: FirstUses; curves: AdoptionCurveRow[] };
  /** Every string to keep whole as one token: lexicon terms and compounded discoveries. */
  compounds: string[];
  messages: Message[];
  meta: { stage: 'phrases'; params: PhrasesParams };
}
