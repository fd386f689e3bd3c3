/**
 * Ranking phrases for a reader: the distinctive policy phrases of the corpus
 * and the new slogans of each period above generic collocations. Three
 * views of a phrase's keyness, each a ranking, fused by reciprocal ranks
 * (Cormack, Clarke & Büttcher 2009, "reciprocal rank fusion", here with k = 0):
 *
 *   score = 1/r_usage + 1/r_documents + 1/r_period
 *
 * where r_v is the phrase's rank in view v (1 = best; a view in which the
 * phrase scores 0 adds nothing). A phrase leading any one view ranks near
 * the top; one good in all three ranks above one good in one.
 *
 * - usage = count × √concentration × min(log_ratio, 24): how much the corpus
 *   uses the phrase, beyond general Chinese. count × log_ratio is (half) the
 *   log-likelihood G2 of the phrase's count against a reference corpus much
 *   larger than the corpus (keyness against general Chinese).
 * - documents = doc_freq × ln(D / doc_freq) × min(log_ratio, 24), D the
 *   number of documents: each report that uses the phrase counts once, so a
 *   fixed formula (提法) that reports repeat once a year for decades
 *   (以经济建设为中心) is not outweighed by a term one report repeats fifty
 *   times; ln(D / doc_freq) (its IDF) brings a phrase of every report
 *   (政府工作报告, 请予审议: the framing of the genre) to 0, and is highest
 *   for a phrase in a third of the reports (D / e).
 * - period: the phrase's best rank among the phrases of any period, a
 *   period being a window of {@link PERIOD_YEARS} adjacent report years (years
 *   with at least one report, so gaps in a corpus do not empty a window);
 *   within a window, phrases are ranked by period keyness
 *   min(G2/2 of the window's count against the rest of the corpus,
 *       c_P × min(ln(window rate / background rate), 24))
 *   × (d_P / D_P) × (1 − d_R / D_R),
 *   c_P its occurrences in the window, d_P of the window's D_P reports
 *   using it (so that one report's pet phrase does not lead a period of
 *   many regions), d_R of the D_R reports of the other years (so that the
 *   framing of every report, 请予审议, leads no period). The view orders
 *   phrases by their best rank in any window, ties by the keyness there. The slogan of a few years (和谐社会, 2005-2007)
 *   leads its window though it is rare over the whole corpus. With one report
 *   year there is no period (the view is empty); with fewer than
 *   PERIOD_YEARS + 1 years a window is one year shorter than the span.
 *
 * Parts:
 * - count: occurrences of the phrase in the corpus (how much it is used).
 * - concentration = 1 − exp(−KL), KL = Σᵢ pᵢ ln(pᵢ / sᵢ): the Kullback-Leibler
 *   divergence of the phrase's occurrences over the documents (pᵢ: share of
 *   its occurrences in document i) from the documents' sizes (sᵢ: share of
 *   the corpus's characters in document i); Gries's dispersion by KL. A
 *   phrase used at the same rate in every report (政府工作报告, 请予审议)
 *   scores near 0; the slogan of a period, used in its reports only, near 1.
 * - log_ratio = ln( (count / C) / (bg / N) ): how many times more often the
 *   corpus uses the phrase than general Chinese does, on a log scale. C:
 *   characters of the corpus; bg: the phrase's expected frequency in jieba's
 *   dictionary (N: its total frequency; see background.ts). Capped at 24
 *   (about ln N + ln 1000: beyond what a 60-million-word background can
 *   attest), since a long string absent from general Chinese would otherwise
 *   win on length alone.
 */

export interface PhraseEvidence {
  count: number;
  docFreq: number;
  totalChars: number;
  background: number;
  backgroundTotal: number;
  /** 1 − exp(−KL), see {@link Concentration}. */
  concentration: number;
}

export const LOG_RATIO_CAP = 24;

/** Adjacent report years in a period window (see the module comment). */
export const PERIOD_YEARS = 3;

/** ln of the corpus rate over the background rate (see the module comment). */
export function logRatio(e: Pick<PhraseEvidence, 'count' | 'totalChars' | 'background' | 'backgroundTotal'>): number {
  if (e.count <= 0 || e.totalChars <= 0) return 0;
  return Math.log(e.count / e.totalChars / (Math.max(e.background, Number.MIN_VALUE) / e.backgroundTotal));
}

/** The usage view of the module comment: count × √concentration × min(log_ratio, 24). */
export function distinctiveness(e: PhraseEvidence): number {
  const lr = Math.min(logRatio(e), LOG_RATIO_CAP);
  return lr <= 0 ? 0 : e.count * Math.sqrt(e.concentration) * lr;
}

