import { repeatedChrome, isChromeLine, stripInlineChromeNormalized } from '../ingest/boilerplate.js';
import { loadGazetteer } from '../ingest/gazetteer.js';
import { extractDocVars } from '../ingest/metadata.js';
import { repeatedParagraphs } from '../ingest/dedup.js';
import { fileStem, type ExternalMeta } from '../ingest/external.js';
import { metadataMessages, outsideMetadata } from '../ingest/outside.js';
import { nearDuplicateDocuments, repeatedParagraphsMessage } from '../ingest/repeats.js';
import { toParagraphs } from '../ingest/paragraphs.js';
import { recordsOf, type MetaField, type InputRecord } from '../ingest/records.js';
import { findSections } from '../ingest/sections.js';
import { isReport } from '../ingest/kind.js';
import { cleanTitle, splitSegments, type Segment } from '../ingest/split.js';
import { normalizedLines } from '../ingest/normalize.js';
import type { Source } from '../io/sources.js';
import type { Corpus, Document, DocumentKind, Level, Message } from '../artifacts/corpus.js';
import type { StageContext } from '../pipeline/context.js';
import type { IngestParams } from '../artifacts/corpus.js';

const LEVELS: readonly Level[] = ['national', 'provincial', 'prefecture', 'county', 'unknown'];

/** Lowercase ASCII letters, digits, CJK, '_' and '-' only: safe as a file name on every system. */
export function safeId(raw: string): string {
  const s = raw
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '');
  // Cut by code points, never inside a surrogate pair (an astral character such as 𠀀 is two UTF-16 units).
  const cut = [...s].slice(0, 80).join('');
  if (cut === '') return 'doc';
  // Device names Windows will not create as files (CON.txt, nul.txt ...).
  return /^(con|prn|aux|nul|com\d|lpt\d)$/iu.test(cut) ? `${cut}_` : cut;
}

function documentKindOf(value: string | undefined, fallback: DocumentKind): DocumentKind {
  return value === 'report' || value === 'other' ? value : fallback;
}

function levelOf(value: string | undefined, fallback: Level): Level {
  return value && (LEVELS as readonly string[]).includes(value) ? (value as Level) : fallback;
}

/**
 * Ingest: decoded input files -> a corpus of documents with metadata,
 * paragraphs and sections. Pure: reads nothing from disk (the runner reads
 * and decodes the files).
 */
export function ingest(sources: readonly Source[], params: IngestParams, ctx?: StageContext): Corpus {
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
    ctx?.progress(ri, records.length, 'records');
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
  ctx?.progress(records.length, records.length, 'records');
  if (documents.length === 0) messages.push({ origin: 'ingest:corpus', text: 'no documents found in the input' });
  return {
    documents,
    messages,
    meta: { stage: 'ingest', params: { ...params }, details: { repeated_paragraphs_dropped: repeatedDropped, documents_with_repeated_paragraphs: repeatedIn, near_duplicate_pairs: near.pairs } },
  };
}
