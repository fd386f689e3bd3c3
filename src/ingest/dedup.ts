/**
 * Repeated text: a scraped file that holds its report twice (a page saved
 * with its print view), and the same report scraped twice into two files.
 * Both would double every count without a word.
 */

/** Long paragraphs repeated within one document. */
export interface RepeatedParagraphs {
  /** Paragraphs kept, in order (all of them when `drop` is false). */
  kept: string[];
  /** 1-based numbers (in the input) of long paragraphs that repeat an earlier one exactly. */
  repeats: number[];
  /** Characters in those repeats. */
  chars: number;
}

/**
 * Finds exact repeats of paragraphs of at least `minChars` characters within
 * one document and, when `drop` is true, removes every repeat after the
 * first. Short paragraphs (各位代表!, headings of a list) repeat in real
 * reports: one is counted as repeated only when it stands next to a long
 * repeat (a heading of a copied block).
 *
 * @example repeatedParagraphs(['甲…(60 chars)', '乙', '甲…(60 chars)'], 50, true).kept // first two
 */
export function repeatedParagraphs(paragraphs: readonly string[], minChars: number, drop: boolean): RepeatedParagraphs {
  const firstAt = new Map<string, number>();
  const repeat = paragraphs.map((p, i) => {
    const first = firstAt.get(p);
    if (first === undefined) firstAt.set(p, i);
    return first !== undefined;
  });
  const marked = paragraphs.map((p, i) => repeat[i]! && p.length >= minChars);
  // A short repeat (a heading of the copy) next to a marked long one belongs to the same repeated block.
  for (let changed = true; changed; ) {
    changed = false;
    paragraphs.forEach((_, i) => {
      if (!marked[i] && repeat[i] && (marked[i - 1] || marked[i + 1])) {
        marked[i] = true;
        changed = true;
      }
    });
  }
  const kept: string[] = [];
  const repeats: number[] = [];
  let chars = 0;
  paragraphs.forEach((p, i) => {
    if (marked[i]) {
      repeats.push(i + 1);
      chars += p.length;
      if (drop) return;
    }
    kept.push(p);
  });
  return { kept, repeats, chars };
}

const SHINGLE = 12;
/** One shingle in SAMPLE is kept (by its hash, so the same shingles are kept in every document). */
const SAMPLE = 8;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Per UTF-16 code unit: 1 when it is white space or punctuation ([\s\p{P}]), 2 for a high surrogate (decided with its low half). */
let ignoredTable: Uint8Array | undefined;
function ignored(): Uint8Array {
  if (ignoredTable) return ignoredTable;
  const t = new Uint8Array(65536);
  const re = /^[\s\p{P}]$/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdbff) t[c] = 2;
    else if (c < 0xdc00 || c > 0xdfff) t[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  }
  ignoredTable = t;
  return t;
}
/** Punctuation outside the BMP (𐄀, 𝪋 …): white space has none there. */
const astralPunct = new Map<number, boolean>();
function isAstralPunct(cp: number): boolean {
  let p = astralPunct.get(cp);
  if (p === undefined) astralPunct.set(cp, (p = /^\p{P}$/u.test(String.fromCodePoint(cp))));
  return p;
}

let units = new Uint16Array(1 << 16);
/**
 * The text's code units without white space and punctuation
 * (`text.replace(/[\s\p{P}]/gu, '')`) into `units` from `n` on; returns the
 * new end.
 */
function keptUnits(text: string, n = 0): number {
  const t = ignored();
  if (units.length < n + text.length) {
    const grown = new Uint16Array(Math.max(n + text.length, 2 * units.length));
    grown.set(units.subarray(0, n));
    units = grown;
  }
  const u = units;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const a = t[c]!;
    if (a === 0) u[n++] = c;
    else if (a === 2) {
      const lo = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        // A whole code point: the regex reads it as one character.
        if (!isAstralPunct(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000)) {
          u[n++] = c;
          u[n++] = lo;
        }
        i++;
      } else u[n++] = c; // a lone high surrogate is neither space nor punctuation
    }
  }
  return n;
}

let quads = new Uint16Array(1 << 16);
let lowBitTable: Uint8Array | undefined;
/**
 * FNV-1a's low 3 bits through four code units: entry (g << 3) | l is the low
 * bits after the units whose low bits are g's four 3-bit digits (first unit
 * highest), from low bits l. h ^ c and h * prime (odd) keep the low 3 bits a
 * function of the low 3 bits, so a shingle's sampling needs 3 look-ups.
 */
