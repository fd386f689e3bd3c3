import { describe, expect, it } from 'vitest';
import { backgroundOf, jiebaBackground, knownWords } from '../../src/phrases/background.js';

// A built dictionary, N = 100: 改革开放 at the floor frequency (3), its words at 4 each.
const words = new Map([
  ['改革', 4],
  ['开放', 4],
  ['改革开放', 3],
  ['和', 20],
]);
const bg = backgroundOf(words, 100);

describe('background', () => {
  it('cuts a string into its most probable words: 改革开放 whole (3/100) beats 改革|开放 ((4/100)²)', () => {
    expect(bg.cut('改革开放')).toEqual([4]);
    expect(bg.cut('开放改革')).toEqual([2, 4]);
    // An unknown character stands alone at frequency 1.
    expect(bg.cut('改革x开放')).toEqual([2, 3, 5]);
  });

  it('estimates a floor entry or an unknown string as N·Π p(w), a known one by its own frequency', () => {
    // 改革开放: max(3, 100 · 0.04 · 0.04 = 0.16) = 3; 开放改革: 0.16; 改革: 4.
    expect(bg.expected('改革开放')).toBe(3);
    expect(bg.expected('开放改革')).toBeCloseTo(0.16, 12);
    expect(bg.expected('改革')).toBe(4);
    expect(bg.freq('改革开放')).toBe(3);
    expect(bg.freq('改革开')).toBeUndefined();
  });

  it('knownWords: the dictionary words of 2..4 characters in the runs, every start, in order of first occurrence, with or without the trie', () => {
    const runs = [{ text: '改革开放和改革' }, { text: '开放' }];
    const want = [
      ['改革', 2],
      ['改革开放', 1],
      ['开放', 2],
    ];
    expect([...knownWords(runs, bg, 2, 4, 1)]).toEqual(want);
    expect([...knownWords(runs, { freq: bg.freq }, 2, 4, 1)]).toEqual(want);
    expect([...knownWords(runs, bg, 2, 4, 2)]).toEqual([want[0], want[2]]);
  });

  it("reads jieba's dictionary: 350,000 words, with their frequencies", () => {
    const j = jiebaBackground();
    expect(j.words!.size).toBeGreaterThan(300_000);
    expect(j.freq('改革开放')).toBeGreaterThan(0);
    expect(j.freq('改革开放和')).toBeUndefined();
    expect(j.total).toBeGreaterThan(6e7);
  });
});
