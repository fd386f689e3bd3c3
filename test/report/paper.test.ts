import { beforeAll, describe, expect, it } from 'vitest';
import { leadingPolicyTerms, policyTermCounts } from '../../src/report/paper.js';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams } from '../../src/artifacts/phrases.js';
import { segment } from '../../src/stages/segment.js';
import { segmentParams } from '../../src/artifacts/tokens.js';
import { weigh } from '../../src/stages/weigh.js';
import { policyTermRows } from '../../src/weigh/policy.js';
import { weighParams, type Weights } from '../../src/artifacts/weights.js';
import { sampleCorpus } from '../fixtures/samples.js';

let w: Weights;
let reports: Set<string>;
beforeAll(async () => {
  const corpus = sampleCorpus();
  const set = phrases(corpus, phrasesParams.parse({}));
  w = weigh(corpus, await segment(corpus, set, segmentParams.parse({ workers: 1 })), set, weighParams.parse({}));
  reports = new Set(corpus.documents.filter((d) => d.kind === 'report').map((d) => d.doc_id));
});

const isPolicy = (c: string) => !c.startsWith('discovered:') || c === 'discovered:quoted' || c === 'discovered:numeric';

describe('policy-term counts shared by the report tables', () => {
  it('rank the terms by reports using them, then hits, as a recount of the policy-term rows does', () => {
    // Independently: from the row objects of the table, reports only.
    const byTerm = new Map<string, { term: string; category: string; docs: number; count: number }>();
    for (const p of policyTermRows(w)) {
      if (!reports.has(p.doc_id) || !isPolicy(p.category)) continue;
      const t = byTerm.get(p.term) ?? { term: p.term, category: p.category, docs: 0, count: 0 };
      t.docs++;
      t.count += p.count;
      byTerm.set(p.term, t);
    }
    const expected = [...byTerm.values()].sort((a, b) => b.docs - a.docs || b.count - a.count || (a.term < b.term ? -1 : 1));
    const counted = policyTermCounts(w, reports, 20);
    expect(counted.leading).toEqual(expected);
    expect(leadingPolicyTerms(w, reports, 12)).toEqual(expected.slice(0, 12));
    expect(expected.length).toBeGreaterThan(20);
  });

  it('hold the hits of the first `top` terms in every report that uses them', () => {
    const counted = policyTermCounts(w, reports, 5);
    expect([...counted.hits.keys()]).toEqual(counted.leading.slice(0, 5).map((t) => t.term));
    for (const [term, hits] of counted.hits) {
      const rows = [...policyTermRows(w)].filter((p) => p.term === term && reports.has(p.doc_id));
      expect([...hits]).toEqual(rows.map((p) => [p.doc_id, p.count]));
    }
  });
});
