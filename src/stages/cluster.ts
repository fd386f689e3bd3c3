import { z } from 'zod';
import { lsa } from '../cluster/lsa.js';
import { pca2 } from '../cluster/pca.js';
import { cosineDistanceMatrix, silhouette, silhouettesFromDistances } from '../cluster/silhouette.js';
import { cosineDistance, normalize, sphericalInertia, sphericalKmeans } from '../cluster/spherical.js';
import { sectionOf, type Corpus, type Message, type SectionKind } from '../types.js';
import type { StageContext } from './context.js';
import type { Tokens } from './segment.js';
import type { Weights } from './weigh.js';

const kParam = z.union([z.literal('auto'), z.number().int().min(2)]);

/** Parameters of the cluster stage, with their defaults. */
export const clusterParams = z
  .object({
    k: kParam.default('auto').describe('number of report clusters, or auto: the k of highest silhouette in k_min..k_max'),
    k_min: z.number().int().min(2).default(2).describe('smallest k tried when k is auto'),
    k_max: z.number().int().min(2).default(8).describe('largest k tried when k is auto (never above documents - 1)'),
    features: z.number().int().min(10).default(2000).describe('report vectors use the terms of highest total tf-idf'),
    dims: z.number().int().min(0).default(100).describe('LSA dimensions the vectors are reduced to before k-means (randomized SVD; 0: none)'),
    restarts: z.number().int().min(1).default(10).describe('k-means++ restarts (seeds seed, seed+1 ...); the lowest inertia wins'),
    seed: z.number().int().default(42).describe('random seed of the k-means++ initialisation'),
    max_iterations: z.number().int().min(1).default(100).describe('k-means iterations per restart'),
    label_terms: z.number().int().min(1).default(5).describe('terms in a cluster or theme label'),
    silhouette_sample: z.number().int().min(10).default(2000).describe('documents whose silhouette is computed exactly; above, the simplified (centroid) silhouette'),
    themes: kParam.default(8).describe('number of paragraph themes, or auto (silhouette on the fitting sample)'),
    theme_features: z.number().int().min(10).default(500).describe('paragraph vectors use the terms in most paragraphs (below half of them)'),
    theme_restarts: z.number().int().min(1).default(3).describe('k-means++ restarts for the paragraph themes'),
    theme_sample: z.number().int().min(100).default(5000).describe('paragraphs the themes are fitted on (an even sample); all are then assigned'),
    theme_min_tokens: z.number().int().min(1).default(5).describe('shorter paragraphs (headings) get no theme'),
  })
  .strict();

export type ClusterParams = z.infer<typeof clusterParams>;

export interface KSelectionRow {
  k: number;
  silhouette: number;
  inertia: number;
  chosen: boolean;
}

/** What the cluster stage makes: report clusters and paragraph themes, with labels. */
export interface Clusters {
  docIds: string[];
  /** 1-based cluster of each document. */
  cluster: number[];
  silhouette: (number | null)[];
  xy: [number, number][];
  labels: string[];
  clusterTerms: { cluster: number; rank: number; term: string; weight: number }[];
  kSelection: KSelectionRow[];
  themeLabels: string[];
  themeTerms: { theme: number; rank: number; term: string; weight: number }[];
  /** Per document and theme (1-based), over all sections and per section. */
  themeCounts: { doc_id: string; section: SectionKind | 'all'; theme: number; paragraphs: number; share: number }[];
  messages: Message[];
  meta: { stage: 'cluster'; params: ClusterParams; silhouette: 'exact' | 'simplified' };
}

