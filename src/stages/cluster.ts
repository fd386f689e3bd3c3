import { z } from 'zod';
import { dotAt, normalizeDenseRows, rowNorms, type Dense } from '../cluster/dense.js';
import { lsaDense } from '../cluster/lsa.js';
import { pca2Dense } from '../cluster/pca.js';
import { distinctiveTerms, GroupTerms } from '../cluster/labels.js';
import { cosineDistanceMatrixDense, sampledSilhouettes, silhouettesFromDistances } from '../cluster/silhouette.js';
import { groupCentroids, normalizeRows, sparseRows, type SparseRows } from '../cluster/sparse.js';
import { mlKmeansRun, sphericalKmeansDense } from '../cluster/spherical.js';
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
    feature_min_docs: z.number().int().min(1).default(2).describe('report vectors use only terms found in at least this many reports (a term of one report says nothing about which reports go together; not applied below 4 reports)'),
    dims: z.number().int().min(0).default(100).describe('LSA dimensions the vectors are reduced to before k-means (randomized SVD; 0: none)'),
    lsa_power: z.number().int().min(0).default(1).describe('power iterations of the randomized SVD (more: closer to the exact SVD, each costs two passes over the vectors)'),
    restarts: z.number().int().min(1).default(10).describe('k-means++ restarts (seeds seed, seed+1 ...); the lowest inertia wins'),
    seed: z.number().int().default(42).describe('random seed of the k-means++ initialisation'),
    max_iterations: z.number().int().min(1).default(100).describe('k-means iterations per restart'),
    label_terms: z.number().int().min(1).default(5).describe('terms in a cluster or theme label'),
    label_min_share: z.number().min(0).max(1).default(0.3).describe('a cluster label term occurs in at least this share of the cluster\'s reports'),
    theme_label_min_share: z.number().min(0).max(1).default(0.02).describe('a theme label term occurs in at least this share of the theme\'s paragraphs'),
    label_min_lift: z.number().min(1).default(1.5).describe('a cluster label term\'s rate in its cluster is at least this many times its rate in the other clusters'),
    theme_label_min_lift: z.number().min(1).default(2).describe('a theme label term\'s rate in its theme is at least this many times its rate in the other themes'),
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
  /** formulaParagraphs: opening-formula paragraphs left out of the themes. */
  meta: { stage: 'cluster'; params: ClusterParams; silhouette: 'exact' | 'simplified'; formulaParagraphs: number };
}

/**
 * Fits k on X (given, or each k of k_min..k_max, the highest silhouette kept:
 * `score` gives the silhouette of every labelling tried at once) and returns
 * the labelling and the k tried. k stays within 2..n − 1 whatever the
 * parameters say.
 */
function fit(X: Dense, k: 'auto' | number, kMin: number, kMax: number, params: ClusterParams, score?: (labellings: number[][], ks: number[]) => number[]): { labels: number[]; centroids: Dense; k: number; tried: KSelectionRow[] } {
  const n = X.rows;
  const lo = Math.min(kMin, n - 1);
  const hi = Math.max(lo, Math.min(kMax, n - 1));
  const ks = k === 'auto' ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i) : [Math.min(k, n - 1)];
  const runs = ks.map((kk) => sphericalKmeansDense(X, kk, { seed: params.seed, restarts: params.restarts, maxIterations: params.max_iterations }));
  const sil = score ? score(runs.map((r) => r.labels), ks) : ks.map(() => NaN);
  const tried = runs.map((r, t) => ({ k: ks[t]!, silhouette: sil[t]!, inertia: r.inertia, chosen: false, labels: r.labels, centroids: r.centroids }));
  let best = tried[0]!;
  for (const t of tried) if (t.silhouette > best.silhouette + 1e-12) best = t;
  best.chosen = true;
  // The labelling written is ml-kmeans's own run from the kept seed (the replay gives the same labels; a test checks it).
  const published = mlKmeansRun(X, best.k, runs[tried.indexOf(best)]!.seed, params.max_iterations);
  return { labels: published.labels, centroids: published.centroids, k: best.k, tried: tried.map(({ k: kk, silhouette: s, inertia, chosen }) => ({ k: kk, silhouette: s, inertia, chosen })) };
}

/**
 * The tf-idf rows restricted to the columns mapped (column[term] >= 0), as CSR with columns ascending: each row's
 * entries are put in order through a dense row of the columns (a row with few of them: its columns sorted).
 */
