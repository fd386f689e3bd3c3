import { describe, expect, it } from 'vitest';
import { CompoundMatcher } from '../../src/segment/compounds.js';
import { WordIds } from '../../src/segment/tokenize.js';
import { TermTrie } from '../../src/text/trie.js';
import { seededUniform } from '../../src/random.js';

// Terms and text over a small alphabet, so that terms nest, overlap and share prefixes (and wide nodes get many children).
const ALPHABET = '发展改革创新乡村振兴战略高质量建设一二三四五六七八九十百千万的和与';

function built(seed: number): { terms: string[]; texts: string[] } {
  const u = seededUniform(seed);
  const pick = (len: number) => Array.from({ length: len }, () => ALPHABET[Math.floor(u() * ALPHABET.length)]!).join('');
  const terms = Array.from({ length: 300 }, () => pick(1 + Math.floor(u() * 6)));
  // Duplicates and an empty term, as a phrase list may hold them.
  terms.push(terms[3]!, terms[10]!, '');
  const texts = Array.from({ length: 200 }, () => pick(Math.floor(u() * 80)));
  return { terms, texts };
}

describe('CompoundMatcher', () => {
  it('finds the matches of TermTrie.collectMatches on the slice, for any range, as term numbers', () => {
    for (const seed of [1, 2, 3]) {
      const { terms, texts } = built(seed);
      const trie = new TermTrie(terms);
      const matcher = new CompoundMatcher(terms);
      const u = seededUniform(seed + 100);
      let matches = 0;
      for (const text of texts) {
        const from = Math.floor(u() * (text.length + 1));
        const to = from + Math.floor(u() * (text.length - from + 1));
        const s1: number[] = [];
        const t1: string[] = [];
        trie.collectMatches(text.slice(from, to), s1, t1);
        const s2: number[] = [];
        const t2: number[] = [];
        const n = matcher.collect(text, from, to, s2, t2);
        expect(n).toBe(s2.length);
        expect(s2.map((s) => s - from)).toEqual(s1);
        expect(t2.map((t) => terms[t])).toEqual(t1);
        // The number of a duplicated term is its first.
        for (const t of t2) expect(terms.indexOf(terms[t]!)).toBe(t);
        matches += n;
      }
      expect(matches).toBeGreaterThan(100);
    }
  });
});

describe('WordIds', () => {
  it('stores and finds what a Map does, through growth, for equal strings that are different objects', () => {
    const ids = new WordIds();
    const map = new Map<string, number>();
    const u = seededUniform(9);
    for (let i = 0; i < 50_000; i++) {
      const w = Array.from({ length: 1 + Math.floor(u() * 4) }, () => ALPHABET[Math.floor(u() * ALPHABET.length)]!).join('');
      // A new string object with the same text (as jieba gives on every cut).
      const probe = [...w].join('');
      expect(ids.get(probe)).toBe(map.get(w));
      if (!map.has(w)) {
        map.set(w, i % 7 === 0 ? -1 : i);
        ids.set(w, map.get(w)!);
      }
    }
    expect(ids.size).toBe(map.size);
    expect(map.size).toBeGreaterThan(20_000);
  });
});