/** Distinctive terms of each group: mean weight inside minus mean weight outside (a c-TF-IDF-style contrast). */
function distinctiveTerms(X: readonly number[][], labels: readonly number[], k: number, terms: readonly string[], top: number): { group: number; rank: number; term: string; weight: number }[] {
  const dim = terms.length;
  const sums = Array.from({ length: k }, () => new Float64Array(dim));
  const sizes = new Array<number>(k).fill(0);
  const total = new Float64Array(dim);
  X.forEach((x, i) => {
    sizes[labels[i]!]!++;
    for (let j = 0; j < dim; j++) {
      sums[labels[i]!]![j]! += x[j]!;
      total[j]! += x[j]!;
    }
  });
  const out: { group: number; rank: number; term: string; weight: number }[] = [];
  for (let c = 0; c < k; c++) {
    const rest = X.length - sizes[c]!;
    const scores = Array.from({ length: dim }, (_, j) => ({ j, w: sizes[c]! ? sums[c]![j]! / sizes[c]! - (rest ? (total[j]! - sums[c]![j]!) / rest : 0) : 0 }));
    scores.sort((a, b) => b.w - a.w || (terms[a.j]! < terms[b.j]! ? -1 : 1));
    scores.slice(0, top).forEach((s, r) => out.push({ group: c + 1, rank: r + 1, term: terms[s.j]!, weight: s.w }));
  }
  return out;
}

/** Fits k on X (given or chosen by silhouette) and returns the labelling and the k tried. */
function fit(X: number[][], k: 'auto' | number, kMin: number, kMax: number, params: ClusterParams, sample: number[] | undefined, scoreFixed = true, D?: Float64Array): { labels: number[]; centroids: number[][]; k: number; tried: KSelectionRow[] } {
  const n = X.length;
  const ks = k === 'auto' ? Array.from({ length: Math.max(0, Math.min(kMax, n - 1) - kMin + 1) }, (_, i) => kMin + i) : [Math.min(k, n - 1)];
  const tried: (KSelectionRow & { labels: number[]; centroids: number[][] })[] = [];
  for (const kk of ks) {
    const r = sphericalKmeans(X, kk, { seed: params.seed, restarts: params.restarts, maxIterations: params.max_iterations });
    // A single k needs no silhouette to be chosen; reports still get one for k_selection.csv.
    const score = () => (D ? mean(silhouettesFromDistances(D, n, r.labels, kk)) : silhouette(X, r.labels, kk, sample));
    const s = ks.length > 1 || scoreFixed ? score() : NaN;
    tried.push({ k: kk, silhouette: s, inertia: r.inertia, chosen: false, labels: r.labels, centroids: r.centroids });
  }
  let best = tried[0]!;
  for (const t of tried) if (t.silhouette > best.silhouette + 1e-12) best = t;
  best.chosen = true;
  return { labels: best.labels, centroids: best.centroids, k: best.k, tried: tried.map(({ k: kk, silhouette: s, inertia, chosen }) => ({ k: kk, silhouette: s, inertia, chosen })) };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function evenSample(n: number, max: number): number[] | undefined {
  if (n <= max) return undefined;
  const step = n / max;
  return Array.from({ length: max }, (_, i) => Math.floor(i * step));
}

/**
 * Cluster: reports by theme (spherical k-means of their tf-idf vectors,
 * restricted to the `features` terms of highest tf-idf mass and renormalised;
 * k chosen by cosine silhouette), labelled by distinctive terms and mapped
 * to 2-D by PCA; and paragraphs of all reports into themes, fitted on an
 * even sample and assigned all, with each report's share of paragraphs per
 * theme, overall and per section.
 */
export function cluster(corpus: Corpus, tokens: Tokens, weights: Weights, params: ClusterParams, ctx?: StageContext): Clusters {
  const messages: Message[] = [];
  const m = weights.features;
  const n = m.nDocs;

  // Report vectors: the terms of highest total tf-idf, dense, renormalised.
  const mass = new Float64Array(m.nTerms);
  for (let k = 0; k < m.indices.length; k++) mass[m.indices[k]!]! += weights.tfidf.weights[k]!;
  const termIds = [...mass.keys()].filter((t) => mass[t]! > 0).sort((a, b) => mass[b]! - mass[a]! || (weights.vocab[a]! < weights.vocab[b]! ? -1 : 1)).slice(0, params.features);
  const column = new Map(termIds.map((t, j) => [t, j]));
  const X = Array.from({ length: n }, (_, d) => {
    const v = new Array<number>(termIds.length).fill(0);
    for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) {
      const j = column.get(m.indices[k]!);
      if (j !== undefined) v[j] = weights.tfidf.weights[k]!;
    }
    return normalize(v);
  });
  const terms = termIds.map((t) => weights.vocab[t]!);
  // k-means, silhouettes and the map work in the LSA space; labels come from the terms.
  const Z = lsa(X, params.dims, params.seed).map(normalize);
  ctx?.progress(1, 3, 'steps');

  let clusterOf = new Array<number>(n).fill(1);
  let sil: (number | null)[] = new Array<number | null>(n).fill(null);
  let labels = [''];
  let clusterTerms: Clusters['clusterTerms'] = [];
  let kSelection: KSelectionRow[] = [];
  const exact = n <= params.silhouette_sample;
  if (n < 3) {
    messages.push({ origin: 'cluster:small', text: `${n} document(s): clustering needs at least 3 (k between 2 and documents - 1); all are in cluster 1` });
  } else {
    // Exact silhouettes come from one distance matrix shared by every k tried.
    const D = exact ? cosineDistanceMatrix(Z) : undefined;
    const r = fit(Z, params.k, params.k_min, params.k_max, params, exact ? undefined : evenSample(n, params.silhouette_sample), true, D);
    kSelection = r.tried;
    clusterOf = r.labels.map((l) => l + 1);
    // Per-document silhouette: exact, or the simplified one (distances to centroids) for large corpora.
    const exactSil = D ? silhouettesFromDistances(D, n, r.labels, r.k) : undefined;
    sil = Z.map((x, i) => {
      const own = r.labels[i]!;
      if (exactSil) return exactSil[i]!;
      const a = cosineDistance(x, r.centroids[own]!);
      let b = Infinity;
      r.centroids.forEach((c, j) => j !== own && (b = Math.min(b, cosineDistance(x, c))));
      return Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
    });
    const top = distinctiveTerms(X, r.labels, r.k, terms, params.label_terms);
    clusterTerms = top.map((t) => ({ cluster: t.group, rank: t.rank, term: t.term, weight: t.weight }));
    labels = Array.from({ length: r.k }, (_, c) => top.filter((t) => t.group === c + 1).map((t) => t.term).join('、'));
  }
  const xy = pca2(Z);
  ctx?.progress(2, 3, 'steps');

  const themes = paragraphThemes(corpus, tokens, params, messages);
  ctx?.progress(3, 3, 'steps');
  return {
    docIds: weights.docIds,
    cluster: clusterOf,
    silhouette: sil,
    xy,
    labels,
    clusterTerms,
    kSelection,
    ...themes,
    messages,
    meta: { stage: 'cluster', params, silhouette: exact ? 'exact' : 'simplified' },
  };
}

