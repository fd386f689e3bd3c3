/**
 * The one meaning of a term's count in govtext: the number of times its
 * string occurs in a document's cleaned text (clean/DOC_ID.txt), found as
 * Ctrl-F "find next" finds it: left to right, an occurrence of the term
 * starting only after the previous one of the same term ended (哈哈 in
 * 哈哈哈 once), within one paragraph (line), and every term counted on its
 * own, so a term nested in a longer term is counted in both (科教兴国 in
 * 科教兴国战略 counts for 科教兴国 and for 科教兴国战略).
 *
 * Matching tolerates enumeration marks and spaces: the characters of
 * {@link DEFAULT_IGNORED} are removed from the text and from the term before
 * matching, so 大众创业万众创新 matches 大众创业、万众创新 and 有机旱作·晋品
 * matches 有机旱作晋品. A count is then the count of the normalised string in
 * the normalised text; KWIC shows the original text of each match.
 */
import { TermTrie } from './trie.js';
import { DEFAULT_IGNORED, defaultIgnored, Ignored, normalise, type Normalised } from './normalise.js';
import { DocumentScanner, type DocumentHits } from './scan.js';
import { scanDocuments, type ScanOptions } from './scan-documents.js';

export { DEFAULT_IGNORED, Ignored, normalise, type Normalised } from './normalise.js';

/** Each document's normalised paragraphs, per set of ignored characters: searching many terms normalises a text once. */
const normalisedCache = new WeakMap<readonly string[], Map<string, Normalised[]>>();

/** The normalised paragraphs of a document (cached for the paragraphs array: it must not change afterwards). */
export function normalisedParagraphs(paragraphs: readonly string[], ignored: Ignored = defaultIgnored): Normalised[] {
  let byChars = normalisedCache.get(paragraphs);
  if (!byChars) normalisedCache.set(paragraphs, (byChars = new Map()));
  let n = byChars.get(ignored.chars);
  if (!n) byChars.set(ignored.chars, (n = paragraphs.map((p) => normalise(p, ignored))));
  return n;
}

/** Position in the original paragraph of normalised position `i`. */
export function originalAt(n: Normalised, i: number): number {
  return n.map ? n.map[i]! : i;
}

/** One occurrence: the paragraph (0-based line of clean/DOC_ID.txt) and the original span [start, end). */
export interface Occurrence {
  paragraph: number;
  start: number;
  end: number;
}

/**
 * Every occurrence of `term` in the paragraphs, as counted (non-overlapping,
 * left to right, ignored characters skipped), with its original span: the
 * span starts at the term's first character and ends after its last.
 *
 * @example findTerm(['大众创业、万众创新和大众创业万众创新'], '大众创业万众创新') // two, [0,9) and [10,18)
 */
export function findTerm(paragraphs: readonly string[], term: string, ignored: Ignored = defaultIgnored): Occurrence[] {
  const key = ignored.key(term);
  const out: Occurrence[] = [];
  if (key === '') return out;
  normalisedParagraphs(paragraphs, ignored).forEach((n, paragraph) => {
    for (let i = n.text.indexOf(key); i >= 0; i = n.text.indexOf(key, i + key.length)) {
      out.push({ paragraph, start: originalAt(n, i), end: originalAt(n, i + key.length - 1) + 1 });
    }
  });
  return out;
}

/** The count of `term` in the paragraphs (see the module comment). */
export function countTerm(paragraphs: readonly string[], term: string, ignored: Ignored = defaultIgnored): number {
  const key = ignored.key(term);
  if (key === '') return 0;
  let c = 0;
  for (const n of normalisedParagraphs(paragraphs, ignored)) {
    const t = n.text;
    for (let i = t.indexOf(key); i >= 0; i = t.indexOf(key, i + key.length)) c++;
  }
  return c;
}

/**
 * Counts of many terms per document in one trie pass per paragraph: the
 * same numbers as {@link countTerm} for each term, without a scan per term.
 * Terms are matched by their key (ignored characters removed); two terms
 * with the same key share one count.
 */
export class TermCounter {
  readonly terms: readonly string[];
  readonly ignored: Ignored;
  /** Indexes into `terms` of the terms with each trie id (several terms may share a key). */
  private readonly termsOf: number[][];
  private readonly scanner: DocumentScanner;

  constructor(terms: readonly string[], ignored: Ignored = defaultIgnored) {
    this.terms = terms;
    this.ignored = ignored;
    const trie = new TermTrie();
    for (const t of terms) trie.add(ignored.key(t));
    this.termsOf = Array.from({ length: trie.size }, () => []);
    terms.forEach((t, i) => {
      const id = trie.idOf(ignored.key(t));
      if (id >= 0) this.termsOf[id]!.push(i);
    });
    // Paragraph by paragraph, always: a count never spans a line break.
    this.scanner = new DocumentScanner(trie, ignored, false);
  }

  /**
   * Counts of every term in one document: `[index into terms, count]` pairs
   * of the terms that occur, in the order of `terms`.
   */
  countDocument(paragraphs: readonly string[]): { term: number; count: number }[] {
    return this.found(this.scanner.scan(paragraphs));
  }

  /**
   * {@link countDocument} of documents 0..n-1 (`text(d)`, asked for once
   * each, in order), handed to `consume` in document order; the documents
   * are counted on two threads when they are many (src/text/scan-documents.ts).
   */
  countDocuments(n: number, text: (d: number) => readonly string[], consume: (d: number, found: { term: number; count: number }[]) => void, options?: ScanOptions): void {
    scanDocuments(this.scanner, n, text, (d, hits) => consume(d, this.found(hits)), options);
  }

  /**
   * {@link countDocuments} without an object per term found: `consume(d,
   * found, size, countOf)` gets the indexes into `terms` of the terms found
   * in `found[0..size)`, ascending, and their counts in `countOf[term]`
   * (both arrays are reused for the next document).
   */
  countDocumentsInto(
    n: number,
    text: (d: number) => readonly string[],
    consume: (d: number, found: Int32Array, size: number, countOf: Int32Array) => void,
    options?: ScanOptions,
  ): void {
    let found = new Int32Array(64);
    const countOf = new Int32Array(this.terms.length);
    scanDocuments(
      this.scanner,
      n,
      text,
      (d, hits) => {
        let size = 0;
        for (let h = 0; h < hits.length; h += 3) {
          for (const term of this.termsOf[hits[h]!]!) {
            if (size === found.length) {
              const grown = new Int32Array(found.length * 2);
              grown.set(found);
              found = grown;
            }
            found[size++] = term;
            countOf[term] = hits[h + 1]!;
          }
        }
        found.subarray(0, size).sort();
        consume(d, found, size, countOf);
      },
      options,
    );
  }

  private found(hits: DocumentHits): { term: number; count: number }[] {
    const out: { term: number; count: number }[] = [];
    for (let h = 0; h < hits.length; h += 3) for (const term of this.termsOf[hits[h]!]!) out.push({ term, count: hits[h + 1]! });
    return out.sort((a, b) => a.term - b.term);
  }
}

/** The ignored characters in words, for messages: "ignoring 、 · ・ • and spaces". */
export function describeIgnored(chars: string = DEFAULT_IGNORED): string {
  if (chars === '') return 'exact match';
  const shown = [...new Set(Array.from(chars))].filter((c) => !/\s/u.test(c));
  const spaces = /\s/u.test(chars);
  return `ignoring ${shown.join(' ')}${spaces ? `${shown.length ? ' and ' : ''}spaces` : ''}`;
}