/** The documents view of the module comment: doc_freq × ln(D / doc_freq) × min(log_ratio, 24), D documents. */
export function documentKeyness(e: PhraseEvidence, documents: number): number {
  const lr = Math.min(logRatio(e), LOG_RATIO_CAP);
  return lr <= 0 || e.docFreq <= 0 ? 0 : e.docFreq * Math.log(documents / e.docFreq) * lr;
}

/**
 * Keyness of a phrase in a period (the module comment): the smaller of its
 * log-likelihood against the rest of the corpus (G2/2, 0 unless the period
 * uses it at a higher rate than the rest) and its keyness against the
 * background within the period. `inPeriod` occurrences in `periodChars`
 * characters, `count` in all `totalChars`.
 *
 * @example periodKeyness(18, 60_000, 18, 1_000_000, 3, 6e7) // ≈ 50.6: 18 × ln(1e6 / 6e4)
 */
export function periodKeyness(inPeriod: number, periodChars: number, count: number, totalChars: number, background: number, backgroundTotal: number): number {
  const rest = count - inPeriod;
  const restChars = totalChars - periodChars;
  if (inPeriod <= 0 || periodChars <= 0 || restChars <= 0 || inPeriod / periodChars <= rest / restChars) return 0;
  const expIn = (count * periodChars) / totalChars;
  const expRest = (count * restChars) / totalChars;
  const g = inPeriod * Math.log(inPeriod / expIn) + (rest > 0 ? rest * Math.log(rest / expRest) : 0);
  const bg = Math.min(logRatio({ count: inPeriod, totalChars: periodChars, background, backgroundTotal }), LOG_RATIO_CAP);
  return Math.max(0, Math.min(g, bg <= 0 ? 0 : inPeriod * bg));
}

/** The windows of `years` report years: [first, last) index ranges of {@link PERIOD_YEARS} adjacent ones, or one shorter than the span (none with one year). */
export function periodWindows(years: number): [number, number][] {
  if (years < 2) return [];
  const w = Math.min(PERIOD_YEARS, years - 1);
  return Array.from({ length: years - w + 1 }, (_, s) => [s, s + w] as [number, number]);
}

/**
 * Occurrences of each term in each report year, and the documents using it
 * there, accumulated one (term, document) at a time, for the period view.
 * `yearOf[doc]` is the index of the document's year among the corpus's
 * report years (-1: no year). Rows are allocated for the terms that occur only.
 */
export class PeriodCounts {
  // Float32: exact for integer counts below 2^24 per term and year, half the memory at 10^5 terms.
  private readonly rows = new Map<number, Float32Array>();
  /** Characters and documents of each report year. */
  readonly chars: Float64Array;
  readonly docs: Float64Array;
  constructor(
    private readonly yearOf: Int32Array,
    readonly years: number,
    sizes: Float64Array,
  ) {
    this.chars = new Float64Array(years);
    this.docs = new Float64Array(years);
    for (let d = 0; d < yearOf.length; d++) {
      if (yearOf[d]! < 0) continue;
      this.chars[yearOf[d]!]! += sizes[d]!;
      this.docs[yearOf[d]!]! += 1;
    }
  }

  add(term: number, doc: number, count: number): void {
    const y = this.yearOf[doc]!;
    if (y < 0 || count <= 0) return;
    let row = this.rows.get(term);
    // Occurrences in [0, years), documents in [years, 2·years).
    if (!row) this.rows.set(term, (row = new Float32Array(2 * this.years)));
    row[y]! += count;
    row[this.years + y]! += 1;
  }

  /** Occurrences (first `years` entries) and documents (next `years`) of a term by year; undefined when it never occurs in a dated document. */
  of(term: number): Float32Array | undefined {
    return this.rows.get(term);
  }
}

/**
 * The period view: for each phrase (`terms[i]`: its id in `counts`, its
 * count and background), its best rank among the phrases of any window, and
 * its period keyness there. Phrases never key in any window get rank 0.
 * Equal keyness in a window by `tie` (indices into `terms`).
 */
