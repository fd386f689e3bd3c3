/** A cut of a long table: rows per document for tables with a doc_id, rows in all for the others. */
export interface Cut {
  perDocument: number;
  rows: number;
}

/**
 * The items of each document, at most `n` per document: its first n, or its
 * n of highest `rank` (ties in the given order); kept in the given order, so
 * a sheet's rows are the CSV's rows with some left out.
 */
export function keepPerDocument<T>(items: readonly T[], docOf: (t: T) => string, n: number, rank?: (t: T) => number): T[] {
  const byDoc = new Map<string, number[]>();
  items.forEach((t, i) => {
    const d = docOf(t);
    const list = byDoc.get(d);
    if (list) list.push(i);
    else byDoc.set(d, [i]);
  });
  const keep = new Uint8Array(items.length);
  for (const list of byDoc.values()) {
    const chosen = rank ? [...list].sort((a, b) => rank(items[b]!) - rank(items[a]!) || a - b).slice(0, n) : list.slice(0, n);
    for (const i of chosen) keep[i] = 1;
  }
  return items.filter((_, i) => keep[i] === 1);
}

/**
 * The rows of whole documents, in the given order, as many documents as fit
 * in `rows`: for tables whose rows of a document belong together (its
 * attention categories, its themes), where keeping some of each would mislead.
 */
export function keepWholeDocuments<T>(items: readonly T[], docOf: (t: T) => string, rows: number): { kept: T[]; documents: number } {
  const count = new Map<string, number>();
  for (const t of items) count.set(docOf(t), (count.get(docOf(t)) ?? 0) + 1);
  const fits = new Set<string>();
  let n = 0;
  for (const [d, c] of count) {
    if (n + c > rows) break;
    fits.add(d);
    n += c;
  }
  return { kept: items.filter((t) => fits.has(docOf(t))), documents: fits.size };
}

/**
 * The cut that keeps a sheet within `budget` rows: the budget shared by the
 * documents (at least one row each), or the budget itself for tables
 * without a doc_id.
 */
export function cutFor(budget: number, documents: number): Cut {
  // With more documents than rows, perDocument is 1 and the sheet would still hold a row per document: the cuts also stop at `rows`.
  return { perDocument: Math.max(1, Math.floor(budget / Math.max(1, documents))), rows: budget };
}