/** Paragraph themes: tf-idf of paragraphs over the most widespread terms, spherical k-means on a sample, all assigned. */
function paragraphThemes(corpus: Corpus, tokens: Tokens, params: ClusterParams, messages: Message[]): Pick<Clusters, 'themeLabels' | 'themeTerms' | 'themeCounts'> {
  const docs = new Map(corpus.documents.map((d) => [d.doc_id, d]));
  interface Para { doc: number; section: SectionKind; ids: Uint32Array }
  const paras: Para[] = [];
  tokens.documents.forEach((td, di) => {
    const doc = docs.get(td.doc_id)!;
    for (let p = 0; p < td.paragraphStarts.length; p++) {
      const end = p + 1 < td.paragraphStarts.length ? td.paragraphStarts[p + 1]! : td.ids.length;
      if (end - td.paragraphStarts[p]! < params.theme_min_tokens) continue;
      paras.push({ doc: di, section: sectionOf(doc, p + 1)?.kind ?? 'other', ids: td.ids.subarray(td.paragraphStarts[p]!, end) });
    }
  });
  const empty = { themeLabels: [], themeTerms: [], themeCounts: [] };
  if (paras.length < 3) {
    messages.push({ origin: 'cluster:themes', text: `${paras.length} paragraph(s) of ${params.theme_min_tokens}+ tokens: too few for themes` });
    return empty;
  }
  // Features: terms in the most paragraphs, but in fewer than half of them (those say nothing about a theme).
  const df = new Map<number, number>();
  for (const p of paras) for (const t of new Set(p.ids)) df.set(t, (df.get(t) ?? 0) + 1);
  const feats = [...df].filter(([, c]) => c >= 2 && c < paras.length / 2).sort((a, b) => b[1] - a[1] || (tokens.vocab[a[0]]! < tokens.vocab[b[0]]! ? -1 : 1)).slice(0, params.theme_features).map(([t]) => t);
  const col = new Map(feats.map((t, j) => [t, j]));
  const N = paras.length;
  const idf = feats.map((t) => Math.log((1 + N) / (1 + df.get(t)!)) + 1);
  const sparse = (p: Para): Map<number, number> => {
    const v = new Map<number, number>();
    for (const t of p.ids) {
      const j = col.get(t);
      if (j !== undefined) v.set(j, (v.get(j) ?? 0) + idf[j]!);
    }
    const norm = Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
    for (const [j, x] of v) v.set(j, x / norm);
    return v;
  };
  const dense = (v: Map<number, number>) => {
    const a = new Array<number>(feats.length).fill(0);
    for (const [j, x] of v) a[j] = x;
    return a;
  };
  // Each paragraph's vector once: used for fitting (sample) and for assignment (all).
  const vectors = paras.map(sparse);
  const sampleIdx = evenSample(N, params.theme_sample) ?? paras.map((_, i) => i);
  const X = sampleIdx.filter((i) => vectors[i]!.size > 0).map((i) => dense(vectors[i]!));
  // Fit in the LSA space; centroids are then taken back to term space (the mean of each theme's vectors) for assignment.
  const Zt = lsa(X, params.dims, params.seed).map(normalize);
  const k = params.themes === 'auto' ? 'auto' : Math.min(params.themes, X.length - 1);
  const r = fit(Zt, k, params.k_min, params.k_max, { ...params, restarts: params.theme_restarts }, evenSample(Zt.length, 1000), false);
  const centroids = sphericalInertia(X, r.labels, r.k).centroids;
  const terms = feats.map((t) => tokens.vocab[t]!);
  const top = distinctiveTerms(X, r.labels, r.k, terms, params.label_terms);
  const themeLabels = Array.from({ length: r.k }, (_, c) => top.filter((t) => t.group === c + 1).map((t) => t.term).join('、'));

  // Assign every paragraph to the centroid of highest cosine.
  const counts = new Map<string, number[]>();
  const bump = (key: string, theme: number) => {
    const c = counts.get(key) ?? new Array<number>(r.k).fill(0);
    c[theme]!++;
    counts.set(key, c);
  };
  paras.forEach((p, pi) => {
    const v = vectors[pi]!;
    if (v.size === 0) return;
    let best = 0;
    let bestCos = -Infinity;
    centroids.forEach((c, j) => {
      let s = 0;
      for (const [i, x] of v) s += x * c[i]!;
      if (s > bestCos + 1e-15) {
        best = j;
        bestCos = s;
      }
    });
    bump(`${p.doc}\u0000all`, best);
    bump(`${p.doc}\u0000${p.section}`, best);
  });
  const themeCounts: Clusters['themeCounts'] = [];
  tokens.documents.forEach((td, di) => {
    for (const section of ['all', 'review', 'plan', 'other'] as const) {
      const c = counts.get(`${di}\u0000${section}`);
      if (!c) continue;
      const total = c.reduce((a, b) => a + b, 0);
      c.forEach((n, t) => themeCounts.push({ doc_id: td.doc_id, section, theme: t + 1, paragraphs: n, share: total ? n / total : 0 }));
    }
  });
  return { themeLabels, themeTerms: top.map((t) => ({ theme: t.group, rank: t.rank, term: t.term, weight: t.weight })), themeCounts };
}
