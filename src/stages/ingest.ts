import { z } from 'zod';
import { repeatedChrome, isChromeLine, stripInlineChromeNormalized } from '../ingest/boilerplate.js';
import { loadGazetteer } from '../ingest/gazetteer.js';
import { extractDocVars } from '../ingest/metadata.js';
import { nearDuplicates, repeatedParagraphs } from '../ingest/dedup.js';
import { compileFilenamePattern, disagreements, fileStem, metaFromFilename, readSidecar, sidecarRow, type ExternalMeta, type Sidecar } from '../ingest/external.js';
import { InputError } from '../errors.js';
import { toParagraphs } from '../ingest/paragraphs.js';
import { recordsOf, type MetaField, type SourceRecord } from '../ingest/records.js';
import { findSections } from '../ingest/sections.js';
import { isReport } from '../ingest/kind.js';
import { cleanTitle, splitSegments, type Segment } from '../ingest/split.js';
import { normalizedLines } from '../ingest/normalize.js';
import type { Source } from '../io/sources.js';
import type { Corpus, Document, DocumentKind, Level, Message } from '../types.js';
import type { StageContext } from './context.js';

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
  })
  .strict();

export type IngestParams = z.infer<typeof ingestParams>;

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
  const sidecars: Sidecar[] = [];
  const sidecarFiles = new Set<string>();
  for (const s of sources) {
    if (params.metadata_file === '' || (s.file.split(/[\\/]/u).pop() ?? '').toLowerCase() !== params.metadata_file.toLowerCase()) continue;
    try {
      sidecars.push(readSidecar(s));
      sidecarFiles.add(s.file);
    } catch (err) {
      // A table of reports that happens to bear the name: read as input, and say so.
      if (!(err instanceof InputError)) throw err;
      messages.push({ origin: 'ingest:metadata', text: `${err.message}; read as input documents instead (set ingest.metadata_file to another name, or '' for none)`, file: s.file });
    }
  }
  const isSidecar = (file: string) => sidecarFiles.has(file);
  for (const sc of sidecars) for (const m of sc.messages) messages.push(m);
  const pattern = params.filename_pattern ? compileFilenamePattern(params.filename_pattern) : undefined;
  // Metadata from outside the text, per input file, with where each field came from.
  const outsideOf = new Map<string, { meta: ExternalMeta; from: Partial<Record<MetaField, string>> }>();
  const outsideFor = (file: string) => {
    let o = outsideOf.get(file);
    if (o) return o;
    o = { meta: {}, from: {} };
    const fromName = pattern ? metaFromFilename(file, pattern) : undefined;
    if (pattern && !fromName) messages.push({ origin: 'ingest:metadata', text: `file name does not match ingest.filename_pattern "${pattern.pattern}": nothing read from it`, file });
    for (const [f, v] of Object.entries(fromName ?? {})) {
      o.meta[f as MetaField] = v;
      o.from[f as MetaField] = `the file name (ingest.filename_pattern "${pattern!.pattern}")`;
    }
    for (const sc of sidecars) {
      for (const [f, v] of Object.entries(sidecarRow(sc, file) ?? {})) {
        o.meta[f as MetaField] = v;
        o.from[f as MetaField] = sc.file;
      }
    }
    outsideOf.set(file, o);
    return o;
  };
  let repeatedDropped = 0;
  const repeatedIn: string[] = [];
  for (const source of sources) {
    if (isSidecar(source.file)) continue;
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
      const outside = record.table ? { meta: {}, from: {} } : outsideFor(record.file);
      // Table columns, then the sidecar, then the file name, then the text.
      const meta: ExternalMeta = { ...outside.meta, ...record.meta };
      const kind = kindOf(meta.kind, isReport(title, paragraphs) ? 'report' : 'other');
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
      if (rep.repeats.length > 0) {
        const what = params.drop_repeated_paragraphs ? 'dropped (ingest.drop_repeated_paragraphs)' : 'kept: its counts include them twice (set ingest.drop_repeated_paragraphs to drop them)';
        messages.push({ origin: 'ingest:repeats', text: `${doc.doc_id}: ${rep.repeats.length} paragraph(s) (${rep.chars} characters) repeat earlier ones exactly (a block of long paragraphs seen before), from paragraph ${rep.repeats[0]}; ${what}`, file: record.file, line: seg.line });
        if (params.drop_repeated_paragraphs) repeatedDropped += rep.repeats.length;
        repeatedIn.push(doc.doc_id);
      }
      if (doc.kind === 'report') {
        const textVars = { ...vars, year: vars.year === null ? '' : String(vars.year), level: vars.level === 'unknown' ? '' : vars.level };
        for (const d of disagreements(outside.meta, textVars)) {
          messages.push({ origin: 'ingest:metadata', text: `${doc.doc_id}: ${d.field} is '${d.outside}' in ${outside.from[d.field]} but '${d.text}' in the text; '${d.outside}' is used`, file: record.file, line: seg.line });
        }
        const missing = (['region', 'year'] as const).filter((k) => doc[k] === '' || doc[k] === null);
        if (missing.length > 0) {
          messages.push({ origin: 'ingest:metadata', text: `${doc.doc_id}: ${missing.join(' and ')} not found in the text; set them with a CSV/JSONL column, ingest.filename_pattern or a metadata file, or leave them empty`, file: record.file, line: seg.line });
        }
      }
      documents.push(doc);
    });
  });
  for (const sc of sidecars) {
    for (const key of sc.rows.keys()) {
      if (!records.some((r) => !r.table && sidecarRow({ ...sc, rows: new Map([[key, {}]]) }, r.file))) {
        messages.push({ origin: 'ingest:metadata', text: `row for '${key}' matches no input file`, file: sc.file });
      }
    }
  }
  const nearPairs: string[] = [];
  if (params.near_duplicate_share > 0 && documents.length > 1) {
    for (const p of nearDuplicates(documents.map((d) => d.paragraphs.join('\n')), params.near_duplicate_share)) {
      const [a, b] = [documents[p.a]!, documents[p.b]!];
      nearPairs.push(`${a.doc_id} ~ ${b.doc_id}`);
      messages.push({ origin: 'ingest:duplicates', text: `${a.doc_id} and ${b.doc_id} are near-identical (${Math.round(p.containment * 100)}% of the shorter one's text is in the other): the same report scraped twice? Both are kept; remove one to count it once`, file: b.source_file });
    }
  }
  ctx?.progress(records.length, records.length, 'records');
  if (documents.length === 0) messages.push({ origin: 'ingest:corpus', text: 'no documents found in the input' });
  return {
    documents,
    messages,
    meta: { stage: 'ingest', params: { ...params }, details: { repeated_paragraphs_dropped: repeatedDropped, documents_with_repeated_paragraphs: repeatedIn, near_duplicate_pairs: nearPairs } },
  };
}
