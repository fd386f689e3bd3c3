/**
 * New-phrase discovery over character n-grams (after Matrix67's "互联网时代的
 * 社会语言学" and the jieba/THUNLP new-word literature): a phrase is a string
 * that occurs often, whose parts stick together (cohesion: the lowest
 * pointwise mutual information over its binary splits) and that is free at
 * both ends (boundary entropy: many different characters before and after).
 *
 * Counting every n-gram of a large corpus does not fit in memory, so counting
 * is pruned level by level (an n-gram can only be frequent if both of its
 * (n-1)-grams are) and n-grams are keyed by numbers: (id of the prefix, last
 * character). Only Han runs are mined: punctuation, digits and Latin text end
 * a run and count as a free boundary.
 */

export interface NgramOptions {
  minLen: number;
  maxLen: number;
  /** Occurrences needed to be kept (and to be extended). */
  minCount: number;
  /** When given, boundary entropies are computed only for n-grams at least this cohesive (the rest get none and are not returned). */
  minCohesion?: number;
}

export interface NgramStat {
  gram: string;
  count: number;
  /** min over binary splits of ln(c(w)·N / (c(a)·c(b))), N = characters mined. */
  cohesion: number;
  leftEntropy: number;
  rightEntropy: number;
}

/** A run of Han characters and what stands before and after it. */
export interface Run {
  text: string;
  /** Neighbour class at each end: a code for digits (2022年…) or Latin letters, or -1 for a free boundary (punctuation, line end). */
  before: number;
  after: number;
}

const DIGIT_CLASS = 0x30;
const LATIN_CLASS = 0x41;
function neighbourClass(ch: string | undefined): number {
  if (ch === undefined) return -1;
  if (/[0-9.%]/u.test(ch)) return DIGIT_CLASS;
  if (/[A-Za-z]/u.test(ch)) return LATIN_CLASS;
  return -1;
}

/** Runs of Han characters (the only text mined). A run after digits is not free on that side: 年工作安排 is no phrase. */
export function hanRuns(text: string, minLen = 2): Run[] {
  const out: Run[] = [];
  // BMP Han only: mining works on UTF-16 units, and a rare character outside the BMP ends a run instead of being cut in half.
  for (const m of text.matchAll(new RegExp(`[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]{${minLen},}`, 'gu'))) {
    const start = m.index;
    out.push({ text: m[0], before: neighbourClass(text[start - 1]), after: neighbourClass(text[start + m[0].length]) });
  }
  return out;
}

const neighbourCount = new Int32Array(65536);

/** Boundary entropy of the neighbours codes[from..to) (-1: a free boundary), distinct neighbours in order of first appearance. */
function sideEntropy(codes: Int32Array, from: number, to: number, total: number): number {
  const distinct: number[] = [];
  let boundary = 0;
  for (let x = from; x < to; x++) {
    const c = codes[x]!;
    if (c < 0) boundary++;
    else if (neighbourCount[c]!++ === 0) distinct.push(c);
  }
  let h = 0;
  for (const c of distinct) {
    const p = neighbourCount[c]! / total;
    h -= p * Math.log(p);
    neighbourCount[c] = 0;
  }
  // Each run boundary counts as a distinct neighbour: the end of a clause frees a phrase.
  if (boundary > 0) h -= boundary * (1 / total) * Math.log(1 / total);
  return h;
}

/**
 * Counts, cohesion and boundary entropies of every n-gram (minLen..maxLen) occurring at least minCount times.
 * The runs are laid end to end and every per-position table is one flat array over all of them (an array per
 * run and level would be 10^6 small arrays on a 2 M-character sample, most of the time going to allocation).
 */