function lowBitSteps(): Uint8Array {
  if (lowBitTable) return lowBitTable;
  const t = new Uint8Array(4096 * 8);
  for (let g = 0; g < 4096; g++) {
    for (let l = 0; l < 8; l++) {
      let h = l;
      for (let k = 3; k >= 0; k--) h = Math.imul(h ^ ((g >>> (3 * k)) & 7), FNV_PRIME) & 7;
      t[(g << 3) | l] = h;
    }
  }
  lowBitTable = t;
  return t;
}

/**
 * Sampled hashes of the document's 12-character shingles (white space and
 * punctuation ignored), sorted and distinct: the shingle is the text's UTF-16
 * code units i..i+11 after removing [\s\p{P}], its hash FNV-1a (32 bits) of
 * those units, and it is kept when the hash is a multiple of 8. A document
 * given as paragraphs is read as their join with line breaks.
 */
export function sampledShingles(text: string | readonly string[]): Uint32Array {
  // Paragraphs: as if joined by line breaks (white space, so nothing between them).
  let n = 0;
  if (typeof text === 'string') n = keptUnits(text);
  else for (const p of text) n = keptUnits(p, n);
  const u = units;
  let out = new Uint32Array(Math.max(16, n >> 2));
  let m = 0;
  const step = lowBitSteps();
  // Four code units' low bits, for the units i..i+3 (the window's first quarter when it starts at i).
  if (quads.length < n) quads = new Uint16Array(Math.max(n, 2 * quads.length));
  const q = quads;
  let g = 0;
  for (let j = n - 1; j >= 0; j--) {
    g = ((g >>> 3) | ((u[j]! & 7) << 9)) & 0xfff;
    q[j] = g;
  }
  for (let i = 0; i + SHINGLE <= n; i++) {
    // Whether the hash is a multiple of 8 shows in its low 3 bits, which depend only on the units' low 3 bits.
    if (step[(step[(step[(q[i]! << 3) | (FNV_OFFSET & 7)]! | (q[i + 4]! << 3))]! | (q[i + 8]! << 3))] !== 0) continue;
    let h = FNV_OFFSET;
    for (let j = i; j < i + SHINGLE; j++) h = Math.imul(h ^ u[j]!, FNV_PRIME);
    if ((h & (SAMPLE - 1)) !== 0) continue;
    if (m === out.length) {
      const grown = new Uint32Array(2 * m);
      grown.set(out);
      out = grown;
    }
    out[m++] = h;
  }
  const sorted = out.subarray(0, m).sort();
  let k = 0;
  for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i]!;
  return sorted.slice(0, k);
}

/** {@link sampledShingles} as a set. */
export function shingles(text: string): Set<number> {
  return new Set(sampledShingles(text));
}

export interface NearDuplicate {
  a: number;
  b: number;
  /** Shared sampled shingles over those of the shorter document (containment, 0-1). */
  containment: number;
}

/**
 * Open-addressing table from a shingle hash to the number of documents that
 * hold it (document frequency). Typed arrays: tens of millions of shingles at
 * 10,000 reports would overflow a Map (16.7 M entries) and the heap.
 */
class ShingleCounts {
  private keys: Uint32Array;
  private counts: Int32Array; // 0: empty slot
  private mask: number;
  size = 0;
  constructor(expected: number) {
    let cap = 1 << 10;
    while (cap < 2 * expected) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.counts = new Int32Array(cap);
    this.mask = cap - 1;
  }
  private slot(h: number): number {
    // Sampled hashes are multiples of 8: mix before masking.
    let i = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    i = (i ^ (i >>> 12)) & this.mask;
    while (this.counts[i] !== 0 && this.keys[i] !== h) i = (i + 1) & this.mask;
    return i;
  }
  add(h: number): void {
    const i = this.slot(h);
    if (this.counts[i] === 0) {
      this.keys[i] = h;
      this.size++;
    }
    this.counts[i]!++;
    if (2 * this.size > this.mask) this.grow();
  }
  get(h: number): number {
    return this.counts[this.slot(h)]!;
  }
  /** The hash's slot: a number below `capacity` that names it while no hash is added. */
  slotOf(h: number): number {
    return this.slot(h);
  }
  get capacity(): number {
    return this.keys.length;
  }
  /** Documents holding the hash in slot i. */
  countAt(i: number): number {
    return this.counts[i]!;
  }
  private grow(): void {
    const { keys, counts } = this;
    const cap = 2 * keys.length;
    this.keys = new Uint32Array(cap);
    this.counts = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < keys.length; i++) {
      if (counts[i] === 0) continue;
      const j = this.slot(keys[i]!);
      this.keys[j] = keys[i]!;
      this.counts[j] = counts[i]!;
    }
  }
}

