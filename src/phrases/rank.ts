/**
 * Ranking phrases for a reader: distinctive policy phrases above generic
 * collocations. count × log_ratio is (half) the log-likelihood G2 of the
 * phrase's count against a reference corpus much larger than the corpus
 * (keyness against general Chinese); the concentration factor lowers
 * phrases that every report uses at the same rate:
 *
 *   score = count × √concentration × min(log_ratio, 12)
 *
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
 *   dictionary (N: its total frequency; see background.ts). Capped at 12
 *   (160,000 times), since a long string absent from general Chinese would
 *   otherwise win on length alone.
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

export const LOG_RATIO_CAP = 12;

/** ln of the corpus rate over the background rate (see the module comment). */
export function logRatio(e: Pick<PhraseEvidence, 'count' | 'totalChars' | 'background' | 'backgroundTotal'>): number {
  if (e.count <= 0 || e.totalChars <= 0) return 0;
  return Math.log(e.count / e.totalChars / (Math.max(e.background, Number.MIN_VALUE) / e.backgroundTotal));
}

/** The score of the module comment. */
export function distinctiveness(e: PhraseEvidence): number {
  const lr = Math.min(logRatio(e), LOG_RATIO_CAP);
  return lr <= 0 ? 0 : e.count * Math.sqrt(e.concentration) * lr;
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
