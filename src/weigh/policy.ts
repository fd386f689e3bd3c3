/**
 * The policy-term table: every lexicon term and compounded phrase in each
 * document with its count (its string in the cleaned text, see
 * src/text/count.ts: nested terms counted in both, enumeration marks and
 * spaces ignored), its rate per 10,000 counted tokens and its tf-idf as a
 * token.
 */
import { TermCounter, type Ignored } from '../text/count.js';

/**
 * Columnar: the rows of document d are ptr[d] .. ptr[d+1], each a policy
 * term (an index into `terms`) with its count and tf-idf; rows within a
 * document by count descending, then term (code-unit order).
 */
export interface PolicyTable {
  ptr: Uint32Array;
  term: Uint32Array;
  count: Float64Array;
  tfidf: Float64Array;
  /** The policy terms, sorted (code-unit order), and the category of each. */
  terms: string[];
  category: string[];
}

export interface PolicyTermRow {
  doc_id: string;
  term: string;
  category: string;
  count: number;
  per_10k: number;
  tfidf: number;
}

/**
 * Counts every policy term in every document's text. `tfidfOf(d, term)` is
 * the term's tf-idf as a token of document d (0 when it is not one: a term
 * found only inside a longer term is no token of its own).
 *
 * @example buildPolicyTable([['科教兴国战略和科教兴国']], new Map([['科教兴国', 'x'], ['科教兴国战略', 'x']]), () => 0)
 * // rows: 科教兴国 2, 科教兴国战略 1
 */
export function buildPolicyTable(
  documents: readonly (readonly string[])[],
  categories: ReadonlyMap<string, string>,
  tfidfOf: (doc: number, term: string) => number,
  ignored?: Ignored,
): PolicyTable {
  const terms = [...categories.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const counter = new TermCounter(terms, ignored);
  const ptr = new Uint32Array(documents.length + 1);
  const term: number[] = [];
  const count: number[] = [];
  const tfidf: number[] = [];
  documents.forEach((paragraphs, d) => {
    // countDocument lists terms in index order (= term order); a stable sort by count keeps that among equals.
    const found = counter.countDocument(paragraphs).sort((a, b) => b.count - a.count);
    for (const f of found) {
      term.push(f.term);
      count.push(f.count);
      tfidf.push(tfidfOf(d, terms[f.term]!));
    }
    ptr[d + 1] = term.length;
  });
  return { ptr, term: Uint32Array.from(term), count: Float64Array.from(count), tfidf: Float64Array.from(tfidf), terms, category: terms.map((t) => categories.get(t)!) };
}

/**
 * The rows of the policy-term table one at a time, in document order; with
 * `perDocument`, only each document's first N rows (its N terms of most hits,
 * ties by term, as the rows are ordered). per_10k = count / counted tokens x 10,000.
 */
export function* policyRows(table: PolicyTable, docIds: readonly string[], tokenTotals: Float64Array, perDocument = Infinity): Generator<PolicyTermRow> {
  const { ptr, term, count, tfidf, terms, category } = table;
  for (let d = 0; d + 1 < ptr.length; d++) {
    const total = tokenTotals[d]!;
    const end = Math.min(ptr[d + 1]!, ptr[d]! + perDocument);
    for (let r = ptr[d]!; r < end; r++) {
      const c = count[r]!;
      yield { doc_id: docIds[d]!, term: terms[term[r]!]!, category: category[term[r]!]!, count: c, per_10k: total > 0 ? (c / total) * 10000 : 0, tfidf: tfidf[r]! };
    }
  }
}
