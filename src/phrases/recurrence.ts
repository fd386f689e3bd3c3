/**
 * Recurrence of many terms over a corpus: counts as src/text/count.ts
 * defines them (the term's string in the cleaned text, as Ctrl-F finds it,
 * enumeration marks and spaces ignored), the documents, years and regions each term occurs
 * in, and an example around its first occurrence. One trie pass per
 * paragraph, counted by term id into typed arrays: nothing is allocated per
 * occurrence, only once per (term, document) pair. Documents are counted on
 * two threads when there are many (src/text/scan-documents.ts), with the
 * same result.
 */
import { Ignored } from '../text/count.js';
import { DocumentScanner } from '../text/scan.js';
import { scanDocuments, type ScanOptions } from '../text/scan-documents.js';
import type { TermTrie } from '../text/trie.js';
import type { Document } from '../artifacts/corpus.js';

/** By term id (see {@link TermTrie.idOf}). */
export interface Recurrence {
  /** Occurrences in all documents. */
  counts: Int32Array;
  /** Documents with at least one occurrence. */
  docs: Int32Array;
  /** Lowest and highest year of those documents (Infinity and -Infinity when none has a year). */
  firstYear: Float64Array;
  lastYear: Float64Array;
  /** 20 characters either side of the first occurrence, line breaks as spaces ('' for a term never found). */
  example: string[];
  /** The distinct non-empty regions of the documents a term occurs in, sorted. */
  regionsOf(id: number): string[];
}

/** `paragraphs.join('\n').slice(from, to)`, without joining the whole document. */
export function joinedSlice(paragraphs: readonly string[], from: number, to: number): string {
  let out = '';
  let pos = 0; // start of paragraph k in the joined text; its line break stands at pos + length
  for (let k = 0; k < paragraphs.length && pos < to; k++) {
    const p = paragraphs[k]!;
    const end = pos + p.length;
    if (end > from) out += p.slice(Math.max(0, from - pos), to - pos);
    if (k < paragraphs.length - 1 && end >= from && end < to) out += '\n';
    pos = end + 1;
  }
  return out;
}

/** The example of an occurrence at `at` (offset in the document's text, paragraphs joined by line breaks). */
export function exampleAt(paragraphs: readonly string[], at: number, len: number): string {
  return joinedSlice(paragraphs, Math.max(0, at - 20), at + len + 20).replace(/\n/gu, ' ');
}

/**
 * Counts every term of `trie` over `docs`, in document order. The trie's
 * terms must be match keys (`ignored.key(term)`): each paragraph is
 * normalised (ignored characters removed) before the scan, and the example
 * is cut from the original text. `onHit`, when given, is called once per
 * (term, document) with the document's index and the term's count in it.
 */
export function countRecurrence(
  trie: TermTrie,
  docs: readonly Pick<Document, 'paragraphs' | 'year' | 'region'>[],
  progress?: (done: number, total: number) => void,
  ignored: Ignored = new Ignored(),
  onHit?: (id: number, doc: number, count: number) => void,
  options?: ScanOptions,
): Recurrence {
  const T = trie.size;
  const counts = new Int32Array(T);
  const docCount = new Int32Array(T);
  const firstYear = new Float64Array(T).fill(Infinity);
  const lastYear = new Float64Array(T).fill(-Infinity);
  const example = new Array<string>(T).fill('');
  // Regions as small integers, each term's as a bit set made on its first occurrence.
  const regionId = new Map<string, number>();
  const regionName: string[] = [];
  for (const d of docs) {
    if (d.region && !regionId.has(d.region)) {
      regionId.set(d.region, regionName.length);
      regionName.push(d.region);
    }
  }
  // Numbered in sorted order, so that a term's regions come out of its bit set sorted.
  regionName.sort();
  regionName.forEach((name, r) => regionId.set(name, r));
  const words = Math.max(1, Math.ceil(regionName.length / 32));
  const regionBits: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(T);
  // Documents counted on two threads (src/text/scan-documents.ts), their hits taken here in document order.
  const scanner = new DocumentScanner(trie, ignored);
  scanDocuments(
    scanner,
    docs.length,
    (di) => docs[di]!.paragraphs,
    (di, hits) => {
      progress?.(di, docs.length);
      const d = docs[di]!;
      const r = d.region ? regionId.get(d.region)! : -1;
      for (let h = 0; h < hits.length; h += 3) {
        const id = hits[h]!;
        const count = hits[h + 1]!;
        counts[id] = counts[id]! + count;
        onHit?.(id, di, count);
        const before = docCount[id]!;
        docCount[id] = before + 1;
        if (before === 0) example[id] = exampleAt(d.paragraphs, hits[h + 2]!, trie.termOf(id).length);
        if (d.year !== null) {
          if (d.year < firstYear[id]!) firstYear[id] = d.year;
          if (d.year > lastYear[id]!) lastYear[id] = d.year;
        }
        if (r >= 0) {
          let bits = regionBits[id];
          if (!bits) regionBits[id] = bits = new Uint32Array(words);
          bits[r >>> 5] = bits[r >>> 5]! | (1 << (r & 31));
        }
      }
    },
    options,
  );
  progress?.(docs.length, docs.length);

  const regionsOf = (id: number): string[] => {
    const bits = regionBits[id];
    const out: string[] = [];
    if (!bits) return out;
    // Set bits only, lowest first (x & -x is the lowest).
    for (let w = 0; w < bits.length; w++) {
      for (let x = bits[w]!; x !== 0; x &= x - 1) out.push(regionName[w * 32 + 31 - Math.clz32(x & -x)]!);
    }
    return out;
  };
  return { counts, docs: docCount, firstYear, lastYear, example, regionsOf };
}
