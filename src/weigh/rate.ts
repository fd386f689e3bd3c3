/**
 * The rate of `hits` per 10,000 counted tokens: hits / tokens · 10,000, the
 * per_10k column of policy_terms.csv, attention.csv and the group tables;
 * 0 when there are no tokens.
 *
 * @example per10k(3, 1500) // 20
 */
export function per10k(hits: number, tokens: number): number {
  // Divided first, then scaled: the published numbers were computed in this order (floating point is not associative).
  return tokens > 0 ? (hits / tokens) * 10000 : 0;
}
