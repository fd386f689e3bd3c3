/**
 * A general-Chinese background for ranking phrases: jieba's dictionary
 * (about 350,000 words with their frequencies in jieba's training corpus,
 * 60 million words). A phrase jieba knows has its own frequency; a phrase
 * it does not know gets the frequency its words would have together if
 * they were independent: N · Π p(wᵢ) over jieba's most probable cut of the
 * phrase into dictionary words (the cut jieba itself makes without HMM),
 * p(w) = freq(w) / N, a character unknown to the dictionary at freq 1.
 * An entry at the dictionary's floor frequency (2 or 3: some 200,000 of its
 * words, added by hand as words without a count: 改革开放 3, 和谐社会 3)
 * says that the word exists, not how common it is: it is estimated like an
 * unknown phrase (and at least its floor).
 */
export const FLOOR_FREQUENCY = 3;
import { readFileSync } from 'node:fs';
import { jiebaDictionaryFile } from '../segment/jieba.js';
import { WordTrie } from '../text/word-trie.js';

export interface Background {
  /** Total frequency of the dictionary (N). */
  total: number;
  /** Frequency of a dictionary word, undefined when jieba does not know it. */
  freq(word: string): number | undefined;
  /** Expected frequency of a string in the background: its own, or N · Π p(wᵢ) over its most probable cut. */
  expected(s: string): number;
  /** The most probable cut of a string into dictionary words (jieba's cut without HMM): the end offset of each word. */
  cut(s: string): number[];
  /** The dictionary as a trie (word -> frequency), for scans that look up every substring of a text. */
  words?: WordTrie;
}

let cached: Background | undefined;

/** jieba's main dictionary (nodejieba's copy of cppjieba's jieba.dict.utf8), read once. */
export function jiebaBackground(): Background {
  if (cached) return cached;
  const file = jiebaDictionaryFile();
  const words = new WordTrie();
  let total = 0;
  const text = readFileSync(file, 'utf8');
  for (let at = 0; at < text.length; ) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const sp = text.indexOf(' ', at);
    if (sp > at && sp < eol) {
      const sp2 = text.indexOf(' ', sp + 1);
      const f = Number(text.slice(sp + 1, sp2 < 0 || sp2 > eol ? eol : sp2));
      if (f > 0) {
        words.add(text.slice(at, sp), f);
        total += f;
      }
    }
    at = eol + 1;
  }
  cached = backgroundOfTrie(words, total);
  return cached;
}

/** A background from word frequencies (exported for tests on built dictionaries). */
export function backgroundOf(words: ReadonlyMap<string, number>, total: number): Background {
  const trie = new WordTrie();
  for (const [w, f] of words) trie.set(w, f);
  return backgroundOfTrie(trie, total);
}

/**
 * The background over a trie of the dictionary: every lookup of a cut walks
 * the trie from the cut's start, one node per length, instead of slicing and
 * hashing a string per length.
 */
function backgroundOfTrie(words: WordTrie, total: number): Background {
  const logN = Math.log(total);
  const longest = Math.max(1, words.longest);
  const freqAt = (node: number): number | undefined => {
    const v = words.valueAt(node);
    return Number.isNaN(v) ? undefined : v;
  };
  /**
   * The most probable cut of s into dictionary words (a lone unknown character at frequency 1): best[j] is the
   * highest log-probability of a cut of s[0..j), from[j] where its last word starts. `whole`: s itself may be one word.
   */
  const bestCut = (s: string, whole: boolean): { best: Float64Array; from: Int32Array } => {
    const best = new Float64Array(s.length + 1).fill(-Infinity);
    const from = new Int32Array(s.length + 1);
    best[0] = 0;
    for (let i = 0; i < s.length; i++) {
      if (best[i] === -Infinity) continue;
      const last = Math.min(s.length, i + longest);
      let node = words.first(s.charCodeAt(i));
      for (let j = i + 1; j <= last; j++) {
        // Past the last dictionary prefix only a lone character (j = i + 1) has a frequency (1).
        if (node === 0 && j > i + 1) break;
        const f = !whole && j - i === s.length ? 0 : ((node === 0 ? undefined : freqAt(node)) ?? (j === i + 1 ? 1 : 0));
        if (j < s.length && node !== 0) node = words.child(node, s.charCodeAt(j));
        if (f <= 0) continue;
        const v = best[i]! + Math.log(f) - logN;
        if (v > best[j]!) {
          best[j] = v;
          from[j] = i;
        }
      }
    }
    return { best, from };
  };
  const expected = (s: string): number => {
    const own = words.get(s);
    if (own !== undefined && (own > FLOOR_FREQUENCY || s.length < 2)) return own;
    // The whole string is not a cut of itself (its own entry was a floor one, or none).
    return Math.max(own ?? 0, Math.exp(logN + bestCut(s, false).best[s.length]!));
  };
  const cut = (s: string): number[] => {
    const { from } = bestCut(s, true);
    const ends: number[] = [];
    for (let j = s.length; j > 0; j = from[j]!) ends.push(j);
    return ends.reverse();
  };
  return { total, freq: (w) => words.get(w), expected, cut, words };
}

/**
 * The words of the background dictionary, `minLen` to `maxLen` characters,
 * that occur at least `minCount` times in the runs (every start, every
 * length: a word jieba knows is a lexical unit already, with no need of
 * the cohesion and boundary statistics that discovery asks of new strings).
 */
export function knownWords(runs: readonly { text: string }[], background: Pick<Background, 'freq' | 'words'>, minLen: number, maxLen: number, minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  const trie = background.words;
  for (const { text } of runs) {
    for (let i = 0; i + minLen <= text.length; i++) {
      if (trie) {
        // One walk from i: the node of each length in turn, a string made only for a word found.
        let node = trie.first(text.charCodeAt(i));
        for (let len = 1; len <= maxLen && node !== 0; len++) {
          if (len >= minLen && !Number.isNaN(trie.valueAt(node))) {
            const w = text.slice(i, i + len);
            counts.set(w, (counts.get(w) ?? 0) + 1);
          }
          node = i + len < text.length ? trie.child(node, text.charCodeAt(i + len)) : 0;
        }
        continue;
      }
      for (let len = minLen; len <= maxLen && i + len <= text.length; len++) {
        const w = text.slice(i, i + len);
        if (background.freq(w) !== undefined) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  }
  for (const [w, c] of counts) if (c < minCount) counts.delete(w);
  return counts;
}
