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

/** FNV-1a 32-bit hash of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SHINGLE = 12;
/** One shingle in SAMPLE is kept (by its hash, so the same shingles are kept in every document). */
const SAMPLE = 8;

/** Sampled hashes of the document's 12-character shingles (white space and punctuation ignored). */
export function shingles(text: string): Set<number> {
  const s = text.replace(/[\s\p{P}]/gu, '');
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= s.length; i++) {
    const h = fnv1a(s.slice(i, i + SHINGLE));
    if (h % SAMPLE === 0) out.add(h);
  }
  return out;
}

export interface NearDuplicate {
  a: number;
  b: number;
  /** Shared sampled shingles over those of the shorter document (containment, 0-1). */
  containment: number;
}

/**
 * Pairs of documents whose text is near-identical: the share of the shorter
 * document's sampled 12-character shingles found in the longer one is at
 * least `threshold`. Shingles found in more than `maxPosting` documents
 * (formulae every report uses) are not counted, which keeps the search
 * linear in practice.
 */
export function nearDuplicates(texts: readonly string[], threshold: number, maxPosting = 50): NearDuplicate[] {
  const sets = texts.map(shingles);
  const postings = new Map<number, number[]>();
  sets.forEach((set, d) => {
    for (const h of set) {
      const list = postings.get(h);
      if (list) list.push(d);
      else postings.set(h, [d]);
    }
  });
  const shared = new Map<number, number>();
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > maxPosting) continue;
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) {
      const key = list[x]! * texts.length + list[y]!;
      shared.set(key, (shared.get(key) ?? 0) + 1);
    }
  }
  const out: NearDuplicate[] = [];
  for (const [key, n] of shared) {
    const a = Math.floor(key / texts.length);
    const b = key % texts.length;
    const smaller = Math.min(sets[a]!.size, sets[b]!.size);
    const containment = smaller > 0 ? n / smaller : 0;
    if (smaller >= 5 && containment >= threshold) out.push({ a, b, containment });
  }
  return out.sort((p, q) => p.a - q.a || p.b - q.b);
}
