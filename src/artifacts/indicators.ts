import { z } from 'zod';
import type { Statement } from '../indicators/extract.js';
import type { Message, SectionKind } from './corpus.js';

/** Parameters of the indicators stage, with their defaults. */
export const indicatorsParams = z
  .object({
    kinds: z.array(z.enum(['report', 'other'])).min(1).default(['report']).describe('document kinds searched for figures'),
    unlisted: z.boolean().default(true).describe('also keep figures of measures outside the built-in indicator list (…收入, …率), named by their own subject'),
  })
  .strict();

export type IndicatorsParams = z.infer<typeof indicatorsParams>;

/** One row of indicators.csv: a statement with where it stands. */
export interface IndicatorRow extends Statement {
  doc_id: string;
  section: SectionKind;
  /** 1-based paragraph (line of clean/DOC_ID.txt). */
  paragraph: number;
}

/** A headline target of one report: the first year target for the indicator, in a plan section if there is one. */
export interface HeadlineTarget {
  value: number | null;
  upper: number | null;
  modifier: string;
  /** true: a bound the government commits to (以上, 以内, 确保 ...); false: 左右, 力争, a range, or a plain figure; null: no figure. */
  hard: boolean | null;
}

export interface TargetRow {
  doc_id: string;
  region: string;
  year: number | null;
  /** By targets.csv column (gdp_growth ...); absent when the report states none. */
  targets: Record<string, HeadlineTarget>;
}

/** What the indicators stage makes. */
export interface Indicators {
  rows: IndicatorRow[];
  targets: TargetRow[];
  messages: Message[];
  meta: { stage: 'indicators'; params: IndicatorsParams };
}
