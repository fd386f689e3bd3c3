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
  /** The indicator as the text names it (国内生产总值, or 国民生产总值 where the text says GNP). */
  indicator: string;
  /** 1-based paragraph of the sentence (line of clean/DOC_ID.txt), and the sentence itself. */
  paragraph: number;
  sentence: string;
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
  /** Per region and headline target: year t's target against what year t+1's report says was achieved. */
  outcomes: TargetOutcome[];
  messages: Message[];
  meta: { stage: 'indicators'; params: IndicatorsParams };
}

/** One row of target_outcomes.csv. */
export interface TargetOutcome {
  region: string;
  /** Year t: the year the target is for (the year of the report that sets it). */
  year: number;
  /** targets.csv column (gdp_growth, cpi, new_urban_jobs …). */
  indicator: string;
  /** The target as set: its value (a range's lower end), upper end, modifier, and where it stands. */
  target: number;
  target_upper: number | null;
  target_modifier: string;
  target_doc_id: string;
  target_paragraph: number;
  target_sentence: string;
  /** The figure year t+1's report gives for year t, in the target's unit; null when it gives none (or there is no such report). */
  achieved: number | null;
  achieved_doc_id: string | null;
  achieved_paragraph: number | null;
  achieved_sentence: string | null;
  /** achieved − target (a range: achieved − its lower end), rounded to 6 decimals. */
  gap: number | null;
  /** See metTarget. */
  met: boolean | null;
}
