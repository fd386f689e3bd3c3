/** A bounded top list of (cosine, document) pairs, shared by the similarity search and its worker. */

/**
 * A document's best neighbours so far: a binary heap whose root (index 0) is
 * the worst kept, so a candidate is accepted or rejected in O(log k).
 */
export interface TopK {
  cos: number[];
  doc: number[];
}

/** Entry i ranks below (cos c, document e): lower cosine, or equal cosine and higher index. */
function worse(h: TopK, i: number, c: number, e: number): boolean {
  const ci = h.cos[i]!;
  return ci < c || (ci === c && h.doc[i]! > e);
}

export function offer(h: TopK, k: number, c: number, e: number): void {
  if (h.cos.length < k) {
    let i = h.cos.length;
    h.cos.push(c);
    h.doc.push(e);
    // Sift up: parents must rank below their children.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(h, i, h.cos[parent]!, h.doc[parent]!)) break;
      swap(h, i, parent);
      i = parent;
    }
    return;
  }
  if (!worse(h, 0, c, e)) return;
  h.cos[0] = c;
  h.doc[0] = e;
  const m = h.cos.length;
  for (let i = 0; ; ) {
    const l = 2 * i + 1;
    const r = l + 1;
    let w = i;
    if (l < m && worse(h, l, h.cos[w]!, h.doc[w]!)) w = l;
    if (r < m && worse(h, r, h.cos[w]!, h.doc[w]!)) w = r;
    if (w === i) break;
    swap(h, i, w);
    i = w;
  }
}

function swap(h: TopK, i: number, j: number): void {
  const c = h.cos[i]!;
  const e = h.doc[i]!;
  h.cos[i] = h.cos[j]!;
  h.doc[i] = h.doc[j]!;
  h.cos[j] = c;
  h.doc[j] = e;
}