/** The least number of shared shingles n (1 <= n <= size) with n / size >= threshold, or Infinity when there is none. */
function leastShared(size: number, threshold: number): number {
  if (Number.isNaN(threshold)) return Infinity;
  let n = Math.max(1, Math.ceil(threshold * size));
  // Math.ceil of a rounded product can miss by one: settle on the division the test uses.
  while (n > 1 && (n - 1) / size >= threshold) n--;
  while (n <= size && n / size < threshold) n++;
  return n <= size ? n : Infinity;
}

/** Documents below this many can be numbered in a shingle's 21 low bits of a sort key. */
const RADIX_DOCS = 2 ** 21;

/**
 * For each document, how many of its shingles at most `maxPosting` documents
 * hold (`counted`), and how many no other document holds (`once`). Sorting
 * (shingle, document) keys in buckets of the shingle's top bits finds each
 * shingle's documents as a run, reading memory in order where a hash table
 * of every shingle would miss the cache on nearly every look-up. `sorted`:
 * false counts with a hash table instead (the only way from 2^21 documents on).
 */
export function shingleFrequencies(sets: readonly Uint32Array[], maxPosting: number, sorted = sets.length < RADIX_DOCS): { counted: Int32Array; once: Int32Array } {
  const n = sets.length;
  const counted = new Int32Array(n);
  const once = new Int32Array(n);
  let total = 0;
  for (const s of sets) total += s.length;
  if (!sorted) {
    const df = new ShingleCounts(total >> 2);
    for (const s of sets) for (let i = 0; i < s.length; i++) df.add(s[i]!);
    sets.forEach((s, d) => {
      for (let i = 0; i < s.length; i++) {
        const f = df.get(s[i]!);
        if (f > maxPosting) continue;
        counted[d]!++;
        if (f === 1) once[d]!++;
      }
    });
    return { counted, once };
  }
  let bits = 4;
  while (bits < 16 && total >> bits > 4096) bits++;
  const shift = 32 - bits;
  const start = new Int32Array((1 << bits) + 1);
  for (const s of sets) for (let i = 0; i < s.length; i++) start[(s[i]! >>> shift) + 1]!++;
  for (let b = 0; b < 1 << bits; b++) start[b + 1]! += start[b]!;
  const keys = new Float64Array(total);
  const fill = start.slice();
  sets.forEach((s, d) => {
    for (let i = 0; i < s.length; i++) keys[fill[s[i]! >>> shift]!++] = s[i]! * RADIX_DOCS + d;
  });
  for (let b = 0; b < 1 << bits; b++) {
    const run = keys.subarray(start[b]!, start[b + 1]!).sort();
    for (let i = 0; i < run.length; ) {
      const h = Math.floor(run[i]! / RADIX_DOCS);
      let j = i + 1;
      while (j < run.length && Math.floor(run[j]! / RADIX_DOCS) === h) j++;
      // Each document holds a shingle once: the run's length is the number of documents holding it.
      const f = j - i;
      if (f <= maxPosting) for (let r = i; r < j; r++) counted[run[r]! % RADIX_DOCS]!++;
      if (f === 1 && f <= maxPosting) once[run[i]! % RADIX_DOCS]!++;
      i = j;
    }
  }
  return { counted, once };
}

/**
 * Pairs of documents whose text is near-identical: the share of the shorter
 * document's sampled 12-character shingles found in the longer one is at
 * least `threshold`. Shingles found in more than `maxPosting` documents
 * (formulae every report uses) are left out on both sides: neither shared nor
 * in a document's total, so "shorter" and the share are over the counted
 * shingles (otherwise the more reports a corpus holds, the more of a copy's
 * text is set formulae, and copies fall below the threshold). A pair needs one
 * shared shingle and 5 counted shingles in the shorter document. Pairs come
 * sorted by `a`, then `b` (a < b).
 *
 * Near-linear: an exact set-similarity join with prefix filtering. A pair
 * with n shared shingles, n >= k (the least n that meets the threshold for
 * the shorter document X), shares one of the first |X'| - k + 1 of X's
 * counted shingles X' in any fixed order; ordered rarest first, those are
 * mostly shingles no other document holds, so few candidates are found, and
 * each is verified by counting its shared shingles exactly.
 *
 * @example nearDuplicates([report, other, report + '\n打印本页'], 0.9) // [{ a: 0, b: 2, containment: 1 }]
 */
