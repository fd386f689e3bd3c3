/**
 * The policy-term table: every lexicon term and compounded phrase in each
 * document with its count (its string in the cleaned text, see
 * src/text/count.ts: nested terms counted in both, enumeration marks and
 * spaces ignored), its rate per 10,000 counted tokens and its tf-idf as a
 * token.
 */
import type { PhraseSet } from '../artifacts/phrases.js';
import type { PolicyTable, PolicyTermRow, Weights } from '../artifacts/weights.js';
import { TermCounter, type Ignored } from '../text/count.js';
import { ColumnBuilder } from '../linalg/column.js';
import type { ScanOptions } from '../text/scan-documents.js';
import { per10k } from './rate.js';

/** The category of every policy term: lexicon terms by their lexicon category, compounded discoveries as `discovered:KIND`. */
export function policyCategories(phraseSet: Pick<PhraseSet, 'lexicon' | 'phrases'>): Map<string, string> {
  const categoryOf = new Map<string, string>();
  for (const e of phraseSet.lexicon.entries) categoryOf.set(e.term, e.category);
  for (const p of phraseSet.phrases) if (p.compound && !categoryOf.has(p.phrase)) categoryOf.set(p.phrase, `discovered:${p.kind}`);
  return categoryOf;
}

/**
 * The rows of the policy-term table one at a time, in document order; with
 * `perDocument`, only each document's first N rows (its N terms of most hits,
 * ties by term, as the rows are ordered).
 */
export function policyTermRows(w: Pick<Weights, 'policyTable' | 'docIds' | 'tokenTotals'>, perDocument = Infinity): Generator<PolicyTermRow> {
  return policyRows(w.policyTable, w.docIds, w.tokenTotals, perDocument);
}

/**
 * Counts every policy term in every document's text (`documents.text(d)`:
 * document d's paragraphs, asked for once, in order, so that a released
 * corpus text is read back one document at a time). `tfidfOf(d, term)` is
 * the term's tf-idf as a token of document d (0 when it is not one: a term
 * found only inside a longer term is no token of its own).
 *
 * With `dictionaries` (substring attention dictionaries), the same scan
 * gives each dictionary's hits per document and category
 * (`dictionaryHits[k][doc * categories + category]`: the sum of its words'
 * counts).
 *
 * @example buildPolicyTable({ length: 1, text: () => ['科教兴国战略和科教兴国'] }, new Map([['科教兴国', 'x'], ['科教兴国战略', 'x']]), () => 0)
 * // rows: 科教兴国 2, 科教兴国战略 1
 */
export function buildPolicyTable(
  documents: { readonly length: number; text(doc: number): readonly string[] },
  categories: ReadonlyMap<string, string>,
  tfidfOf: (doc: number, term: string) => number,
  ignored?: Ignored,
  dictionaries: readonly { categories: ReadonlyMap<string, readonly string[]> }[] = [],
  options?: ScanOptions,
): PolicyTable & { dictionaryHits: Float64Array[] } {
  const terms = [...categories.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // One scan of each document's text for the policy terms and the words of the substring dictionaries together
  // (a released corpus text is read back from clean/ once per document).
  const all = [...terms];
  const index = new Map(terms.map((t, i) => [t, i]));
  const catsOf: { dict: number; cat: number }[][] = terms.map(() => []);
  dictionaries.forEach((dict, di) => {
    [...dict.categories.keys()].forEach((c, ci) => {
      for (const w of new Set(dict.categories.get(c))) {
        let i = index.get(w);
        if (i === undefined) {
          index.set(w, (i = all.length));
          all.push(w);
          catsOf.push([]);
        }
        catsOf[i]!.push({ dict: di, cat: ci });
      }
    });
  });
  const dictionaryHits = dictionaries.map((d) => new Float64Array(documents.length * d.categories.size));
  const counter = new TermCounter(all, ignored);
  const ptr = new Uint32Array(documents.length + 1);
  // Built in typed chunks: 17 M rows at 10,000 reports.
  const term = new ColumnBuilder((n) => new Uint32Array(n));
  const count = new ColumnBuilder((n) => new Uint32Array(n));
  const tfidf = new ColumnBuilder((n) => new Float64Array(n));
  const policy: number[] = [];
  counter.countDocumentsInto(
    documents.length,
    (d) => documents.text(d),
    (d, found, size, countOf) => {
      policy.length = 0;
      for (let k = 0; k < size; k++) {
        const t = found[k]!;
        for (const { dict, cat } of catsOf[t]!) dictionaryHits[dict]![d * dictionaries[dict]!.categories.size + cat]! += countOf[t]!;
        if (t < terms.length) policy.push(t);
      }
      // Found in index order (= term order for policy terms): by count, ties by term.
      policy.sort((a, b) => countOf[b]! - countOf[a]! || a - b);
      for (const t of policy) {
        term.push(t);
        count.push(countOf[t]!);
        tfidf.push(tfidfOf(d, terms[t]!));
      }
      ptr[d + 1] = term.length;
    },
    options,
  );
  return { ptr, term: term.finish(), count: count.finish(), tfidf: tfidf.finish(), terms, category: terms.map((t) => categories.get(t)!), dictionaryHits };
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
      yield { doc_id: docIds[d]!, term: terms[term[r]!]!, category: category[term[r]!]!, count: c, per_10k: per10k(c, total), tfidf: tfidf[r]! };
    }
  }
}
