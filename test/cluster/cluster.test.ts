import { describe, expect, it } from 'vitest';
import { sampledDistanceRows, silhouette, silhouetteFromSampledRows } from '../../src/cluster/silhouette.js';
import { distinctiveTerms, GroupTerms } from '../../src/cluster/labels.js';
import { kmeansPlusPlus } from '../../src/cluster/spherical.js';
import { kmeans } from 'ml-kmeans';
import { sphericalInertia } from '../../src/cluster/spherical.js';
import { pca2 } from '../../src/cluster/pca.js';
import { ingest } from '../../src/stages/ingest.js';
import { ingestParams } from '../../src/artifacts/corpus.js';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams } from '../../src/artifacts/phrases.js';
import { segment } from '../../src/stages/segment.js';
import { segmentParams } from '../../src/artifacts/tokens.js';
import { weigh } from '../../src/stages/weigh.js';
import { weighParams } from '../../src/artifacts/weights.js';
import { cluster } from '../../src/stages/cluster.js';
import { clusterParams } from '../../src/artifacts/clusters.js';
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
    // Distances from a sample computed once give the same sampled silhouette: (5/7 + 11/13) / 2 for A2 and B2.
    const sample = [1, 3];
    expect(silhouetteFromSampledRows(sampledDistanceRows(X, sample), sample, 4, labels, 2)).toBeCloseTo((5 / 7 + 11 / 13) / 2, 14);
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

  it('k_selection: the chosen row\'s silhouette and inertia equal a direct computation on the report vectors', async () => {
    const corpus = ingest(builtCorpusSources(), ingestParams.parse({}));
    const set = phrases(corpus, phrasesParams.parse({ discover: false }));
    const tokens = await segment(corpus, set, segmentParams.parse({ workers: 1 }));
    const weights = weigh(corpus, tokens, set, weighParams.parse({ keyness: [] }));
    // dims 0: k-means on the tf-idf vectors themselves, so the check needs no LSA.
    const c = cluster(corpus, tokens, weights, clusterParams.parse({ themes: 3, dims: 0 }));
    const m = weights.features;
    const terms = [...new Set(m.indices)].sort((a, b) => a - b);
    const vecs = Array.from({ length: m.nDocs }, (_, d) => {
      const v = new Map<number, number>();
      for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) v.set(m.indices[k]!, weights.tfidf.weights[k]!);
      const x = terms.map((t) => v.get(t) ?? 0);
      const norm = Math.hypot(...x);
      return x.map((a) => a / norm);
    });
    const cos = (a: number[], b: number[]) => a.reduce((s, x, j) => s + x * b[j]!, 0) / (Math.hypot(...a) * Math.hypot(...b));
    const lab = c.cluster.map((l) => l - 1);
    const k = Math.max(...lab) + 1;
    // Rousseeuw's silhouette with cosine distance, point by point.
    const s = vecs.map((x, i) => {
      const mean = (g: number) => {
        const others = vecs.filter((_, j) => j !== i && lab[j] === g);
        return others.reduce((t, y) => t + 1 - cos(x, y), 0) / others.length;
      };
      const a = mean(lab[i]!);
      const b = Math.min(...Array.from({ length: k }, (_, g) => g).filter((g) => g !== lab[i]).map(mean));
      return (b - a) / Math.max(a, b);
    });
    const chosen = c.kSelection.find((r) => r.chosen)!;
    expect(chosen.k).toBe(3);
    expect(chosen.silhouette).toBeCloseTo(s.reduce((a, b) => a + b, 0) / s.length, 10);
    const centre = (g: number) => terms.map((_, j) => vecs.filter((_, i) => lab[i] === g).reduce((t, x) => t + x[j]!, 0));
    const inertia = vecs.reduce((t, x, i) => t + 1 - cos(x, centre(lab[i]!)), 0);
    expect(chosen.inertia).toBeCloseTo(inertia, 10);
    expect(c.silhouette.reduce((a, b) => a! + b!, 0)! / 12).toBeCloseTo(chosen.silhouette, 12);
  });

  it('leaves a plan paragraph that cites a congress session (人民代表大会第一次会议上) in the themes (regression)', async () => {
    const cite = '落实县第十七届人民代表大会第一次会议上审议通过的粮食生产规划,新建高标准农田,扩大粮食种植面积,帮助农民增收。';
    const sources = builtCorpusSources().map((s, i) => (i === 0 ? { ...s, text: `${s.text}${cite}\n` } : s));
    const corpus = ingest(sources, ingestParams.parse({}));
    const set = phrases(corpus, phrasesParams.parse({ discover: false }));
    const tokens = await segment(corpus, set, segmentParams.parse({ workers: 1 }));
    const weights = weigh(corpus, tokens, set, weighParams.parse({ keyness: [] }));
    const c = cluster(corpus, tokens, weights, clusterParams.parse({ themes: 3 }));
    expect(c.meta.formulaParagraphs).toBe(12); // the 12 openings only
    const first = c.themeCounts.filter((t) => t.doc_id === weights.docIds[0] && t.section === 'all');
    expect(first.reduce((n, t) => n + t.paragraphs, 0)).toBe(13); // 12 body paragraphs and the citing one
  });

  it('paragraph themes recover the three kinds of paragraph and leave out the opening formula', async () => {
    const corpus = ingest(builtCorpusSources(), ingestParams.parse({}));
    const set = phrases(corpus, phrasesParams.parse({ discover: false }));
    const tokens = await segment(corpus, set, segmentParams.parse({ workers: 1 }));
    const weights = weigh(corpus, tokens, set, weighParams.parse({ keyness: [] }));
    const c = cluster(corpus, tokens, weights, clusterParams.parse({ themes: 3 }));
    expect(c.meta.formulaParagraphs).toBe(12); // 现在,我代表县人民政府向大会报告工作,请予审议 in each report
    // Each report's 12 body paragraphs are of one kind: all in one theme, the same theme for reports of a kind.
    const dominant = weights.docIds.map((id) => {
      const rows = c.themeCounts.filter((t) => t.doc_id === id && t.section === 'all');
      expect(rows.reduce((s, t) => s + t.paragraphs, 0)).toBe(12);
      return rows.reduce((a, b) => (b.share > a.share ? b : a)).theme;
    });
    expect(ari(dominant, COUNTIES.map((_, i) => i % 3))).toBeGreaterThanOrEqual(0.99); // threshold: perfect recovery
    expect(c.themeLabels[dominant[0]! - 1]).toMatch(/粮食|农田|农民|种植/u);
    expect(c.themeLabels[dominant[1]! - 1]).toMatch(/制造|生产线|产能|工厂/u);
    expect(c.themeLabels[dominant[2]! - 1]).toMatch(/污染|排放|空气|水质/u);
    // No label word is shared by two themes: labels contrast the themes.
    const words = c.themeLabels.flatMap((l) => l.split('、'));
    expect(new Set(words).size).toBe(words.length);
  });

  it('k never exceeds documents - 1, duplicate documents do not break the seeding', async () => {
    const three = builtCorpusSources().slice(0, 3);
    const same = [0, 1, 2].map((i) => ({ ...three[0]!, file: `dup/${i}.txt`, sha256: `d${i}` }));
    for (const [sources, params] of [
      [three, { k: 10 }],
      [three, { k_min: 5, k_max: 8 }],
      [same, {}],
    ] as const) {
      const corpus = ingest(sources, ingestParams.parse({}));
      const set = phrases(corpus, phrasesParams.parse({ discover: false }));
      const tokens = await segment(corpus, set, segmentParams.parse({ workers: 1 }));
      const weights = weigh(corpus, tokens, set, weighParams.parse({ keyness: [] }));
      const c = cluster(corpus, tokens, weights, clusterParams.parse(params));
      expect(c.kSelection.map((r) => r.k)).toEqual([2]);
      expect(Math.max(...c.cluster)).toBeLessThanOrEqual(2);
    }
  });

  it('a corpus of one document gets a clear message, not a crash', async () => {
    const corpus = ingest(builtCorpusSources().slice(0, 1), ingestParams.parse({}));
    const set = phrases(corpus, phrasesParams.parse({ discover: false }));
    const tokens = await segment(corpus, set, segmentParams.parse({ workers: 1 }));
    const weights = weigh(corpus, tokens, set, weighParams.parse({ keyness: [] }));
    const c = cluster(corpus, tokens, weights, clusterParams.parse({}));
    expect(c.cluster).toEqual([1]);
    expect(c.messages.find((m) => m.origin === 'cluster:small')!.text).toMatch(/^1 document\(s\): clustering needs at least 3/u);
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

describe('k-means++ seeding', () => {
  it('picks the same centres as ml-kmeans\'s own k-means++ for the same seed', () => {
    const pts = Array.from({ length: 40 }, (_, i) => [Math.cos(i * 1.7) + (i % 3), Math.sin(i * 0.9) * (i % 5), (i * 7) % 11 / 11]);
    for (const seed of [1, 42, 99]) {
      for (const k of [2, 3, 5]) {
        // One iteration from the given centres equals one iteration from ml-kmeans's seeding only if the centres are the same.
        const ours = kmeans(pts, k, { initialization: kmeansPlusPlus(pts, k, seed), maxIterations: 1 });
        const theirs = kmeans(pts, k, { initialization: 'kmeans++', seed, maxIterations: 1 });
        expect(ours.centroids).toEqual(theirs.centroids);
      }
    }
  });
});

describe('cluster labels (c-TF-IDF with a lift and a share threshold)', () => {
  it('ranks the terms over-used in a group, drops those common to all groups, worked by hand', () => {
    // Terms: 0 建设 (everywhere), 1 粮食, 2 工厂, 3 罕见 (one item only).
    const vocab = ['建设', '粮食', '工厂', '罕见'];
    const g = new GroupTerms(2, 4);
    g.add(0, [0, 1, 2, 3], [4, 3, 1, 2]); // group 0, item 1: 建设×4 粮食×3 工厂×1 罕见×2
    g.add(0, [0, 1], [4, 3]); // 建设×4 粮食×3
    g.add(1, [0, 2], [8, 6]); // group 1: 建设×8 工厂×6
    g.add(1, [0, 2, 1], [8, 5, 1]);
    // Group 0: 17 tokens (建设 8, 粮食 6, 工厂 1, 罕见 2), group 1: 28 (建设 16, 工厂 11, 粮食 1); A = 45 / 2.
    const top = distinctiveTerms(g, vocab, { top: 5, minShare: 0.5, minLift: 1.5 });
    // 建设: rate 8/17 in group 0 vs 16/28 elsewhere (lift < 1), 16/28 vs 8/17 in group 1 (lift 1.21 < 1.5): no label.
    // 罕见 is in 1 of group 0's 2 items (< 2 needed). 粮食 in group 0: lift (6/17)/(1/28) ≈ 9.9;
    // weight 6/17 · ln(1 + 22.5/7). 工厂 in group 1: lift (11/28)/(1/17) ≈ 6.7; weight 11/28 · ln(1 + 22.5/12).
    expect(top).toEqual([
      { group: 1, rank: 1, term: '粮食', weight: expect.closeTo((6 / 17) * Math.log(1 + 22.5 / 7), 14) },
      { group: 2, rank: 1, term: '工厂', weight: expect.closeTo((11 / 28) * Math.log(1 + 22.5 / 12), 14) },
    ]);
    // A lift threshold of 1.2 would let 建设 (lift 1.21) label group 1, but it is in every item of both groups: common to all, no label.
    const loose = distinctiveTerms(g, vocab, { top: 5, minShare: 0.5, minLift: 1.2 }).filter((t) => t.group === 2).map((t) => t.term);
    expect(loose).toEqual(['工厂']);
    // Take 建设 out of one item of group 0 and it is no longer common (in 1 of 2): it labels group 1, before 工厂, as
    // 16/28 · ln(1 + 20.5/20) = 0.403 > 11/28 · ln(1 + 20.5/12) = 0.391.
    const h = new GroupTerms(2, 4);
    h.add(0, [0, 1, 2, 3], [4, 3, 1, 2]);
    h.add(0, [1], [3]);
    h.add(1, [0, 2], [8, 6]);
    h.add(1, [0, 2, 1], [8, 5, 1]);
    // Group 0: 13 tokens (建设 4), group 1: 28 (建设 16); lift of 建设 in group 1: (16/28) / (4/13) = 1.86; A = 41/2.
    const group1 = distinctiveTerms(h, vocab, { top: 5, minShare: 0.5, minLift: 1.2 }).filter((t) => t.group === 2);
    expect(group1.map((t) => t.term)).toEqual(['建设', '工厂']);
    expect(group1[0]!.weight).toBeCloseTo((16 / 28) * Math.log(1 + 20.5 / 20), 14);
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
