import { describe, expect, it } from 'vitest';
import { silhouette } from '../../src/cluster/silhouette.js';
import { sphericalInertia } from '../../src/cluster/spherical.js';
import { pca2 } from '../../src/cluster/pca.js';
import { ingest, ingestParams } from '../../src/stages/ingest.js';
import { phrases, phrasesParams } from '../../src/stages/phrases.js';
import { segment, segmentParams } from '../../src/stages/segment.js';
import { weigh, weighParams } from '../../src/stages/weigh.js';
import { cluster, clusterParams } from '../../src/stages/cluster.js';
import type { Source } from '../../src/io/sources.js';

// Four unit vectors worked by hand: A1 = (1, 0), A2 = (0.8, 0.6), B1 = (0, 1), B2 = (-0.6, 0.8).
// Cosine distances: A1A2 0.2, A1B1 1, A1B2 1.6, A2B1 0.4, A2B2 1, B1B2 0.2.
const X = [[1, 0], [0.8, 0.6], [0, 1], [-0.6, 0.8]];
const labels = [0, 0, 1, 1];

describe('silhouette and inertia (hand-computed)', () => {
  it('silhouette with cosine distance', () => {
    // s(A1) = (1.3 − 0.2)/1.3 = 11/13, s(A2) = (0.7 − 0.2)/0.7 = 5/7, s(B1) = 5/7, s(B2) = 11/13; mean 71/91
    expect(silhouette(X, labels, 2)).toBeCloseTo(71 / 91, 14);
    expect(silhouette(X, labels, 2, [1])).toBeCloseTo(5 / 7, 14);
  });
  it('spherical inertia: Σ (1 − cos to the normalised cluster mean)', () => {
    // cluster A: mean direction (1.8, 0.6)/sqrt(3.6); both points at cosine 3/sqrt(10) = 0.9486832980505138; same for B
    expect(sphericalInertia(X, labels, 2).inertia).toBeCloseTo(4 - 12 / Math.sqrt(10), 14);
  });
  it('pca: the first component carries the largest spread, signs fixed', () => {
    const pts = [[2, 0.1], [-2, -0.1], [1, 0], [-1, 0]];
    const xy = pca2(pts);
    expect(Math.abs(xy[0]![0])).toBeGreaterThan(Math.abs(xy[0]![1]) * 10);
    expect(pca2(pts)).toEqual(xy);
  });
});

/** Adjusted Rand index (Hubert & Arabie 1985), written out independently of the code under test. */
function ari(a: readonly number[], b: readonly number[]): number {
  const c2 = (n: number) => (n * (n - 1)) / 2;
  const table = new Map<string, number>();
  const ra = new Map<number, number>();
  const rb = new Map<number, number>();
  a.forEach((x, i) => {
    table.set(`${x},${b[i]}`, (table.get(`${x},${b[i]}`) ?? 0) + 1);
    ra.set(x, (ra.get(x) ?? 0) + 1);
    rb.set(b[i]!, (rb.get(b[i]!) ?? 0) + 1);
  });
  const index = [...table.values()].reduce((s, n) => s + c2(n), 0);
  const sa = [...ra.values()].reduce((s, n) => s + c2(n), 0);
  const sb = [...rb.values()].reduce((s, n) => s + c2(n), 0);
  const expected = (sa * sb) / c2(a.length);
  return (index - expected) / ((sa + sb) / 2 - expected);
}

// Reports built from three kinds of paragraphs: farming, factories, pollution.
const THEMES = [
  ['粮食播种面积稳定增长,高标准农田建设加快推进,农民种植小麦玉米获得丰收,灌溉设施持续完善。', '发展设施农业和特色种植,推广良种良法,粮食单产提高,农田水利建设成效明显,农民收成增加。'],
  ['工厂新建生产线投产,制造业产能扩大,设备更新改造加快,工人技能培训持续开展。', '装备制造企业扩大产能,智能工厂和数字化车间建成,生产线自动化水平提高,制造业增加值增长。'],
  ['大气污染治理持续加强,工业废气排放减少,空气质量优良天数增加,水质监测全面覆盖。', '污染物排放总量下降,河道水质改善,环保督察问题整改完成,空气污染联防联控深入推进。'],
];
const COUNTIES = ['交城县', '文水县', '灵石县', '闻喜县', '稷山县', '襄汾县', '静乐县', '榆社县', '武功县', '桐庐县', '平遥县', '代县'];

