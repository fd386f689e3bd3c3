/**
 * The compound terms of one tier (lexicon terms, or discovered phrases) for
 * the segment stage's hot path: leftmost-longest matches within a range of
 * a paragraph, given as term numbers (the term's position in the list, the
 * first of duplicates), so that the caller needs no slice of the paragraph
 * per tier and no string lookup per match. The same matches as
 * TermTrie.collectMatches over text.slice(from, to).
 *
 * Flat arrays: a direct table for the first code unit; per node, its
 * children's code units in ascending order (most nodes of a phrase list
 * have one child, compared directly; wider nodes are searched by halves).
 */
export class CompoundMatcher {
  /** The terms, by number (duplicates and '' keep their place but never match). */
  readonly terms: readonly string[];
  private readonly root = new Int32Array(65536);
  /** Children of node v: childChar/childNode[first[v] .. first[v + 1]). Node ids start at 1. */
  private readonly first: Int32Array;
  private readonly childChar: Uint16Array;
  private readonly childNode: Int32Array;
  /** The term number ending at each node, or -1. */
  private readonly termAt: Int32Array;

  constructor(terms: readonly string[]) {
    this.terms = terms;
    // A trie of maps first, then laid out breadth first (each node's children together, ascending).
    type Node = { next: Map<number, Node>; term: number };
    const top: Node = { next: new Map(), term: -1 };
    let count = 0;
    terms.forEach((t, i) => {
      if (t === '') return;
      let node = top;
      for (let j = 0; j < t.length; j++) {
        const c = t.charCodeAt(j);
        let child = node.next.get(c);
        if (!child) {
          node.next.set(c, (child = { next: new Map(), term: -1 }));
          count++;
        }
        node = child;
      }
      if (node.term < 0) node.term = i;
    });
    const first = new Int32Array(count + 2);
    const childChar = new Uint16Array(count);
    const childNode = new Int32Array(count);
    const termAt = new Int32Array(count + 1).fill(-1);
    // Breadth first: node ids in the order nodes are laid out; the root's children get ids 1.. and the table.
    const queue: Node[] = [];
    let nextId = 1;
    for (const c of [...top.next.keys()].sort((a, b) => a - b)) {
      const child = top.next.get(c)!;
      this.root[c] = nextId++;
      queue.push(child);
    }
    let slot = 0;
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      const id = q + 1;
      termAt[id] = node.term;
      first[id] = slot;
      for (const c of [...node.next.keys()].sort((a, b) => a - b)) {
        childChar[slot] = c;
        childNode[slot++] = nextId++;
        queue.push(node.next.get(c)!);
      }
    }
    first[queue.length + 1] = slot;
    this.first = first;
    this.childChar = childChar;
    this.childNode = childNode;
    this.termAt = termAt;
  }

  /**
   * Non-overlapping matches in text[from .. to), leftmost-longest: their
   * starts (offsets in `text`) appended to `starts` and term numbers to
   * `found`. Returns the number appended.
   */
  collect(text: string, from: number, to: number, starts: number[], found: number[]): number {
    const { root, first, childChar, childNode, termAt, terms } = this;
    let added = 0;
    let i = from;
    while (i < to) {
      let node = root[text.charCodeAt(i)]!;
      if (node === 0) {
        i++;
        continue;
      }
      let longest = -1;
      for (let j = i + 1; ; j++) {
        const t = termAt[node]!;
        if (t >= 0) longest = t;
        if (j >= to) break;
        // The child of `node` for the code unit at j, or 0.
        const c = text.charCodeAt(j);
        let lo = first[node]!;
        let hi = first[node + 1]!;
        let child = 0;
        if (hi - lo <= 8) {
          for (; lo < hi; lo++) {
            if (childChar[lo] === c) {
              child = childNode[lo]!;
              break;
            }
          }
        } else {
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            const m = childChar[mid]!;
            if (m === c) {
              child = childNode[mid]!;
              break;
            }
            if (m < c) lo = mid + 1;
            else hi = mid;
          }
        }
        if (child === 0) break;
        node = child;
      }
      if (longest >= 0) {
        starts.push(i);
        found.push(longest);
        added++;
        i += terms[longest]!.length;
      } else i++;
    }
    return added;
  }
}