export function periodLeaders(
  terms: readonly { id: number; count: number; background: number }[],
  counts: PeriodCounts,
  backgroundTotal: number,
  tie: (a: number, b: number) => number = (a, b) => a - b,
): { rank: Int32Array; keyness: Float64Array } {
  const rank = new Int32Array(terms.length);
  const keyness = new Float64Array(terms.length);
  const windows = periodWindows(counts.years);
  if (windows.length === 0) return { rank, keyness };
  const totalChars = counts.chars.reduce((a, b) => a + b, 0);
  // Occurrences with a year only: the rest of the corpus is the other report years.
  const dated = terms.map((t) => counts.of(t.id)?.subarray(0, counts.years).reduce((a, b) => a + b, 0) ?? 0);
  const Y = counts.years;
  const allDocs = counts.docs.reduce((a, b) => a + b, 0);
  for (const [from, to] of windows) {
    let chars = 0;
    let docs = 0;
    for (let y = from; y < to; y++) {
      chars += counts.chars[y]!;
      docs += counts.docs[y]!;
    }
    const scored: { i: number; k: number }[] = [];
    terms.forEach((t, i) => {
      const row = counts.of(t.id);
      if (!row) return;
      let c = 0;
      let d = 0;
      let dAll = 0;
      for (let y = 0; y < Y; y++) dAll += row[Y + y]!;
      for (let y = from; y < to; y++) {
        c += row[y]!;
        d += row[Y + y]!;
      }
      // Weighed by the share of the period's reports that use it (a period's phrase, not one report's) and the share
      // of the other reports that do not (not the framing of every report).
      const restDocs = allDocs - docs;
      const k = periodKeyness(c, chars, dated[i]!, totalChars, t.background, backgroundTotal) * (d / docs) * (restDocs > 0 ? 1 - (dAll - d) / restDocs : 0);
      if (k > 0) scored.push({ i, k });
    });
    scored.sort((a, b) => b.k - a.k || tie(a.i, b.i));
    scored.forEach(({ i, k }, r) => {
      if (rank[i] === 0 || r + 1 < rank[i]! || (r + 1 === rank[i] && k > keyness[i]!)) {
        rank[i] = r + 1;
        keyness[i] = k;
      }
    });
  }
  return { rank, keyness };
}

/**
 * Ranks of `scores` (1 = highest; 0 for a score of 0 or less), equal scores
 * by `order` (the index order of a fallback ranking).
 */
export function ranksOf(scores: ArrayLike<number>, tie: (a: number, b: number) => number): Int32Array {
  const idx = Array.from({ length: scores.length }, (_, i) => i).filter((i) => scores[i]! > 0);
  idx.sort((a, b) => scores[b]! - scores[a]! || tie(a, b));
  const out = new Int32Array(scores.length);
  idx.forEach((i, r) => (out[i] = r + 1));
  return out;
}

/** Reciprocal rank fusion with k = 0: Σ 1/r over the views in which the item is ranked (r > 0). */
export function fuseRanks(views: readonly Int32Array[], i: number): number {
  let s = 0;
  for (const v of views) if (v[i]! > 0) s += 1 / v[i]!;
  return s;
}

/**
 * KL divergence of a phrase's occurrences over documents from the
 * documents' sizes, accumulated one (phrase, document) at a time:
 * KL = (1/V) Σ vᵢ ln(vᵢ / sᵢ) − ln V, V = Σ vᵢ, sᵢ = size of document i / total size.
 */
export class Concentration {
  private readonly sum: Float64Array;
  private readonly total: Float64Array;
  constructor(
    terms: number,
    private readonly shares: Float64Array,
  ) {
    this.sum = new Float64Array(terms);
    this.total = new Float64Array(terms);
  }

  add(term: number, doc: number, count: number): void {
    if (count <= 0) return;
    this.sum[term]! += count * Math.log(count / this.shares[doc]!);
    this.total[term]! += count;
  }

  /** 1 − exp(−KL) of a term: 0 when spread as the text is, towards 1 when concentrated. */
  of(term: number): number {
    const v = this.total[term]!;
    if (v <= 0) return 0;
    const kl = this.sum[term]! / v - Math.log(v);
    return 1 - Math.exp(-Math.max(0, kl));
  }
}

/** Sorts phrases by score, highest first; equal scores by `tie`. */
export function rankPhrases<T extends { score: number }>(phrases: T[], tie: (a: T, b: T) => number): T[] {
  return phrases.sort((a, b) => b.score - a.score || tie(a, b));
}

/** The period view's ranks: by best window rank, then by the keyness there (0: never key in a window). */
export function periodViewRanks(leaders: { rank: Int32Array; keyness: Float64Array }, tie: (a: number, b: number) => number): Int32Array {
  const { rank, keyness } = leaders;
  const idx = Array.from({ length: rank.length }, (_, i) => i).filter((i) => rank[i]! > 0);
  idx.sort((a, b) => rank[a]! - rank[b]! || keyness[b]! - keyness[a]! || tie(a, b));
  const out = new Int32Array(rank.length);
  idx.forEach((i, r) => (out[i] = r + 1));
  return out;
}
