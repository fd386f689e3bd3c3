import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { toCsv, type Table } from '../tables/csv.js';
import { corpusTable, sectionsTable } from '../tables/corpus.js';
import { phrasesTable } from '../tables/phrases.js';
import { indicatorsTable, targetsTable } from '../tables/indicators.js';
import { clustersTable, clusterTermsTable, kSelectionTable, themesBySectionTable, themesTable, themeTermsTable } from '../tables/clusters.js';
import { attentionTable, keynessTable, keywordsTable, policyTermsTable, similarityTable, writeTfidfCsv } from '../tables/weights.js';
import type { Corpus } from '../types.js';
import { tokensOf, type Tokens } from '../stages/segment.js';
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

/** tokens.jsonl, streamed a document at a time: {"doc_id", "tokens", "paragraph_starts"}. */
const writeTokens: Writer<Tokens> = (tokens, dir) => {
  const fd = openSync(path.join(dir, 'tokens.jsonl'), 'w');
  try {
    for (const d of tokens.documents) {
      const line = JSON.stringify({ doc_id: d.doc_id, tokens: tokensOf(tokens, d), paragraph_starts: Array.from(d.paragraphStarts) });
      writeSync(fd, `${line}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return ['tokens.jsonl'];
};

export const WRITERS: { [K in ArtifactName]?: Writer<NonNullable<Artifacts[K]>> } = {
  corpus: writeCorpus,
  phrases: (set, dir) => [writeTable(phrasesTable(set), dir)],
  tokens: writeTokens,
  weights: (w, dir) => {
    const rows = writeTfidfCsv(w, dir, w.meta.params.tfidf_rows);
    return [`tfidf.csv (${rows} rows)`, writeTable(keywordsTable(w), dir), writeTable(policyTermsTable(w), dir), writeTable(attentionTable(w), dir), writeTable(keynessTable(w), dir), writeTable(similarityTable(w), dir)];
  },
  indicators: (ind, dir) => [writeTable(indicatorsTable(ind), dir), writeTable(targetsTable(ind), dir)],
  clusters: (c, dir) => [clustersTable, clusterTermsTable, kSelectionTable, themesTable, themesBySectionTable, themeTermsTable].map((t) => writeTable(t(c), dir)),
};