function builtCorpusSources(): Source[] {
  return COUNTIES.map((county, i) => {
    const theme = THEMES[i % 3]!;
    const body = Array.from({ length: 6 }, (_, p) => theme[p % 2]!).join('\n');
    const text = `${county}2023年政府工作报告\n各位代表:\n现在,我代表县人民政府向大会报告工作,请予审议。\n一、2022年工作回顾\n${body}\n二、2023年工作安排\n${body}\n`;
    return { file: `built/${i}.txt`, format: 'text', encoding: 'utf-8', text, bytes: text.length, sha256: String(i) };
  });
}

describe('clustering recovers known groups', () => {
  it('finds the three kinds of report (ARI = 1, k = 3 chosen by silhouette) and labels them by their words', async () => {
    const corpus = ingest(builtCorpusSources(), ingestParams.parse({}));
    expect(corpus.documents).toHaveLength(12);
    const set = phrases(corpus, phrasesParams.parse({ discover: false }));
    const tokens = await segment(corpus, set, segmentParams.parse({ workers: 1 }));
    const weights = weigh(corpus, tokens, set, weighParams.parse({}));
    const params = clusterParams.parse({ themes: 3 });
    const c = cluster(corpus, tokens, weights, params);
    const truth = COUNTIES.map((_, i) => i % 3);
    expect(ari(c.cluster, truth)).toBeGreaterThanOrEqual(0.99); // threshold: perfect recovery on separated groups
    expect(c.kSelection.find((r) => r.chosen)!.k).toBe(3);
    const labelOf = (i: number) => c.labels[c.cluster[i]! - 1]!;
    expect(labelOf(0)).toMatch(/粮食|农田|农民|种植/u);
    expect(labelOf(1)).toMatch(/制造|生产线|产能|工厂/u);
    expect(labelOf(2)).toMatch(/污染|排放|空气|水质/u);
    // Determinism: the same run twice gives identical clusters and themes.
    const again = cluster(corpus, tokens, weights, params);
    expect(again.cluster).toEqual(c.cluster);
    expect(again.themeCounts).toEqual(c.themeCounts);
    // Every report's theme shares sum to 1 over its themed paragraphs.
    for (const id of weights.docIds) {
      const shares = c.themeCounts.filter((t) => t.doc_id === id && t.section === 'all').reduce((s, t) => s + t.share, 0);
      expect(shares).toBeCloseTo(1, 12);
    }
  });

  it('a corpus of two documents gets a clear message, not a crash', async () => {
    const corpus = ingest(builtCorpusSources().slice(0, 2), ingestParams.parse({}));
    const set = phrases(corpus, phrasesParams.parse({ discover: false }));
    const tokens = await segment(corpus, set, segmentParams.parse({ workers: 1 }));
    const weights = weigh(corpus, tokens, set, weighParams.parse({ keyness: [] }));
    const c = cluster(corpus, tokens, weights, clusterParams.parse({}));
    expect(c.cluster).toEqual([1, 1]);
    expect(c.messages.map((m) => m.origin)).toContain('cluster:small');
  });
});

describe('LSA (randomized SVD)', () => {
  it('keeps every cosine of a rank-2 matrix when reducing to 2 dimensions, and is deterministic', async () => {
    const { lsa } = await import('../../src/cluster/lsa.js');
    const { cosineDistance } = await import('../../src/cluster/spherical.js');
    // Rows are combinations of two 6-dimensional vectors u, v: rank 2, so X·V₂ loses nothing.
    const u = [1, 0, 2, 0, 1, 0];
    const v = [0, 1, 0, 3, 0, 1];
    const coef = [[1, 0], [0, 1], [1, 1], [2, -1], [0.5, 3], [1, 2], [3, 1]];
    const X = coef.map(([a, b]) => u.map((x, j) => a! * x + b! * v[j]!));
    const Z = lsa(X, 2, 7);
    expect(Z[0]).toHaveLength(2);
    for (let i = 0; i < X.length; i++) for (let j = 0; j < X.length; j++) expect(cosineDistance(Z[i]!, Z[j]!)).toBeCloseTo(cosineDistance(X[i]!, X[j]!), 9);
    expect(lsa(X, 2, 7)).toEqual(Z);
    expect(lsa(X, 10, 7)).toEqual(X); // fewer columns than dims: unchanged
  });
});
