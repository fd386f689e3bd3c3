import { z } from 'zod';
import type { Clusters } from './clusters.js';
import type { Corpus, Message } from './corpus.js';
import type { TableFrame } from './frame.js';
import type { Indicators } from './indicators.js';
import type { PhraseSet } from './phrases.js';
import type { RunRecord } from './run.js';
import type { Weights } from './weights.js';

/** Parameters of the report stage, with their defaults. */
export const reportParams = z
  .object({
    reports_listed: z.number().int().min(1).default(60).describe('reports shown one by one in summary.md and report.html (keywords, theme bars, heat map); the rest are counted, and every report is in the CSVs'),
    keywords: z.number().int().min(1).default(8).describe('keywords per report shown in the summary'),
    phrases: z.number().int().min(1).default(30).describe('recurring phrases in the summary and top_phrases'),
    policy_terms: z.number().int().min(1).default(12).describe('policy terms (columns) in policy_terms_by_report; by year and by level show 20'),
    latex_rows: z.number().int().min(1).default(60).describe('rows at most in a tables/NAME.tex (the CSV has them all; the notes say so)'),
    xlsx: z.boolean().default(true).describe('write tables.xlsx (a sheet per table)'),
    xlsx_rows: z.number().int().min(1).max(1_048_575).default(100_000).describe('rows at most in a sheet of tables.xlsx: a longer table is cut in its sheet (each document\'s first rows of a list such as keywords, its policy terms with most hits, or whole documents for attention and themes) and stays whole in its CSV; the manifest\'s tables.xlsx record says what each sheet holds'),
    html: z.boolean().default(true).describe('write report.html'),
    parquet: z.boolean().default(true).describe('write a Parquet twin (NAME.parquet, through DuckDB) of every CSV table beside it; false skips them (the CSVs are the same), saving the time DuckDB takes on a large corpus. Read by the run, so it applies to every stage\'s tables'),
  })
  .strict();

export type ReportParams = z.infer<typeof reportParams>;

export interface ReportInputs {
  corpus: Corpus;
  phrases: PhraseSet;
  weights: Weights;
  clusters?: Clusters;
  indicators?: Indicators;
  run: RunRecord;
}

/** What the report stage makes: the paper tables (as DataFrames) in every format, and the two summaries. */
export interface Report {
  tables: (TableFrame & { markdown: string; latex: string })[];
  summary: string;
  html: string | null;
  /** Whether the writer makes tables.xlsx, and the rows at most in one of its sheets. */
  xlsx: boolean;
  xlsxRows: number;
  messages: Message[];
  meta: { stage: 'report'; params: ReportParams };
}
