import path from 'node:path';
import { functionWords } from '../lexicon/function-words.js';
import { DOMAIN_STOPWORDS, readWordList } from '../lexicon/stopwords.js';
import { packageRoot } from '../paths.js';
/**
 * Term counts of groups (clusters of reports, themes of paragraphs), gathered
 * item by item, for labelling each group by its distinctive terms.
 */
export class GroupTerms {
  readonly counts: Float64Array;
  /** Items of the group in which the term occurs. */
  readonly itemFreq: Float64Array;
  readonly items: number[];
  readonly tokens: number[];
  private readonly stamp: Int32Array;
  private item = 0;

  constructor(
    readonly k: number,
    readonly nTerms: number,
  ) {
    this.counts = new Float64Array(k * nTerms);
    this.itemFreq = new Float64Array(k * nTerms);
    this.items = new Array<number>(k).fill(0);
    this.tokens = new Array<number>(k).fill(0);
    this.stamp = new Int32Array(nTerms).fill(-1);
  }

  /** Adds one item of group g: its terms (terms[from..to), by default all) with their counts (a term may repeat). */
  add(g: number, terms: ArrayLike<number>, counts?: ArrayLike<number>, from = 0, to = terms.length): void {
    const item = this.item++;
    const base = g * this.nTerms;
    this.items[g]!++;
    for (let i = from; i < to; i++) {
      const t = terms[i]!;
      const c = counts ? counts[i]! : 1;
      this.counts[base + t]! += c;
      this.tokens[g]! += c;
      if (this.stamp[t] !== item) {
        this.stamp[t] = item;
        this.itemFreq[base + t]!++;
      }
    }
  }
}

export interface LabelOptions {
  /** Terms per group. */
  top: number;
  /** A term must occur in at least this share of the group's items (and in 2 of them, if the group has 2). */
  minShare: number;
  /** A term's rate in the group must be at least this many times its rate in the other groups. */
  minLift: number;
  /** Terms that never label a group (function words and report filler: {@link labelSkipWords}). */
  skip?: ReadonlySet<string>;
}

/**
 * Each group's distinctive terms by class-based tf-idf (c-TF-IDF, Grootendorst
 * 2022): w(t, c) = f(t, c) / N(c) · log(1 + A / f(t)), where f(t, c) counts t
 * in group c, N(c) is the group's token count, f(t) the term's count in all
 * groups and A the mean tokens per group. Only terms that set the group apart
 * are ranked: a term in more than half of the items of every group (建设, 发展 in
 * every report) labels none; a term must be over-used in the group (its rate
 * there at least `minLift` times its rate in the other groups); and it must
 * occur in `minShare` of the group's items, so that one report's oddity does
 * not label a cluster; terms in `opts.skip` never label one.
 * Ties go to the term that sorts first. A group with no such term gets none.
 */
export function distinctiveTerms(g: GroupTerms, vocab: readonly string[], opts: LabelOptions): { group: number; rank: number; term: string; weight: number }[] {
  const { k, nTerms } = g;
  const total = new Float64Array(nTerms);
  for (let c = 0; c < k; c++) for (let t = 0; t < nTerms; t++) total[t]! += g.counts[c * nTerms + t]!;
  const allTokens = g.tokens.reduce((a, b) => a + b, 0);
  const meanTokens = allTokens / k;
  // Common to all groups: in more than half the items of every group (建设 in every report).
  const common = new Uint8Array(nTerms).fill(k > 1 ? 1 : 0);
  for (let c = 0; c < k; c++) for (let t = 0; t < nTerms; t++) if (common[t] && !(g.itemFreq[c * nTerms + t]! > 0.5 * g.items[c]!)) common[t] = 0;
  const out: { group: number; rank: number; term: string; weight: number }[] = [];
  for (let c = 0; c < k; c++) {
    const base = c * nTerms;
    const inTokens = g.tokens[c]!;
    const outTokens = allTokens - inTokens;
    if (inTokens === 0) continue;
    const minItems = Math.min(g.items[c]!, Math.max(2, Math.ceil(opts.minShare * g.items[c]!)));
    const scored: { t: number; w: number }[] = [];
    for (let t = 0; t < nTerms; t++) {
      const f = g.counts[base + t]!;
      if (f === 0 || common[t] || g.itemFreq[base + t]! < minItems || opts.skip?.has(vocab[t]!)) continue;
      const rateIn = f / inTokens;
      const rest = total[t]! - f;
      if (outTokens > 0 && rest > 0 && rateIn < opts.minLift * (rest / outTokens)) continue;
      scored.push({ t, w: rateIn * Math.log(1 + meanTokens / total[t]!) });
    }
    scored.sort((a, b) => b.w - a.w || (vocab[a.t]! < vocab[b.t]! ? -1 : vocab[a.t]! > vocab[b.t]! ? 1 : 0));
    scored.slice(0, opts.top).forEach((s, r) => out.push({ group: c + 1, rank: r + 1, term: vocab[s.t]!, weight: s.w }));
  }
  return out;
}

/**
 * Words that never label a cluster or a theme: function words (adverbs,
 * pronouns, time words, modal verbs …: lexicon/function-words.ts) and the
 * report-filler list (data/lexicon/stopwords_domain.txt: 加快, 推进 …). A label
 * says what a group is about; 应该、这种、今后 said only which decade it was.
 */
export function labelSkipWords(): ReadonlySet<string> {
  skipWords ??= new Set([...functionWords(), ...readWordList(path.join(packageRoot(), DOMAIN_STOPWORDS))]);
  return skipWords;
}
let skipWords: Set<string> | undefined;