export function mineNgrams(runList: readonly Run[], opts: NgramOptions): NgramStat[] {
  const all = runList.map((r) => r.text).join('');
  const total = all.length;
  // Per position: the run it stands in, and how many characters of that run start there (the run's rest).
  const runOf = new Int32Array(total);
  const rest = new Int32Array(total);
  const runStart = new Int32Array(runList.length);
  let x0 = 0;
  for (let ri = 0; ri < runList.length; ri++) {
    const len = runList[ri]!.text.length;
    runStart[ri] = x0;
    for (let i = 0; i < len; i++) {
      runOf[x0 + i] = ri;
      rest[x0 + i] = len - i;
    }
    x0 += len;
  }
  // Unigram counts, characters in order of first appearance.
  const unigram = new Int32Array(65536);
  const firstSeen: number[] = [];
  for (let x = 0; x < total; x++) {
    const c = all.charCodeAt(x);
    if (unigram[c]!++ === 0) firstSeen.push(c);
  }
  // Frequent characters get dense indices, so that keys (prefix id x characters + character) stay exact integers.
  const charIndex = new Int32Array(65536).fill(-1);
  const charCount: number[] = [];
  for (const c of firstSeen) {
    if (unigram[c]! < opts.minCount) continue;
    charIndex[c] = charCount.length;
    charCount.push(unigram[c]!);
  }
  const C = Math.max(1, charCount.length);

  // Per level n: the id of the n-gram starting at each position (-1 where pruned or where the run is too short)
  // and each id's count; substrings of a gram are looked up by position, not by string.
  const chars = new Int32Array(total);
  for (let x = 0; x < total; x++) chars[x] = charIndex[all.charCodeAt(x)]!;
  const levelIds: Int32Array[] = [new Int32Array(0), chars];
  const levelCount: Int32Array[] = [new Int32Array(0), Int32Array.from(charCount)];
  let prev = chars;
  // Positions where the previous level kept an n-gram, in text order: a longer n-gram can start only there,
  // and they thin out level by level.
  let live = new Int32Array(total);
  let liveCount = 0;
  for (let x = 0; x < total; x++) if (chars[x]! >= 0) live[liveCount++] = x;
  const out: NgramStat[] = [];

  for (let n = 2; n <= opts.maxLen; n++) {
    // Count (prefix id, last character) pairs by grouping positions by prefix (a counting sort), then
    // counting last characters in a scratch array: linear, where a Map of ~10^6 large keys is several times slower.
    // A position counts when the n-gram fits in its run and both of its (n-1)-grams were kept.
    const G = levelCount[n - 1]!.length;
    const start = new Int32Array(G + 1);
    let positions = 0;
    for (let l = 0; l < liveCount; l++) {
      const x = live[l]!;
      if (rest[x]! >= n && prev[x + 1]! >= 0) {
        start[prev[x]! + 1]!++;
        positions++;
      }
    }
    for (let g = 0; g < G; g++) start[g + 1]! += start[g]!;
    const fill = start.slice(0, G);
    const lastOf = new Int32Array(positions);
    const slotOf = new Int32Array(positions);
    let q = 0;
    for (let l = 0; l < liveCount; l++) {
      const x = live[l]!;
      if (rest[x]! >= n && prev[x + 1]! >= 0) {
        const slot = fill[prev[x]!]!++;
        lastOf[slot] = chars[x + n - 1]!;
        slotOf[q++] = slot;
      }
    }
    // Per slot (grouped position): the index of its frequent key, or -1.
    const keyOfSlot = new Int32Array(positions).fill(-1);
    const keyCount: number[] = [];
    const seen = new Int32Array(C);
    const keyOfChar = new Int32Array(C).fill(-1);
    for (let g = 0; g < G; g++) {
      for (let x = start[g]!; x < start[g + 1]!; x++) seen[lastOf[x]!]!++;
      for (let x = start[g]!; x < start[g + 1]!; x++) {
        const c = lastOf[x]!;
        if (seen[c]! < opts.minCount) continue;
        if (keyOfChar[c]! < 0) {
          keyOfChar[c] = keyCount.length;
          keyCount.push(seen[c]!);
        }
        keyOfSlot[x] = keyOfChar[c]!;
      }
      for (let x = start[g]!; x < start[g + 1]!; x++) {
        seen[lastOf[x]!] = 0;
        keyOfChar[lastOf[x]!] = -1;
      }
    }
    // Kept n-grams get dense ids, in order of first occurrence, for the next level.
    const idOfKey = new Int32Array(keyCount.length).fill(-1);
    const grams: string[] = [];
    const first: number[] = [];
    const counts: number[] = [];
    const cur = new Int32Array(total).fill(-1);
    const next = new Int32Array(positions);
    let nextCount = 0;
    q = 0;
    for (let l = 0; l < liveCount; l++) {
      const x = live[l]!;
      if (rest[x]! < n || prev[x + 1]! < 0) continue;
      const u = keyOfSlot[slotOf[q++]!]!;
      if (u < 0) continue;
      let id = idOfKey[u]!;
      if (id < 0) {
        idOfKey[u] = id = grams.length;
        grams.push(all.slice(x, x + n));
        first.push(x);
        counts.push(keyCount[u]!);
      }
      cur[x] = id;
      next[nextCount++] = x;
    }
    if (grams.length === 0) break;
    const gramCount = Int32Array.from(counts);
    levelIds.push(cur);
    levelCount.push(gramCount);

    if (n >= opts.minLen) {
      // Boundary neighbours, only for n-grams that cohere (the rest are never reported).
      const cohesion = new Float64Array(grams.length);
      for (let id = 0; id < grams.length; id++) {
        const x = first[id]!;
        let c = Infinity;
        for (let k = 1; k < n; k++) {
          const ia = levelIds[k]![x]!;
          const ib = levelIds[n - k]![x + k]!;
          if (ia < 0 || ib < 0) continue;
          const ca = levelCount[k]![ia]!;
          const cb = levelCount[n - k]![ib]!;
          c = Math.min(c, Math.log((gramCount[id]! * total) / (ca * cb)));
        }
        cohesion[id] = c;
      }
      // Neighbours of each cohesive n-gram's occurrences, grouped by n-gram in text order; entropies are summed
      // over distinct neighbours in order of first appearance (as a Map of counts would iterate them).
      const minCohesion = opts.minCohesion ?? -Infinity;
      const offset = new Int32Array(grams.length + 1);
      for (let id = 0; id < grams.length; id++) offset[id + 1] = offset[id]! + (cohesion[id]! < minCohesion ? 0 : gramCount[id]!);
      const at = offset.slice(0, grams.length);
      const leftOf = new Int32Array(offset[grams.length]!);
      const rightOf = new Int32Array(offset[grams.length]!);
      const order: number[] = [];
      for (let l = 0; l < nextCount; l++) {
        const x = next[l]!;
        const id = cur[x]!;
        if (cohesion[id]! < minCohesion) continue;
        if (at[id] === offset[id]) order.push(id);
        const y = at[id]!++;
        const run = runList[runOf[x]!]!;
        leftOf[y] = x > runStart[runOf[x]!]! ? all.charCodeAt(x - 1) : run.before;
        rightOf[y] = rest[x]! > n ? all.charCodeAt(x + n) : run.after;
      }
      for (const id of order) {
        const count = gramCount[id]!;
        const from = offset[id]!;
        const to = offset[id + 1]!;
        out.push({ gram: grams[id]!, count, cohesion: cohesion[id]!, leftEntropy: sideEntropy(leftOf, from, to, count), rightEntropy: sideEntropy(rightOf, from, to, count) });
      }
    }
    prev = cur;
    live = next;
    liveCount = nextCount;
  }
  return out;
}