function featureRows(m: Weights['features'], weights: Float64Array, column: Int32Array, cols: number): SparseRows {
  const indptr = new Int32Array(m.nDocs + 1);
  for (let d = 0; d < m.nDocs; d++) {
    let c = 0;
    for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) if (column[m.indices[k]!]! >= 0) c++;
    indptr[d + 1] = indptr[d]! + c;
  }
  const indices = new Int32Array(indptr[m.nDocs]!);
  const values = new Float64Array(indptr[m.nDocs]!);
  const at = new Int32Array(cols).fill(-1); // position in the counts of each column of the row
  for (let d = 0; d < m.nDocs; d++) {
    const from = indptr[d]!;
    const count = indptr[d + 1]! - from;
    let q = from;
    for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) {
      const j = column[m.indices[k]!]!;
      if (j < 0) continue;
      at[j] = k;
      indices[q++] = j;
    }
    if (count * 16 < cols) indices.subarray(from, from + count).sort();
    else {
      q = from;
      for (let j = 0; j < cols; j++) if (at[j]! >= 0) indices[q++] = j;
    }
    for (let p = from; p < from + count; p++) {
      const j = indices[p]!;
      values[p] = weights[at[j]!]!;
      at[j] = -1;
    }
  }
  return { indptr, indices, values, rows: m.nDocs, cols };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function evenSample(n: number, max: number): number[] | undefined {
  if (n <= max) return undefined;
  const step = n / max;
  return Array.from({ length: max }, (_, i) => Math.floor(i * step));
}

/**
 * Cluster: reports by theme (spherical k-means of their tf-idf vectors,
 * restricted to the `features` terms of highest tf-idf mass found in at
 * least `feature_min_docs` reports, and renormalised;
 * k chosen by cosine silhouette), labelled by distinctive terms and mapped
 * to 2-D by PCA; and paragraphs of all reports into themes, fitted on an
 * even sample and assigned all, with each report's share of paragraphs per
 * theme, overall and per section.
 */
export function cluster(corpus: Corpus, tokens: Tokens, weights: Weights, params: ClusterParams, ctx?: StageContext): Clusters {
  const messages: Message[] = [];
  const m = weights.features;
  const n = m.nDocs;

  // Report vectors: the terms of highest total tf-idf, sparse, renormalised.
  const mass = new Float64Array(m.nTerms);
  const docFreq = new Int32Array(m.nTerms);
  for (let k = 0; k < m.indices.length; k++) {
    mass[m.indices[k]!]! += weights.tfidf.weights[k]!;
    docFreq[m.indices[k]!]! += 1;
  }
  // A term of one report says nothing about which reports go together.
  const minDocs = n >= 4 ? params.feature_min_docs : 1;
  const termIds = [...mass.keys()].filter((t) => mass[t]! > 0 && docFreq[t]! >= minDocs).sort((a, b) => mass[b]! - mass[a]! || (weights.vocab[a]! < weights.vocab[b]! ? -1 : 1)).slice(0, params.features);
  const column = new Int32Array(m.nTerms).fill(-1);
  termIds.forEach((t, j) => (column[t] = j));
  // k-means, silhouettes and the map work in the LSA space (the term vectors are not kept); labels come from the terms.
  const Z = normalizeDenseRows(lsaDense(normalizeRows(featureRows(m, weights.tfidf.weights, column, termIds.length)), params.dims, params.seed, params.lsa_power));
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
    // Silhouettes come from distances computed once for every k tried: all pairs, or from an even sample of reports to all.
    const D = exact ? cosineDistanceMatrixDense(Z) : undefined;
    const sample = exact ? undefined : evenSample(n, params.silhouette_sample)!;
    const score = (ls: number[][], ks: number[]) => (D ? ls.map((l, t) => mean(silhouettesFromDistances(D, n, l, ks[t]!))) : sampledSilhouettes(Z, sample!, ls, ks));
    const r = fit(Z, params.k, params.k_min, params.k_max, params, score);
    kSelection = r.tried;
    clusterOf = r.labels.map((l) => l + 1);
    // Per-document silhouette: exact, or the simplified one (distances to centroids) for large corpora.
    const exactSil = D ? silhouettesFromDistances(D, n, r.labels, r.k) : undefined;
    const zNorms = rowNorms(Z);
    const cNorms = rowNorms(r.centroids);
    const dim = Z.cols;
    const toCentroid = (i: number, c: number) => (zNorms[i]! > 0 && cNorms[c]! > 0 ? 1 - dotAt(Z.data, i * dim, r.centroids.data, c * dim, dim) / (zNorms[i]! * cNorms[c]!) : 1);
    sil = Array.from({ length: n }, (_, i) => {
      const own = r.labels[i]!;
      if (exactSil) return exactSil[i]!;
      const a = toCentroid(i, own);
      let b = Infinity;
      for (let j = 0; j < r.k; j++) if (j !== own) b = Math.min(b, toCentroid(i, j));
      return Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
    });
    // Labels: c-TF-IDF over all counted terms, not only the clustering features.
    const groups = new GroupTerms(r.k, weights.counts.nTerms);
    const c = weights.counts;
    for (let d = 0; d < n; d++) groups.add(r.labels[d]!, c.indices.subarray(c.indptr[d]!, c.indptr[d + 1]!), c.counts.subarray(c.indptr[d]!, c.indptr[d + 1]!));
    const top = distinctiveTerms(groups, weights.vocab, { top: params.label_terms, minShare: params.label_min_share, minLift: params.label_min_lift });
    clusterTerms = top.map((t) => ({ cluster: t.group, rank: t.rank, term: t.term, weight: t.weight }));
    labels = Array.from({ length: r.k }, (_, c) => top.filter((t) => t.group === c + 1).map((t) => t.term).join('、'));
  }
  const xy = pca2Dense(Z);
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
    meta: { stage: 'cluster', params, silhouette: exact ? 'exact' : 'simplified', formulaParagraphs: themes.formulaParagraphs },
  };
}

