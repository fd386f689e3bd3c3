import { listInputFiles, readSource, type Source, type SourceRecord } from './sources.js';
import { InputError } from '../errors.js';
import type { Message } from '../artifacts/corpus.js';

/** Lists, reads and decodes the inputs; skipped files are reported; no readable file is an input error. */
export function readSources(inputs: readonly string[], cwd: string, report: (m: Message) => void): { sources: Source[]; records: SourceRecord[] } {
  const files = listInputFiles(inputs, cwd);
  const sources: Source[] = [];
  const records: SourceRecord[] = [];
  for (const f of files) {
    const r = readSource(f, cwd);
    records.push(r.record);
    r.messages.forEach(report);
    if (r.source) sources.push(r.source);
  }
  if (sources.length === 0) {
    // Grouped by reason, at most 10 names each: a folder of 10,000 PDFs gives one readable line.
    const byReason = new Map<string, string[]>();
    for (const r of records) {
      const reason = r.reason ?? 'read';
      const files = byReason.get(reason);
      if (files) files.push(r.file);
      else byReason.set(reason, [r.file]);
    }
    const seen = [...byReason]
      .map(([reason, files]) => `${files.slice(0, 10).join(', ')}${files.length > 10 ? ` … and ${files.length - 10} more` : ''} (${reason})`)
      .join('; ');
    throw new InputError(`no readable input files in ${inputs.join(', ')}${seen ? `: ${seen}` : ' (the folder is empty)'}`);
  }
  return { sources, records };
}
