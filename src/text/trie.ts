/**
 * A character trie of terms, for scanning long text in one pass: leftmost-
 * longest matching (how terms become tokens) and all-matches counting (exact
 * substring counts of many terms at once). A regex alternation of thousands
 * of terms is 25x slower on V8.
 */
interface Node {
  next: Map<string, Node>;
  term?: string;
}

export class TermTrie {
  private readonly root: Node = { next: new Map() };
  private size_ = 0;

  constructor(terms: Iterable<string> = []) {
    for (const t of terms) this.add(t);
  }

  get size(): number {
    return this.size_;
  }

  add(term: string): void {
    if (term === '') return;
    let node = this.root;
    for (const ch of term) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map() }));
      node = child;
    }
    if (node.term === undefined) this.size_++;
    node.term = term;
  }

  /** The longest term starting at `i`, or undefined. */
  longestAt(text: string, i: number): string | undefined {
    let node = this.root.next.get(text[i]!);
    let longest: string | undefined;
    for (let j = i + 1; node; j++) {
      if (node.term !== undefined) longest = node.term;
      node = j < text.length ? node.next.get(text[j]!) : undefined;
    }
    return longest;
  }

  /** Non-overlapping matches, leftmost-longest: [start, term] pairs in text order. */
  *matches(text: string): Generator<[number, string]> {
    let i = 0;
    while (i < text.length) {
      const t = this.longestAt(text, i);
      if (t !== undefined) {
        yield [i, t];
        i += t.length;
      } else i++;
    }
  }

  /** Calls `hit` for every occurrence of every term, overlapping ones included (exact substring counts). */
  forEachOccurrence(text: string, hit: (term: string, start: number) => void): void {
    for (let i = 0; i < text.length; i++) {
      let node = this.root.next.get(text[i]!);
      for (let j = i + 1; node; j++) {
        if (node.term !== undefined) hit(node.term, i);
        node = j < text.length ? node.next.get(text[j]!) : undefined;
      }
    }
  }
}
