import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEXT_COUNTS, type Corpus, type Document } from '../artifacts/corpus.js';

/** Where the clean/ files of a run are: the temporary folder while it runs, the output folder once published. */
export interface TextFolder {
  dir: string;
}

/** The last document read back: a stage going through one document's paragraphs reads its file once. */
let last: { doc: Document; paragraphs: string[] } | undefined;

/**
 * Lets go of the paragraphs' text once the stages that read all of it are
 * done (at 10,000 reports it is 0.65 GB of the run's memory): each
 * document's `paragraphs` becomes a getter that reads the document's
 * clean/DOC_ID.txt back (the corpus writer wrote it: one paragraph a line),
 * so later stages that read some text (opening formulas, figures) get the
 * same strings. Nothing is released when a paragraph holds a line break
 * (the file could not give it back). Returns whether the text was released.
 */
export function releaseText(corpus: Corpus, folder: TextFolder): boolean {
  if (!canReadBack(corpus)) return false;
  for (const d of corpus.documents) {
    // Titles, speakers, section headings ... are slices of the text in V8, which would keep all of it alive.
    for (const key of Object.keys(d)) if (key !== 'paragraphs') (d as unknown as Record<string, unknown>)[key] = detached((d as unknown as Record<string, unknown>)[key]);
    let chars = 0;
    for (const p of d.paragraphs) chars += p.length;
    readFromFolder(d, folder, d.paragraphs.length, chars);
  }
  last = undefined;
  return true;
}

/** Whether every paragraph can be read back from clean/ (one a line: none may hold a line break). */
export function canReadBack(corpus: Corpus): boolean {
  for (const d of corpus.documents) for (const p of d.paragraphs) if (p.includes('\n')) return false;
  return true;
}

/**
 * Makes `d.paragraphs` a getter that reads clean/DOC_ID.txt of `folder`
 * (which must hold `count` paragraphs of `chars` characters in all).
 */
export function readFromFolder(d: Document, folder: TextFolder, count: number, chars: number): void {
  Object.defineProperty(d, TEXT_COUNTS, { value: { paragraphs: count, chars }, enumerable: false, configurable: true });
  Object.defineProperty(d, 'paragraphs', {
    enumerable: true,
    configurable: true,
    get(): string[] {
      if (last?.doc !== d) last = { doc: d, paragraphs: readBack(folder, d.doc_id, count) };
      return last.paragraphs;
    },
    set(value: string[]) {
      delete (d as { [TEXT_COUNTS]?: unknown })[TEXT_COUNTS];
      Object.defineProperty(d, 'paragraphs', { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

/** The same value with every string in it copied (a copy is a flat string of its own, not a slice of a longer one). */
function detached(value: unknown): unknown {
  if (typeof value === 'string') return value.length === 0 ? value : (JSON.parse(JSON.stringify(value)) as string);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = detached(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) o[key] = detached(o[key]);
  }
  return value;
}

function readBack(folder: TextFolder, docId: string, count: number): string[] {
  const file = path.join(folder.dir, 'clean', `${docId}.txt`);
  // Each paragraph decoded on its own from the bytes (a newline byte is never inside a UTF-8 character): a string
  // split from the whole text would be a slice of it, and a figure's sentence kept by a later stage would then keep
  // the whole document's text alive (at 10,000 reports, all of it again).
  const bytes = readFileSync(file);
  const paragraphs: string[] = [];
  if (count > 0) {
    for (let from = 0; from < bytes.length; ) {
      let to = bytes.indexOf(0x0a, from);
      if (to < 0) to = bytes.length;
      paragraphs.push(bytes.toString('utf8', from, to));
      from = to + 1;
    }
  }
  if (paragraphs.length !== count) throw new Error(`${file}: ${paragraphs.length} paragraphs read back, ${count} written (was the output folder changed during the run?)`);
  return paragraphs;
}
