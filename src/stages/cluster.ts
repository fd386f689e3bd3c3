import { normalizeDenseRows, rowNorms } from '../cluster/dense.js';
import { dotAt } from '../linalg/dot.js';
import { lsaDense } from '../cluster/lsa.js';
import { pca2Dense } from '../cluster/pca.js';
import { distinctiveTerms, GroupTerms, labelSkipWords } from '../cluster/labels.js';
import { cosineDistanceMatrixDense, sampledSilhouettes, silhouettesFromDistances } from '../cluster/silhouette.js';
import { normalizeRows } from '../cluster/sparse.js';
import { type Corpus, type Message } from '../artifacts/corpus.js';
import { stageContext, type StageContext } from '../pipeline/context.js';
import type { Tokens } from '../artifacts/tokens.js';
import type { Weights } from '../artifacts/weights.js';
import type { ClusterParams, Clusters, KSelectionRow } from '../artifacts/clusters.js';
import { evenSample, fit, mean } from '../cluster/fit.js';
import { featureRows } from '../cluster/features.js';
import { paragraphThemes } from '../cluster/themes.js';

/**
 * Cluster: reports by theme (spherical k-means of their tf-idf vectors,
 * restricted to the `features` terms of highest tf-idf mass found in at
 * least `feature_min_docs` reports, and renormalised;
 * k chosen by cosine silhouette), labelled by distinctive terms and mapped
 * to 2-D by PCA; and paragraphs of all reports into themes, fitted on an
 * even sample and assigned all, with each report's share of paragraphs per
 * theme, overall and per section.
 */
export function cluster(corpus: Corpus, tokens: Tokens, weights: Weights, params: ClusterParams, ctx: StageContext = stageContext()): Clusters {
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
  ctx.progress(1, 3, 'steps');

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
    const top = distinctiveTerms(groups, weights.vocab, { top: params.label_terms, minShare: params.label_min_share, minLift: params.label_min_lift, skip: labelSkipWords() });
    clusterTerms = top.map((t) => ({ cluster: t.group, rank: t.rank, term: t.term, weight: t.weight }));
    labels = Array.from({ length: r.k }, (_, c) => top.filter((t) => t.group === c + 1).map((t) => t.term).join('、'));
  }
  const xy = pca2Dense(Z);
  ctx.progress(2, 3, 'steps');

  const themes = paragraphThemes(corpus, tokens, params, messages, ctx.text);
  ctx.progress(3, 3, 'steps');
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
