import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Corpus, Document, TextStore } from '../artifacts/corpus.js';

/**
 * The text store of a run: a document's own paragraphs while it holds them;
 * once the run let them go (`release`), its clean/DOC_ID.txt in `dir` (the
 * temporary folder while the run goes on, the output folder once it is
 * published), read back as the corpus writer wrote it (one paragraph a
 * line). The last document read is kept: a stage going through one
 * document's paragraphs reads its file once.
 *
 * @example
 * const text = new FolderText(tmp);
 * text.release(corpus); // after the stages that read all the text
 * indicators(corpus, params, stageContext({ text }));
 */
export class FolderText implements TextStore {
  private last: { doc: Document; paragraphs: string[] } | undefined;

  constructor(public dir: string) {}

  paragraphs(doc: Document): readonly string[] {
    if (!doc.released) return doc.paragraphs;
    if (this.last?.doc !== doc) this.last = { doc, paragraphs: readBack(this.dir, doc.doc_id, doc.released.paragraphs) };
    return this.last.paragraphs;
  }

  /** Moves the store to the folder clean/ is now in (the output folder, once the run is published). */
  moveTo(dir: string): void {
    this.dir = dir;
    this.last = undefined;
  }

  /**
   * Lets go of the paragraphs' text once the stages that read all of it are
   * done (at 10,000 reports it is 0.65 GB of the run's memory): each
   * document keeps its counts (`released`) and an empty `paragraphs`; this
   * store reads its text back from clean/DOC_ID.txt (the corpus writer wrote
   * it), so later stages that read some text (opening formulas, figures) get
   * the same strings. Nothing is released when a paragraph holds a line
   * break (the file could not give it back). Returns whether the text was
   * released.
   */
  release(corpus: Corpus): boolean {
    if (!canReadBack(corpus)) return false;
    for (const d of corpus.documents) {
      if (d.released) continue;
      // Titles, speakers, section headings ... are slices of the text in V8, which would keep all of it alive.
      for (const key of Object.keys(d)) if (key !== 'paragraphs') (d as unknown as Record<string, unknown>)[key] = detached((d as unknown as Record<string, unknown>)[key]);
      let chars = 0;
      for (const p of d.paragraphs) chars += p.length;
      d.released = { paragraphs: d.paragraphs.length, chars };
      d.paragraphs = [];
    }
    this.last = undefined;
    return true;
  }
}

/** Whether every paragraph can be read back from clean/ (one a line: none may hold a line break). */
export function canReadBack(corpus: Corpus): boolean {
  for (const d of corpus.documents) for (const p of d.paragraphs) if (p.includes('\n')) return false;
  return true;
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

function readBack(dir: string, docId: string, count: number): string[] {
  const file = path.join(dir, 'clean', `${docId}.txt`);
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
