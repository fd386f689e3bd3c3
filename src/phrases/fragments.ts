/**
 * Word fragments among statistical phrase candidates: 业增加值 is mined
 * from 工业增加值, 农业增加值, 服务业增加值, and cuts a word (工业) at its
 * start in nearly every occurrence. Only an end of the candidate that its
 * own best cut leaves as a lone character (业 in 业/增加值) can be a cut
 * word; a candidate ending in a whole word (社会主义/市场经济, even where
 * the text goes on into 经济体制) is none. Such a candidate is a fragment
 * when, in most of its occurrences, the most probable cut of the text
 * around that end into dictionary words (jieba's cut without HMM, over 3
 * characters each side) puts no word boundary there (工业|增加 has none
 * between 工 and 业). A word of the dictionary (`words`) is a fragment on
 * the same test at either end (经济体 inside 经济体制, which jieba keeps
 * whole), while 科教兴国 before 战略 is not (科教兴国 | 战略).
 */
import type { Run } from './ngrams.js';
import { TermTrie } from '../text/trie.js';

/**
 * The candidates (of `grams`) that are fragments, judged on the text of
 * `runs`. `cut(s)` gives the end offsets of the words of s's best cut.
 *
 * @example fragments(['业增加值'], runs of '工业增加值。农业增加值', backgroundCut) // Set {'业增加值'}
 */
export function fragments(grams: readonly string[], runs: readonly Run[], cut: (s: string) => number[], share = 0.5, words: ReadonlySet<string> = new Set()): Set<string> {
  const trie = new TermTrie(grams);
  const seen = new Map<string, number>();
  const cutIn = new Map<string, number>();
  // Which ends of each candidate are lone characters in its own cut.
  const lone = new Map<string, { start: boolean; end: boolean }>();
  for (const g of grams) {
    // A dictionary word (`words`) is one unit: either end may be cut (经济体 in 经济体制).
    const ends = words.has(g) ? [] : cut(g);
    lone.set(g, words.has(g) ? { start: true, end: true } : { start: ends[0] === 1, end: ends.length > 1 && g.length - ends[ends.length - 2]! === 1 });
  }
  for (const run of runs) {
    const t = run.text;
    trie.forEachOccurrence(t, (gram, start) => {
      seen.set(gram, (seen.get(gram) ?? 0) + 1);
      const l = lone.get(gram)!;
      if ((l.start && inside(t, start, cut)) || (l.end && inside(t, start + gram.length, cut))) cutIn.set(gram, (cutIn.get(gram) ?? 0) + 1);
    });
  }
  const out = new Set<string>();
  for (const [g, n] of seen) if ((cutIn.get(g) ?? 0) > share * n) out.add(g);
  return out;
}

/** Does position `at` of `t` fall inside a word of the best cut of the 3 characters either side? */
function inside(t: string, at: number, cut: (s: string) => number[]): boolean {
  if (at <= 0 || at >= t.length) return false;
  const from = Math.max(0, at - 3);
  const ends = cut(t.slice(from, Math.min(t.length, at + 3)));
  return !ends.includes(at - from);
}