/**
 * The formulas that open a report: the dateline (2021年4月8日在某县第十七届人民代表大会
 * 第一次会议上) and the address (现在，我代表县人民政府向大会报告工作，请予审议，并请……
 * 列席人员提出意见). The same words in every report make a theme of their own if left
 * in, and say nothing about what a report is about.
 */
const OPENING_FORMULA = /请予审议|列席(?:会议的)?(?:同志|人员)提出意见|我代表.{0,10}人民政府.{0,4}向大会|人民代表大会第.{1,4}次会议上/u;

/** Paragraph themes: tf-idf of paragraphs over the most widespread terms, spherical k-means on a sample, all assigned. */
function paragraphThemes(corpus: Corpus, tokens: Tokens, params: ClusterParams, messages: Message[]): Pick<Clusters, 'themeLabels' | 'themeTerms' | 'themeCounts'> & { formulaParagraphs: number } {
  const docs = new Map(corpus.documents.map((d) => [d.doc_id, d]));
  const SECTIONS = ['review', 'plan', 'other'] as const;
  // Paragraphs as (document, section, token range): typed arrays, no object per paragraph.
  let N = 0;
  for (const td of tokens.documents) N += td.paragraphStarts.length;
  const pDoc = new Int32Array(N);
  const pSection = new Uint8Array(N);
  const pStart = new Uint32Array(N);
  const pEnd = new Uint32Array(N);
  N = 0;
  let formula = 0;
  tokens.documents.forEach((td, di) => {
    const doc = docs.get(td.doc_id)!;
    for (let p = 0; p < td.paragraphStarts.length; p++) {
      const end = p + 1 < td.paragraphStarts.length ? td.paragraphStarts[p + 1]! : td.ids.length;
      if (end - td.paragraphStarts[p]! < params.theme_min_tokens) continue;
      const kind = sectionOf(doc, p + 1)?.kind ?? 'other';
      // Only outside the review and plan sections: a body paragraph citing 人民代表大会第一次会议上 stays in the themes.
      if (kind === 'other' && OPENING_FORMULA.test(doc.paragraphs[p] ?? '')) {
        formula++;
        continue;
      }
      pDoc[N] = di;
      pSection[N] = Math.max(0, SECTIONS.indexOf(kind as (typeof SECTIONS)[number]));
      pStart[N] = td.paragraphStarts[p]!;
      pEnd[N++] = end;
    }
  });
  const empty = { themeLabels: [], themeTerms: [], themeCounts: [], formulaParagraphs: formula };
  if (N < 3) {
    messages.push({ origin: 'cluster:themes', text: `${N} paragraph(s) of ${params.theme_min_tokens}+ tokens: too few for themes` });
    return empty;
  }
  // Features: terms in the most paragraphs, but in fewer than half of them (those say nothing about a theme).
  const V = tokens.vocab.length;
  const df = new Float64Array(V);
  const stamp = new Int32Array(V).fill(-1);
  for (let i = 0; i < N; i++) {
    const ids = tokens.documents[pDoc[i]!]!.ids;
    for (let q = pStart[i]!; q < pEnd[i]!; q++) {
      const t = ids[q]!;
      if (stamp[t] !== i) {
        stamp[t] = i;
        df[t]!++;
      }
    }
  }
  const feats = [...df.keys()].filter((t) => df[t]! >= 2 && df[t]! < N / 2).sort((a, b) => df[b]! - df[a]! || (tokens.vocab[a]! < tokens.vocab[b]! ? -1 : 1)).slice(0, params.theme_features);
  const col = new Int32Array(V).fill(-1);
  feats.forEach((t, j) => (col[t] = j));
  const idf = feats.map((t) => Math.log((1 + N) / (1 + df[t]!)) + 1);
  // A paragraph's unit tf-idf vector: its feature columns in order of first occurrence, and their values.
  // Written into buffers of the largest paragraph's length, so that assigning half a million paragraphs allocates nothing.
  const acc = new Float64Array(feats.length);
  let longest = 0;
  for (let i = 0; i < N; i++) longest = Math.max(longest, pEnd[i]! - pStart[i]!);
  const colBuf = new Int32Array(Math.min(longest, feats.length));
  const valBuf = new Float64Array(colBuf.length);
  const vectorInto = (i: number): number => {
    const ids = tokens.documents[pDoc[i]!]!.ids;
    let count = 0;
    for (let q = pStart[i]!; q < pEnd[i]!; q++) {
      const j = col[ids[q]!]!;
      if (j < 0) continue;
      if (acc[j] === 0) colBuf[count++] = j;
      acc[j]! += idf[j]!;
    }
    let sq = 0;
    for (let q = 0; q < count; q++) sq += acc[colBuf[q]!]! * acc[colBuf[q]!]!;
    const norm = Math.sqrt(sq);
    for (let q = 0; q < count; q++) {
      valBuf[q] = acc[colBuf[q]!]! / norm;
      acc[colBuf[q]!] = 0;
    }
    return count;
  };
  const vector = (i: number): { cols: number[]; vals: number[] } => {
    const count = vectorInto(i);
    return { cols: Array.from(colBuf.subarray(0, count)), vals: Array.from(valBuf.subarray(0, count)) };
  };
  // Fit on an even sample, in the LSA space; centroids are then taken back to term space (the mean of each theme's vectors) for assignment.
  const sampleIdx = (evenSample(N, params.theme_sample) ?? Array.from({ length: N }, (_, i) => i)).map(vector).filter((v) => v.cols.length > 0);
  const X = sparseRows(
    sampleIdx.map((v) => v.cols.map((j, q) => [j, v.vals[q]!] as [number, number])),
    feats.length,
  );
  if (X.rows < 3) {
    messages.push({ origin: 'cluster:themes', text: `${X.rows} paragraph(s) with terms shared by other paragraphs (but not by half of them): too few for themes` });
    return empty;
  }
  const Zt = normalizeDenseRows(lsaDense(X, params.dims, params.seed, params.lsa_power));
  const k = params.themes === 'auto' ? 'auto' : Math.min(params.themes, Zt.rows - 1);
  const silSample = evenSample(Zt.rows, 1000) ?? Array.from({ length: Zt.rows }, (_, i) => i);
  const r = fit(Zt, k, params.k_min, params.k_max, { ...params, restarts: params.theme_restarts }, params.themes === 'auto' ? (ls, ks) => sampledSilhouettes(Zt, silSample, ls, ks) : undefined);
  const F = feats.length;
  const centroids = new Float64Array(r.k * F);
  groupCentroids(X, r.labels, r.k).forEach((c, t) => centroids.set(c, t * F));

  // Assign every paragraph to the centroid of highest cosine; count its tokens for the labels.
  const counts = new Float64Array(tokens.documents.length * 4 * r.k);
  const groups = new GroupTerms(r.k, V);
  for (let i = 0; i < N; i++) {
    const count = vectorInto(i);
    if (count === 0) continue;
    let best = 0;
    let bestCos = -Infinity;
    for (let c = 0; c < r.k; c++) {
      const cen = c * F;
      let s = 0;
      for (let q = 0; q < count; q++) s += valBuf[q]! * centroids[cen + colBuf[q]!]!;
      if (s > bestCos + 1e-15) {
        best = c;
        bestCos = s;
      }
    }
    const base = pDoc[i]! * 4 * r.k;
    counts[base + best]!++; // all sections
    counts[base + (1 + pSection[i]!) * r.k + best]!++;
    groups.add(best, tokens.documents[pDoc[i]!]!.ids, undefined, pStart[i]!, pEnd[i]!);
  }
  const top = distinctiveTerms(groups, tokens.vocab, { top: params.label_terms, minShare: params.theme_label_min_share, minLift: params.theme_label_min_lift });
  const themeLabels = Array.from({ length: r.k }, (_, c) => top.filter((t) => t.group === c + 1).map((t) => t.term).join('、'));
  const themeCounts: Clusters['themeCounts'] = [];
  tokens.documents.forEach((td, di) => {
    (['all', ...SECTIONS] as const).forEach((section, si) => {
      const c = counts.subarray((di * 4 + si) * r.k, (di * 4 + si + 1) * r.k);
      const total = c.reduce((a, b) => a + b, 0);
      if (!total) return;
      c.forEach((n, t) => themeCounts.push({ doc_id: td.doc_id, section, theme: t + 1, paragraphs: n, share: n / total }));
    });
  });
  return { themeLabels, themeTerms: top.map((t) => ({ theme: t.group, rank: t.rank, term: t.term, weight: t.weight })), themeCounts, formulaParagraphs: formula };
}
