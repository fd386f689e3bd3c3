import { beforeAll, describe, expect, it } from 'vitest';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams, type PhraseSet } from '../../src/artifacts/phrases.js';
import { segment } from '../../src/stages/segment.js';
import { segmentParams, tokensOf, type Tokens } from '../../src/artifacts/tokens.js';
import { weigh } from '../../src/stages/weigh.js';
import { policyTermRows } from '../../src/weigh/policy.js';
import { weighParams, type PolicyTermRow, type Weights } from '../../src/artifacts/weights.js';
import { kwic } from '../../src/weigh/kwic.js';
import { sampleCorpus } from '../fixtures/samples.js';

let set: PhraseSet;
let tokens: Tokens;
let w: Weights;
let policyTerms: PolicyTermRow[];
beforeAll(async () => {
  set = phrases(sampleCorpus(), phrasesParams.parse({}));
  tokens = await segment(sampleCorpus(), set, segmentParams.parse({ workers: 1 }));
  w = weigh(sampleCorpus(), tokens, set, weighParams.parse({}));
  policyTerms = [...policyTermRows(w)];
});

describe('weigh on the samples', () => {
  it('policy_terms counts equal the token counts, per 10,000 counted tokens', () => {
    for (const d of tokens.documents) {
      const toks = tokensOf(tokens, d);
      for (const row of policyTerms.filter((p) => p.doc_id === d.doc_id)) {
        const n = toks.filter((t) => t === row.term).length;
        expect(row.count, `${row.term} in ${d.doc_id}`).toBe(n);
        expect(row.per_10k).toBeCloseTo((n / toks.length) * 10000, 10);
      }
    }
  });

  it('lists every lexicon term that occurs in a document, with its category', () => {
    const d = tokens.documents[0]!;
    const toks = new Set(tokensOf(tokens, d));
    const listed = new Set(policyTerms.filter((p) => p.doc_id === d.doc_id).map((p) => p.term));
    for (const e of set.lexicon.entries) expect(listed.has(e.term), e.term).toBe(toks.has(e.term));
    const rural = policyTerms.find((p) => p.term === '乡村振兴');
    expect(rural?.category).toBe('rural');
  });

  it('keywords are each document\'s top tf-idf terms, ranked', () => {
    const id = tokens.documents[0]!.doc_id;
    const kw = w.keywords.filter((k) => k.doc_id === id);
    expect(kw).toHaveLength(20);
    expect(kw.map((k) => k.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (let i = 1; i < kw.length; i++) expect(kw[i - 1]!.tfidf).toBeGreaterThanOrEqual(kw[i]!.tfidf);
  });

  it('each document\'s tf-idf vector has unit length (L2)', () => {
    const m = w.features;
    for (let d = 0; d < m.nDocs; d++) {
      let s = 0;
      for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) s += w.tfidf.weights[k]! ** 2;
      expect(s).toBeCloseTo(1, 12);
    }
  });

  it('KWIC hits of a term equal its policy_terms count in every document', () => {
    for (const term of ['乡村振兴', '项目为王', '六新', '营商环境', '高质量发展', '专精特新']) {
      const hits = kwic(sampleCorpus(), set, segmentParams.parse({}), term, 10);
      expect(hits.length, term).toBeGreaterThan(0);
      for (const d of tokens.documents) {
        const counted = policyTerms.find((p) => p.doc_id === d.doc_id && p.term === term)?.count ?? 0;
        expect(hits.filter((h) => h.doc_id === d.doc_id).length, `${term} in ${d.doc_id}`).toBe(counted);
      }
      for (const h of hits) expect(h.term).toBe(term);
    }
  });

  it('computes the environmental-attention preset (陈诗一、陈登科 2018) as hits per 10,000 counted tokens', () => {
    const rows = w.attention.filter((a) => a.dictionary === 'env_attention_chen2018');
    expect(rows).toHaveLength(tokens.documents.length);
    for (const r of rows) expect(r.per_10k).toBeCloseTo((r.hits / r.tokens) * 10000, 10);
  });

  it('keyness counts are the groups\' token counts, and over-use in the target is positive', () => {
    const byYear = w.keyness.filter((k) => k.group_by === 'year' && k.target === '2021');
    expect(byYear.length).toBeGreaterThan(0);
    const years = new Map(sampleCorpus().documents.map((d) => [d.doc_id, d.year]));
    for (const k of byYear.slice(0, 5)) {
      let target = 0;
      let reference = 0;
      for (const d of tokens.documents) {
        const n = tokensOf(tokens, d).filter((t) => t === k.term).length;
        if (years.get(d.doc_id) === 2021) target += n;
        else reference += n;
      }
      expect([k.target_count, k.reference_count], k.term).toEqual([target, reference]);
      expect(k.g2).toBeGreaterThan(0);
      expect(k.reference).toBe('2023'); // two years in the samples: each against the other
    }
    expect(new Set(w.keyness.map((k) => k.group_by))).toEqual(new Set(['year', 'level', 'section']));
  });

  it('similarity: each document\'s nearest documents by the cosine of their tf-idf rows', () => {
    const m = w.features;
    const vec = (d: number) => {
      const v = new Map<number, number>();
      for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) v.set(m.indices[k]!, w.tfidf.weights[k]!);
      return v;
    };
    for (const s of w.similarity.filter((x) => x.doc === 0)) {
      const [a, b] = [vec(0), vec(s.neighbour)];
      let dot = 0;
      for (const [t, x] of a) dot += x * (b.get(t) ?? 0);
      expect(s.cosine).toBeCloseTo(dot, 12); // rows are unit length, so the cosine is the dot product
    }
    expect(w.similarity.filter((x) => x.doc === 0).map((x) => x.rank)).toEqual([1, 2, 3, 4, 5]);
  });
});
