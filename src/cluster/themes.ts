import { normalizeDenseRows } from './dense.js';
import { lsaDense } from './lsa.js';
import { distinctiveTerms, GroupTerms, labelSkipWords } from './labels.js';
import { sampledSilhouettes } from './silhouette.js';
import { groupCentroids, sparseRows } from './sparse.js';
import { documentText, sectionOf, type Corpus, type Message, type TextStore } from '../artifacts/corpus.js';
import type { Tokens } from '../artifacts/tokens.js';
import type { ClusterParams, Clusters } from '../artifacts/clusters.js';
import { evenSample, fit } from './fit.js';

/**
 * The formulas that open a report: the dateline (2021年4月8日在某县第十七届人民代表大会
 * 第一次会议上) and the address (现在，我代表县人民政府向大会报告工作，请予审议，并请……
 * 列席人员提出意见). The same words in every report make a theme of their own if left
 * in, and say nothing about what a report is about.
 */
const OPENING_FORMULA = /请予审议|列席(?:会议的)?(?:同志|人员)提出意见|我代表.{0,10}人民政府.{0,4}向大会|人民代表大会第.{1,4}次会议上/u;

/** Paragraph themes: tf-idf of paragraphs over the most widespread terms, spherical k-means on a sample, all assigned; `text`: where the opening formulas are read. */
export function paragraphThemes(corpus: Corpus, tokens: Tokens, params: ClusterParams, messages: Message[], text: TextStore = documentText): Pick<Clusters, 'themeLabels' | 'themeTerms' | 'themeCounts'> & { formulaParagraphs: number } {
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
      if (kind === 'other' && OPENING_FORMULA.test(text.paragraphs(doc)[p] ?? '')) {
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
  const top = distinctiveTerms(groups, tokens.vocab, { top: params.label_terms, minShare: params.theme_label_min_share, minLift: params.theme_label_min_lift, skip: labelSkipWords() });
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
