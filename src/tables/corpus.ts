import { documentChars, paragraphCount, type Corpus } from '../artifacts/corpus.js';
import type { Table } from '../artifacts/frame.js';

export const CORPUS_COLUMNS = ['doc_id', 'title', 'region', 'level', 'province', 'year', 'meeting_date', 'session', 'speaker', 'kind', 'source_file', 'chars', 'paragraphs'] as const;
export const SECTION_COLUMNS = ['doc_id', 'section', 'heading', 'first_paragraph', 'last_paragraph', 'chars'] as const;

/** corpus.csv: one row per document. */
export function corpusTable(corpus: Corpus): Table {
  return {
    name: 'corpus',
    columns: CORPUS_COLUMNS,
    rows: corpus.documents.map((d) => [d.doc_id, d.title, d.region, d.level, d.province, d.year, d.meeting_date, d.session, d.speaker, d.kind, d.source_file, documentChars(d), paragraphCount(d)]),
  };
}

/** sections.csv: one row per section; paragraph numbers are line numbers of clean/DOC_ID.txt. */
export function sectionsTable(corpus: Corpus): Table {
  return {
    name: 'sections',
    columns: SECTION_COLUMNS,
    rows: corpus.documents.flatMap((d) => d.sections.map((s) => [d.doc_id, s.kind, s.heading, s.first_paragraph, s.last_paragraph, s.chars])),
  };
}
