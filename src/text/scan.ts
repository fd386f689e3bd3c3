/**
 * Counting many terms in one document at a time, the one meaning of a count
 * (src/text/count.ts): each paragraph normalised once (ignored characters
 * removed), then one trie pass over it. A document's result is its hits:
 * for each term found, in order of first occurrence, the term's id, its
 * count in the document and the offset of its first occurrence in the
 * document's original text (paragraphs joined by line breaks).
 */
import { normalise, type Ignored } from './normalise.js';
import type { TermTrie } from './trie.js';

/** Hits of one document: triples (term id, count, first offset in the original text), in order of first occurrence. */
export type DocumentHits = Int32Array;

/** Per-thread counting state over one trie: scans documents one after the other. */
export class DocumentScanner {
  private readonly counts: Int32Array;
  private readonly seen: Int32Array;
  private readonly ends: Int32Array;
  private readonly firstHits: number[] = [];
  private mark = 0;
  /** Whether some term holds a line break: documents are then scanned joined, as one text (no normalisation, as before). */
  readonly spansLines: boolean;

  /** `joinLines`: scan a document joined when a term holds a line break (default), or never (a term with one then never matches). */
  constructor(
    readonly trie: TermTrie,
    readonly ignored: Ignored,
    joinLines = true,
  ) {
    const T = trie.size;
    this.counts = new Int32Array(T);
    this.seen = new Int32Array(T).fill(-1);
    this.ends = new Int32Array(T);
    let spans = false;
    for (let id = 0; id < T && joinLines && !spans; id++) spans = trie.termOf(id).includes('\n');
    this.spansLines = spans;
  }

  /**
   * The hits of one document. Offsets in the normalised text run on across
   * paragraphs (a term's last end blocks nothing in the next one); first
   * hits are turned back into offsets of the original text.
   */
  scan(paragraphs: readonly string[]): DocumentHits {
    const mark = this.mark++;
    const { counts, firstHits } = this;
    firstHits.length = 0;
    const counter = { counts, seen: this.seen, firstHits, ends: this.ends };
    if (this.spansLines) this.trie.countOccurrences(paragraphs.join('\n'), counter, mark);
    else {
      let offset = 0;
      let original = 0;
      for (const p of paragraphs) {
        const n = normalise(p, this.ignored);
        const from = firstHits.length;
        this.trie.countOccurrences(n.text, counter, mark, offset);
        if (n.map) for (let h = from; h < firstHits.length; h += 2) firstHits[h + 1] = original + n.map[firstHits[h + 1]! - offset]!;
        else for (let h = from; h < firstHits.length; h += 2) firstHits[h + 1] = original + firstHits[h + 1]! - offset;
        offset += n.text.length + 1;
        original += p.length + 1;
      }
    }
    const hits = new Int32Array((firstHits.length / 2) * 3);
    for (let h = 0, k = 0; h < firstHits.length; h += 2, k += 3) {
      const id = firstHits[h]!;
      hits[k] = id;
      hits[k + 1] = counts[id]!;
      hits[k + 2] = firstHits[h + 1]!;
      counts[id] = 0;
    }
    return hits;
  }
}
