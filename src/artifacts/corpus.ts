import { z } from 'zod';
import { DEFAULT_MAX_FILE_MB } from '../io/limits.js';

/**
 * The artifacts that travel down a govtext pipeline.
 *
 * Raw files -> {@link Corpus} (ingest) -> tokens, phrases, document-term
 * matrix ... Each artifact carries its document variables (set once at
 * ingest) and a record of how it was made (`meta`), after quanteda's docvars
 * and meta.
 */

/** Administrative level of the government that delivers a report. */
export type Level = 'national' | 'provincial' | 'prefecture' | 'county' | 'unknown';

/** report: a government work report; other: a non-report item found in an input (news, notices). */
export type DocumentKind = 'report' | 'other';

/** review: 上年/过去五年工作回顾; plan: 今年工作安排, 总体要求, 主要任务; other: the rest. */
export type SectionKind = 'review' | 'plan' | 'other';

/** A warning attached to an artifact, with the place it came from (vfile-style messages). */
export interface Message {
  /** `stage:rule`, e.g. `ingest:encoding`. */
  origin: string;
  /** What happened and what was done about it. */
  text: string;
  /** The input file concerned, relative to the working folder, when there is one. */
  file?: string;
  /** 1-based line (or CSV/JSONL record line) in that file. */
  line?: number;
}

/** Document variables: the metadata of one document, set at ingest. */
export interface DocVars {
  title: string;
  region: string;
  level: Level;
  province: string;
  /** The year the report is delivered in (a 2023 report reviews 2022 and plans 2023). */
  year: number | null;
  /** ISO date (YYYY-MM-DD) of the people's congress meeting, when stated. */
  meeting_date: string;
  /** e.g. 第十七届人民代表大会第一次会议 */
  session: string;
  speaker: string;
  kind: DocumentKind;
}

export interface Section {
  kind: SectionKind;
  /** The heading paragraph as it stands in the text ('' for the opening before the first heading). */
  heading: string;
  /** 1-based paragraph numbers, inclusive, within the document. */
  first_paragraph: number;
  last_paragraph: number;
  chars: number;
}

/**
 * One document of the corpus: its variables, paragraphs (one per line of
 * clean/DOC_ID.txt) and sections. A plain object: once a run lets go of the
 * text (`released`), `paragraphs` is empty and the text is read through the
 * run's {@link TextStore}.
 */
export interface Document extends DocVars {
  doc_id: string;
  /** Input file the document came from, relative to the working folder. */
  source_file: string;
  /** The text, a string a paragraph; empty once `released` (read it through a TextStore then). */
  paragraphs: string[];
  sections: Section[];
  /** Set when the run let go of the text (pipeline/text.ts): the counts of the paragraphs it wrote to clean/. */
  released?: TextCounts;
}

/** Paragraph and character counts of a document's text (characters without line breaks). */
export interface TextCounts {
  paragraphs: number;
  chars: number;
}

/**
 * Where a stage reads the documents' text: a document's own paragraphs, or,
 * once the run let them go, its clean/DOC_ID.txt (pipeline/text.ts
 * `FolderText`). The runner makes one per run and hands it to the stages in
 * their StageContext; a stage called on its own reads the documents' own
 * text ({@link documentText}).
 *
 * @example
 * for (const d of corpus.documents) for (const p of ctx.text.paragraphs(d)) count(p);
 */
export interface TextStore {
  /** The paragraphs of `doc`, in order (paragraph n is line n of clean/DOC_ID.txt). */
  paragraphs(doc: Document): readonly string[];
}

/**
 * The text the documents hold: the store of a stage called on its own. A
 * released document has none here: it throws, naming the document (its
 * run's store, RunResult.text, reads the text back).
 *
 * @example
 * documentText.paragraphs(ingest(sources, ingestParams.parse({})).documents[0]!); // ['一、过去五年工作回顾', ...]
 */
export const documentText: TextStore = {
  paragraphs(doc) {
    if (doc.released) throw new Error(`${doc.doc_id}: the run let go of this document's text; read it through the run's text store (RunResult.text)`);
    return doc.paragraphs;
  },
};

export interface CorpusMeta {
  /** What made the corpus: the stage and its parameters. */
  stage: 'ingest';
  params: Record<string, unknown>;
  /** What ingest did beyond its parameters (repeated paragraphs dropped, near-duplicate documents), for the manifest. */
  details?: Record<string, unknown>;
}

export interface Corpus {
  documents: Document[];
  messages: Message[];
  meta: CorpusMeta;
}

/** Number of characters of a document's text (paragraphs, without line breaks); a released document's are counted already. */
export function documentChars(doc: Pick<Document, 'paragraphs' | 'released'>): number {
  if (doc.released) return doc.released.chars;
  let n = 0;
  for (const p of doc.paragraphs) n += p.length;
  return n;
}

/** Number of paragraphs of a document. */
export function paragraphCount(doc: Pick<Document, 'paragraphs' | 'released'>): number {
  return doc.released ? doc.released.paragraphs : doc.paragraphs.length;
}

/** Section of a 1-based paragraph number, or undefined when the paragraph is outside every section. */
export function sectionOf(doc: Pick<Document, 'sections'>, paragraph: number): Section | undefined {
  return doc.sections.find((s) => paragraph >= s.first_paragraph && paragraph <= s.last_paragraph);
}

/** Parameters of the ingest stage, with their defaults. */
export const ingestParams = z
  .object({
    text_column: z.string().default('').describe('CSV/JSONL column holding the text; detected (text, content, 正文 ...) when empty'),
    columns: z
      .partialRecord(z.enum(['doc_id', 'title', 'year', 'region', 'province', 'level', 'meeting_date', 'session', 'speaker', 'kind']), z.string())
      .default({})
      .describe('CSV/JSONL metadata columns by field, e.g. {region: 城市}; detected by name when absent'),
    min_doc_chars: z.number().int().min(0).default(200).describe('a stretch of text shorter than this does not become a document on its own'),
    wrap_min_chars: z.number().int().min(1).default(60).describe('a line at least this long that stops mid-sentence is joined to the next (hard wrap)'),
    max_paragraph_chars: z.number().int().min(100).default(5000).describe('longer paragraphs are cut at sentence ends'),
    repeat_min_files: z.number().int().min(2).default(2).describe('a short non-report line in this many input files is site chrome'),
    repeat_min_in_file: z.number().int().min(2).default(3).describe('a short non-report line repeated this often in one file is site chrome'),
    keep_other: z.boolean().default(true).describe('keep non-report items (kind=other) in the corpus'),
    filename_pattern: z.string().default('').describe('metadata in file names, e.g. "{year}政府工作报告_{speaker}"; fields: year, region, province, level, meeting_date, session, speaker, title, kind, {*}'),
    metadata_file: z.string().default('metadata.csv').describe('an input file of this name is a sidecar table of metadata keyed by file name (column file), not a report; empty: none'),
    drop_repeated_paragraphs: z.boolean().default(true).describe('drop exact repeats of long paragraphs within a document (a page that holds its text twice)'),
    repeated_paragraph_chars: z.number().int().min(1).default(50).describe('a repeated paragraph at least this long counts as repeated text'),
    near_duplicate_share: z.number().min(0).max(1).default(0.9).describe('warn when this share of a document\'s text is found in another (the same report scraped twice); 0: no check'),
    max_file_mb: z.number().positive().default(DEFAULT_MAX_FILE_MB).describe('an input file larger than this (MB) is skipped with a warning before it is read'),
  })
  .strict();

export type IngestParams = z.infer<typeof ingestParams>;
