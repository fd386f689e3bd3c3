import { repeatedChrome, isChromeLine, stripInlineChromeNormalized } from './boilerplate.js';
import { loadGazetteer } from './gazetteer.js';
import { extractDocVars } from './metadata.js';
import { repeatedParagraphs } from './dedup.js';
import { fileStem, type ExternalMeta } from './external.js';
import { safeId } from './ids.js';
import { metadataMessages, outsideMetadata } from './outside.js';
import { nearDuplicateDocuments, repeatedParagraphsMessage } from './repeats.js';
import { toParagraphs } from './paragraphs.js';
import { recordsOf, type MetaField, type InputRecord } from './records.js';
import { findSections } from './sections.js';
import { isReport } from './kind.js';
import { cleanTitle, splitSegments, type Segment } from './split.js';
import { normalizedLines } from './normalize.js';
import type { Source } from '../io/sources.js';
import type { Document, DocumentKind, IngestParams, Level, Message } from '../artifacts/corpus.js';

const LEVELS: readonly Level[] = ['national', 'provincial', 'prefecture', 'county', 'unknown'];

function documentKindOf(value: string | undefined, fallback: DocumentKind): DocumentKind {
  return value === 'report' || value === 'other' ? value : fallback;
}

function levelOf(value: string | undefined, fallback: Level): Level {
  return value && (LEVELS as readonly string[]).includes(value) ? (value as Level) : fallback;
}

/** What ingest found in its input files: the documents, messages about them, and the details for the stage's record. */
export interface IngestResult {
  documents: Document[];
  messages: Message[];
  details: { repeated_paragraphs_dropped: number; documents_with_repeated_paragraphs: string[]; near_duplicate_pairs: string[] };
}

/**
 * Decoded input files -> documents with metadata, paragraphs and sections:
 * records (a file, or a row of a table), site chrome removed, each record
 * split into reports, metadata from the table columns, the sidecar, the file
 * name and the text (in that order of precedence), repeated paragraphs and
 * near-duplicate documents reported. `progress(done, total)` counts records.
 */
export function documentsOf(sources: readonly Source[], params: IngestParams, progress?: (done: number, total: number) => void): IngestResult {
  const messages: Message[] = [];
  const gaz = loadGazetteer();
  const records: InputRecord[] = [];
  // Metadata from outside the text: sidecar tables and the file-name pattern.
  const outside = outsideMetadata(sources, params, messages);
  let repeatedDropped = 0;
  const repeatedIn: string[] = [];
  for (const source of sources) {
    if (outside.isSidecar(source.file)) continue;
    const r = recordsOf(source, { text_column: params.text_column, columns: params.columns as Partial<Record<MetaField, string>> });
    // Loops, not push(...): a spread of 100,000+ rows overflows the call stack.
    for (const rec of r.records) records.push(rec);
    for (const m of r.messages) messages.push(m);
  }

  const linesOf = records.map((r) => normalizedLines(r.text));
  const wholeFiles = linesOf.filter((_, i) => !records[i]!.table);
  const repeated = repeatedChrome(wholeFiles, params.repeat_min_files, params.repeat_min_in_file);

  const documents: Document[] = [];
  const usedIds = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; usedIds.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    usedIds.add(id.toLowerCase());
    return id;
  };

  records.forEach((record, ri) => {
    progress?.(ri, records.length);
    const lines = linesOf[ri]!;
    const segments: Segment[] = record.table
      ? [{ title: record.meta.title ? cleanTitle(record.meta.title) : '', lines: lines.filter((l) => l !== '' && !isChromeLine(l)).map(stripInlineChromeNormalized).filter(Boolean), line: record.line }]
      : splitSegments(lines, { minDocChars: params.min_doc_chars, repeated });
    if (segments.length === 0) {
      messages.push({ origin: 'ingest:split', text: 'no document found (only site chrome or too little text)', file: record.file, line: record.line });
      return;
    }
    const stem = record.table ? (record.meta.doc_id ? safeId(record.meta.doc_id) : `${safeId(fileStem(record.file))}-r${record.line}`) : safeId(fileStem(record.file));
    segments.forEach((seg, si) => {
      const rep = repeatedParagraphs(toParagraphs(seg.lines, { wrapMinChars: params.wrap_min_chars, maxParagraphChars: params.max_paragraph_chars }), params.repeated_paragraph_chars, params.drop_repeated_paragraphs);
      const paragraphs = rep.kept;
      if (paragraphs.length === 0) return;
      const title = seg.title || (paragraphs[0]!.length <= 60 && !/[。;]/u.test(paragraphs[0]!) ? paragraphs[0]! : '');
      const vars = extractDocVars({ title, paragraphs }, gaz);
      const out = record.table ? { meta: {}, from: {} } : outside.of(record.file);
      // Table columns, then the sidecar, then the file name, then the text.
      const meta: ExternalMeta = { ...out.meta, ...record.meta };
      const kind = documentKindOf(meta.kind, isReport(title, paragraphs) ? 'report' : 'other');
      if (kind === 'other' && !params.keep_other) return;
      const doc: Document = {
        doc_id: uniqueId(segments.length > 1 ? `${stem}-${String(si + 1).padStart(2, '0')}` : stem),
        title: meta.title ?? vars.title,
        region: meta.region ?? vars.region,
        level: levelOf(meta.level, vars.level),
        province: meta.province ?? vars.province,
        year: meta.year !== undefined && /^\d{4}/u.test(meta.year) ? Number(meta.year.slice(0, 4)) : vars.year,
        meeting_date: meta.meeting_date ?? vars.meeting_date,
        session: meta.session ?? vars.session,
        speaker: meta.speaker ?? vars.speaker,
        kind,
        source_file: record.file,
        paragraphs,
        sections: findSections(paragraphs),
      };
      const where = { file: record.file, line: seg.line };
      const repMessage = repeatedParagraphsMessage(doc.doc_id, rep, params.drop_repeated_paragraphs, where);
      if (repMessage) {
        messages.push(repMessage);
        if (params.drop_repeated_paragraphs) repeatedDropped += rep.repeats.length;
        repeatedIn.push(doc.doc_id);
      }
      if (doc.kind === 'report') for (const m of metadataMessages(doc, vars, out, where)) messages.push(m);
      documents.push(doc);
    });
  });
  outside.unmatched(records);
  const near = nearDuplicateDocuments(documents, params.near_duplicate_share);
  for (const m of near.messages) messages.push(m);
  progress?.(records.length, records.length);
  if (documents.length === 0) messages.push({ origin: 'ingest:corpus', text: 'no documents found in the input' });
  return { documents, messages, details: { repeated_paragraphs_dropped: repeatedDropped, documents_with_repeated_paragraphs: repeatedIn, near_duplicate_pairs: near.pairs } };
}