export function nearDuplicates(texts: readonly (string | readonly string[])[], threshold: number, maxPosting = 50): NearDuplicate[] {
  const sets = texts.map(sampledShingles);
  const n = texts.length;
  // Per document: its counted shingles X' (held by at most maxPosting documents) and those no other document holds.
  const { counted: countedSize, once } = shingleFrequencies(sets, maxPosting);

  // A document that could be the shorter one of a pair: the first |X'| - k + 1 of its counted shingles,
  // rarest first, hold a shingle another document holds (those no other document holds come first).
  const probing = new Uint8Array(n);
  const prefixShared = new Int32Array(n);
  let anyProbing = false;
  for (let d = 0; d < n; d++) {
    const size = countedSize[d]!;
    const k = size >= 5 ? leastShared(size, threshold) : Infinity;
    const length = countedSize[d]! - k + 1;
    if (length > once[d]!) {
      probing[d] = 1;
      prefixShared[d] = length - once[d]!;
      anyProbing = true;
    }
  }
  if (!anyProbing) return [];
  let total = 0;
  for (const x of sets) total += x.length;
  const df = new ShingleCounts(total >> 2);
  for (const x of sets) for (let i = 0; i < x.length; i++) df.add(x[i]!);
  // Each document's counted shingles, as hashes (sorted) and as slots of the table.
  const counted: Uint32Array[] = [];
  const slots: Int32Array[] = [];
  for (let d = 0; d < n; d++) {
    const s = sets[d]!;
    const slot = new Int32Array(s.length);
    const hash = new Uint32Array(s.length);
    let m = 0;
    for (let i = 0; i < s.length; i++) {
      const at = df.slotOf(s[i]!);
      if (df.countAt(at) > maxPosting) continue;
      slot[m] = at;
      hash[m++] = s[i]!;
    }
    slots.push(slot.slice(0, m));
    counted.push(hash.slice(0, m));
  }
  // Postings (documents in order) of the shared shingles of those documents only, by slot: no other shingle is looked up.
  const start = new Int32Array(df.capacity + 1);
  let needed = 0;
  for (let d = 0; d < n; d++) {
    if (!probing[d]) continue;
    for (const slot of slots[d]!) {
      if (start[slot] === 0 && df.countAt(slot) > 1) {
        start[slot] = df.countAt(slot);
        needed++;
      }
    }
  }
  if (needed === 0) return [];
  for (let i = 0, sum = 0; i <= df.capacity; i++) {
    const c = start[i]!;
    start[i] = sum;
    sum += c;
  }
  const postings = new Int32Array(start[df.capacity]!);
  const fill = start.slice();
  for (let d = 0; d < n; d++) {
    for (const slot of slots[d]!) if (start[slot + 1]! > start[slot]!) postings[fill[slot]!++] = d;
  }

  const out: NearDuplicate[] = [];
  const counts = new Int32Array(n);
  const touched: number[] = [];
  const push = (x: number, y: number, common: number, size: number) => {
    if (common > 0 && common / size >= threshold) out.push(x < y ? { a: x, b: y, containment: common / size } : { a: y, b: x, containment: common / size });
  };
  for (let x = 0; x < n; x++) {
    if (!probing[x]) continue;
    const size = countedSize[x]!;
    // The other document of a pair with x as the shorter one (a tie of sizes is taken by the first of two that both look).
    const partner = (y: number) => y !== x && (countedSize[y]! > size || (countedSize[y]! === size && (!probing[y] || y > x)));
    // x's shared shingles rarest first: (documents holding it) * 2^32 + hash, sorted as numbers.
    const own = slots[x]!;
    const order: number[] = [];
    let countWork = 0;
    for (let i = 0; i < own.length; i++) {
      const f = start[own[i]! + 1]! - start[own[i]!]!;
      if (f === 0) continue;
      countWork += f;
      order.push(f * 2 ** 32 + counted[x]![i]!);
    }
    const rarest = Float64Array.from(order).sort();
    // Candidates: the documents holding a prefix shingle. Each costs a merge of two shingle lists;
    // when that is dearer than counting every shared shingle's documents at once, count instead.
    for (let i = 0; i < prefixShared[x]!; i++) {
      const slot = df.slotOf(rarest[i]! % 2 ** 32);
      for (let p = start[slot]!; p < start[slot + 1]!; p++) {
        const y = postings[p]!;
        if (partner(y) && counts[y]!++ === 0) touched.push(y);
      }
    }
    if (touched.length * 2 * own.length < countWork) {
      for (const y of touched) {
        counts[y] = 0;
        push(x, y, sharedCount(counted[x]!, counted[y]!), size);
      }
    } else {
      for (const y of touched) counts[y] = 0;
      touched.length = 0;
      for (const slot of own) {
        for (let p = start[slot]!; p < start[slot + 1]!; p++) {
          const y = postings[p]!;
          if (partner(y) && counts[y]!++ === 0) touched.push(y);
        }
      }
      for (const y of touched) {
        push(x, y, counts[y]!, size);
        counts[y] = 0;
      }
    }
    touched.length = 0;
  }
  return out.sort((p, q) => p.a - q.a || p.b - q.b);
}

/** Number of values in both sorted arrays. */
function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}
