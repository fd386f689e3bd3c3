import { repeatedChrome, isChromeLine, stripInlineChromeNormalized } from '../ingest/boilerplate.js';
import { loadGazetteer } from '../ingest/gazetteer.js';
import { extractDocVars } from '../ingest/metadata.js';
import { toParagraphs } from '../ingest/paragraphs.js';
import { recordsOf, type MetaField, type SourceRecord } from '../ingest/records.js';
import { findSections } from '../ingest/sections.js';
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
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, 80);
  if (s === '') return 'doc';
  // Device names Windows will not create as files (CON.txt, nul.txt ...).
  return /^(con|prn|aux|nul|com\d|lpt\d)$/iu.test(s) ? `${s}_` : s;
}

function fileStem(file: string): string {
  const base = file.split('/').pop() ?? file;
  return base.replace(/\.[^.]+$/u, '');
}

/** Is this text a government work report (rather than news or a notice)? */
export function isReport(title: string, paragraphs: readonly string[]): boolean {
  if (/工作报告/u.test(title)) return true;
  const head = paragraphs.slice(0, 12).join('').slice(0, 3000);
  return /各位代表/u.test(head) && /我代表.{0,20}(?:人民政府|国务院)/u.test(head);
}

function kindOf(value: string | undefined, fallback: DocumentKind): DocumentKind {
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
  const records: SourceRecord[] = [];
  for (const source of sources) {
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
      const paragraphs = toParagraphs(seg.lines, { wrapMinChars: params.wrap_min_chars, maxParagraphChars: params.max_paragraph_chars });
      if (paragraphs.length === 0) return;
      const title = seg.title || (paragraphs[0]!.length <= 60 && !/[。;]/u.test(paragraphs[0]!) ? paragraphs[0]! : '');
      const kind = kindOf(record.meta.kind, isReport(title, paragraphs) ? 'report' : 'other');
      if (kind === 'other' && !params.keep_other) return;
      const vars = extractDocVars({ title, paragraphs }, gaz);
      const meta = record.meta;
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
      if (doc.kind === 'report') {
        const missing = (['region', 'year'] as const).filter((k) => doc[k] === '' || doc[k] === null);
        if (missing.length > 0) {
          messages.push({ origin: 'ingest:metadata', text: `${doc.doc_id}: ${missing.join(' and ')} not found in the text; set them with a CSV/JSONL column or leave them empty`, file: record.file, line: seg.line });
        }
      }
      documents.push(doc);
    });
  });
  ctx?.progress(records.length, records.length, 'records');
  if (documents.length === 0) messages.push({ origin: 'ingest:corpus', text: 'no documents found in the input' });
  return { documents, messages, meta: { stage: 'ingest', params: { ...params } } };
}
