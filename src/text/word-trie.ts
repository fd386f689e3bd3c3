/**
 * A trie of many words (jieba's 350,000) held in flat typed arrays, with a
 * number per word: built a word at a time, walked a code unit at a time.
 * Looking up every substring of a text in a Map slices and hashes a string
 * per substring; walking the trie from each start reads each candidate
 * length's node in one step, and a start with no word stops at once.
 * Nodes are numbered from 1 (0: none); the first code unit goes through a
 * direct table, the rest through an open-addressing hash of (node, code unit)
 * that grows as words are added.
 *
 * @example
 * const t = new WordTrie();
 * t.set('改革', 5); t.set('改革开放', 3);
 * t.get('改革开放'); // 3
 * t.get('改'); // undefined
 */
export class WordTrie {
  private readonly rootTable = new Int32Array(65536);
  private slotNode = new Int32Array(1 << 16);
  private slotChar = new Uint16Array(1 << 16);
  private slotChild = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;
  private edges = 0;
  /** Number of nodes + 1 (node ids run 1..nodes). */
  private nodes = 1;
  private values = new Float64Array(1 << 16).fill(NaN);
  private words_ = 0;
  private longest_ = 0;

  /** Number of words. */
  get size(): number {
    return this.words_;
  }

  /** Length of the longest word, in code units (0 when empty). */
  get longest(): number {
    return this.longest_;
  }

  /** The node of the word's first code unit, 0 when no word starts with it. */
  first(c: number): number {
    return this.rootTable[c]!;
  }

  /** The child of `node` by code unit `c`, 0 when none. */
  child(node: number, c: number): number {
    const mask = this.mask;
    const slotNode = this.slotNode;
    for (let h = hashOf(node, c) & mask; ; h = (h + 1) & mask) {
      const n = slotNode[h]!;
      if (n === 0) return 0;
      if (n === node && this.slotChar[h] === c) return this.slotChild[h]!;
    }
  }

  /** The value of the word ending at `node`, NaN when no word ends there. */
  valueAt(node: number): number {
    return this.values[node]!;
  }

  /** The node of a string, 0 when no word starts with it. */
  nodeOf(s: string): number {
    if (s.length === 0) return 0;
    let node = this.rootTable[s.charCodeAt(0)]!;
    for (let i = 1; i < s.length && node !== 0; i++) node = this.child(node, s.charCodeAt(i));
    return node;
  }

  /** The word's value, undefined when it is not a word of the trie. */
  get(s: string): number | undefined {
    const node = this.nodeOf(s);
    if (node === 0) return undefined;
    const v = this.values[node]!;
    return Number.isNaN(v) ? undefined : v;
  }

  /** Sets the word's value (the empty string is no word). */
  set(s: string, value: number): void {
    if (s.length === 0) return;
    const node = this.insert(s);
    if (Number.isNaN(this.values[node]!)) this.words_++;
    this.values[node] = value;
    if (s.length > this.longest_) this.longest_ = s.length;
  }

  /** Adds `value` to the word's value (a new word starts at 0). */
  add(s: string, value: number): void {
    const v = this.get(s);
    this.set(s, (v ?? 0) + value);
  }

  private insert(s: string): number {
    const c0 = s.charCodeAt(0);
    let node = this.rootTable[c0]!;
    if (node === 0) this.rootTable[c0] = node = this.newNode();
    for (let i = 1; i < s.length; i++) {
      const c = s.charCodeAt(i);
      let next = this.child(node, c);
      if (next === 0) {
        next = this.newNode();
        if ((this.edges + 1) * 2 > this.mask + 1) this.grow();
        this.put(node, c, next);
        this.edges++;
      }
      node = next;
    }
    return node;
  }

  private newNode(): number {
    const id = this.nodes++;
    if (id >= this.values.length) {
      const v = new Float64Array(this.values.length * 2).fill(NaN);
      v.set(this.values);
      this.values = v;
    }
    return id;
  }

  private put(node: number, c: number, child: number): void {
    const mask = this.mask;
    let h = hashOf(node, c) & mask;
    while (this.slotNode[h] !== 0) h = (h + 1) & mask;
    this.slotNode[h] = node;
    this.slotChar[h] = c;
    this.slotChild[h] = child;
  }

  private grow(): void {
    const { slotNode, slotChar, slotChild } = this;
    const size = (this.mask + 1) * 2;
    this.slotNode = new Int32Array(size);
    this.slotChar = new Uint16Array(size);
    this.slotChild = new Int32Array(size);
    this.mask = size - 1;
    for (let h = 0; h < slotNode.length; h++) if (slotNode[h] !== 0) this.put(slotNode[h]!, slotChar[h]!, slotChild[h]!);
  }
}

const hashOf = (node: number, c: number) => Math.imul(node ^ Math.imul(c, 0x9e3779b1), 0x85ebca6b) >>> 0;
