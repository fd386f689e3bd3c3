import { sectionOf, type Corpus, type Message } from '../artifacts/corpus.js';
import type { Tokens } from '../artifacts/tokens.js';
import type { KeynessTableRow, WeighParams } from '../artifacts/weights.js';
import type { Dtm } from './dtm.js';
import { groupCounts, keyness } from './keyness.js';

/**
 * Keyness comparisons: for each grouping variable, each of its values against
 * all other documents (or, with exactly two values, against the other one).
 * `section` compares the review, plan and other sections of all reports.
 */
export function keynessTables(corpus: Corpus, tokens: Tokens, counts: Dtm, params: WeighParams, messages: Message[]): KeynessTableRow[] {
  const rows: KeynessTableRow[] = [];
  const docs = new Map(corpus.documents.map((d) => [d.doc_id, d]));
  const nTerms = tokens.vocab.length;
  for (const variable of params.keyness) {
    // Token counts per value of the variable.
    const groups = new Map<string, Float64Array>();
    const groupOf = (v: string) => {
      let g = groups.get(v);
      if (!g) groups.set(v, (g = new Float64Array(nTerms)));
      return g;
    };
    if (variable === 'section') {
      tokens.documents.forEach((td) => {
        const doc = docs.get(td.doc_id)!;
        for (let p = 0; p < td.paragraphStarts.length; p++) {
          const kind = sectionOf(doc, p + 1)?.kind ?? 'other';
          const end = p + 1 < td.paragraphStarts.length ? td.paragraphStarts[p + 1]! : td.ids.length;
          const g = groupOf(kind);
          for (let k = td.paragraphStarts[p]!; k < end; k++) g[td.ids[k]!]! += 1;
        }
      });
    } else {
      if (!corpus.documents.some((d) => variable in d)) {
        messages.push({ origin: 'weigh:keyness', text: `keyness by '${variable}' skipped: not a column of corpus.csv` });
        continue;
      }
      const byValue = new Map<string, number[]>();
      tokens.documents.forEach((td, i) => {
        const v = String((docs.get(td.doc_id) as unknown as Record<string, unknown>)[variable] ?? '');
        if (v === '' || v === 'null') return;
        const list = byValue.get(v);
        if (list) list.push(i);
        else byValue.set(v, [i]);
      });
      for (const [v, ids] of byValue) groups.set(v, groupCounts(counts, ids));
    }
    const values = [...groups.keys()].sort();
    if (values.length < 2) {
      messages.push({ origin: 'weigh:keyness', text: `keyness by '${variable}' skipped: only ${values.length} value(s) in the corpus` });
      continue;
    }
    const total = new Float64Array(nTerms);
    for (const g of groups.values()) for (let t = 0; t < nTerms; t++) total[t]! += g[t]!;
    for (const v of values) {
      const target = groups.get(v)!;
      const reference = total.map((x, t) => x - target[t]!);
      const label = values.length === 2 ? values.find((w) => w !== v)! : 'rest';
      for (const r of keyness(target, reference).slice(0, params.keyness_top)) {
        rows.push({ group_by: variable, target: v, reference: label, term: tokens.vocab[r.term]!, target_count: r.target_count, reference_count: r.reference_count, g2: r.g2, chi2: r.chi2, p_value: r.p_value, log_ratio: r.log_ratio });
      }
    }
  }
  return rows;
}
