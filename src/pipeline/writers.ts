import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toCsv, type Table } from '../tables/csv.js';
import { corpusTable, sectionsTable } from '../tables/corpus.js';
import { phrasesTable } from '../tables/phrases.js';
import type { Corpus } from '../types.js';
import type { Artifacts, ArtifactName } from './registry.js';

/**
 * How each artifact is persisted in the output folder, so a user can stop
 * after any stage and inspect it. Returns the files written (relative).
 */
export type Writer<T> = (artifact: T, dir: string) => string[];

export function writeTable(table: Table, dir: string): string {
  const file = `${table.name}.csv`;
  writeFileSync(path.join(dir, file), toCsv(table));
  return file;
}

const writeCorpus: Writer<Corpus> = (corpus, dir) => {
  const files = [writeTable(corpusTable(corpus), dir), writeTable(sectionsTable(corpus), dir)];
  mkdirSync(path.join(dir, 'clean'), { recursive: true });
  for (const d of corpus.documents) {
    // doc_id is made safe at ingest; the join is still checked so nothing can write outside the folder.
    const target = path.join(dir, 'clean', `${d.doc_id}.txt`);
    if (path.dirname(target) !== path.join(dir, 'clean')) throw new Error(`unsafe doc_id '${d.doc_id}'`);
    writeFileSync(target, `${d.paragraphs.join('\n')}\n`);
  }
  files.push(`clean/ (${corpus.documents.length} files)`);
  return files;
};

export const WRITERS: { [K in ArtifactName]?: Writer<NonNullable<Artifacts[K]>> } = {
  corpus: writeCorpus,
  phrases: (set, dir) => [writeTable(phrasesTable(set), dir)],
};
