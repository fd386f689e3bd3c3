import { InputError } from '../errors.js';
import type { Source } from '../io/sources.js';
import type { DocVars, IngestParams, Message } from '../artifacts/corpus.js';
import { compileFilenamePattern, disagreements, metaFromFilename, readSidecar, sidecarRow, type ExternalMeta, type Sidecar } from './external.js';
import type { MetaField, InputRecord } from './records.js';

/** Metadata of one input file from outside its text, with where each field came from (for messages). */
export interface Outside {
  meta: ExternalMeta;
  from: Partial<Record<MetaField, string>>;
}

/** Metadata outside the text of a run's input files: metadata sidecar tables and the file-name pattern. */
export interface OutsideMetadata {
  /** Is this input file a metadata sidecar (not a document)? */
  isSidecar(file: string): boolean;
  /** The outside metadata of a whole input file: the file name, then each sidecar (a later source wins). */
  of(file: string): Outside;
  /** Messages for sidecar rows that match no whole input file among `records`. */
  unmatched(records: readonly InputRecord[]): void;
}

/**
 * Reads the sidecars among `sources` (files named `params.metadata_file`,
 * case-insensitive; '' for none) and compiles `params.filename_pattern`.
 * Messages go to `messages` as they arise: a file named like a sidecar but
 * without a file column is read as input, with a message; a file name that
 * does not match the pattern is said once, when the file is first asked for.
 *
 * @example outsideMetadata(sources, { ...params, filename_pattern: '{year}_{region}' }, messages).of('2023_桐庐县.txt').meta // { year: '2023', region: '桐庐县' }
 */
export function outsideMetadata(sources: readonly Source[], params: Pick<IngestParams, 'metadata_file' | 'filename_pattern'>, messages: Message[]): OutsideMetadata {
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
  for (const sc of sidecars) for (const m of sc.messages) messages.push(m);
  const pattern = params.filename_pattern ? compileFilenamePattern(params.filename_pattern) : undefined;
  const known = new Map<string, Outside>();
  return {
    isSidecar: (file) => sidecarFiles.has(file),
    of(file) {
      let o = known.get(file);
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
      known.set(file, o);
      return o;
    },
    unmatched(records) {
      for (const sc of sidecars) {
        for (const key of sc.rows.keys()) {
          if (!records.some((r) => !r.table && sidecarRow({ ...sc, rows: new Map([[key, {}]]) }, r.file))) {
            messages.push({ origin: 'ingest:metadata', text: `row for '${key}' matches no input file`, file: sc.file });
          }
        }
      }
    },
  };
}

/**
 * Messages on a report's metadata: each field where the outside metadata
 * (used) disagrees with the text, and region or year found nowhere.
 */
export function metadataMessages(
  doc: { doc_id: string; region: string; year: number | null },
  vars: Omit<DocVars, 'kind'>,
  outside: Outside,
  where: { file: string; line: number | undefined },
): Message[] {
  const out: Message[] = [];
  const textVars = { ...vars, year: vars.year === null ? '' : String(vars.year), level: vars.level === 'unknown' ? '' : vars.level };
  for (const d of disagreements(outside.meta, textVars)) {
    out.push({ origin: 'ingest:metadata', text: `${doc.doc_id}: ${d.field} is '${d.outside}' in ${outside.from[d.field]} but '${d.text}' in the text; '${d.outside}' is used`, ...where });
  }
  const missing = (['region', 'year'] as const).filter((k) => doc[k] === '' || doc[k] === null);
  if (missing.length > 0) {
    out.push({ origin: 'ingest:metadata', text: `${doc.doc_id}: ${missing.join(' and ')} not found in the text; set them with a CSV/JSONL column, ingest.filename_pattern or a metadata file, or leave them empty`, ...where });
  }
  return out;
}
