import { describe, expect, it } from 'vitest';
import { TermTrie } from '../../src/text/trie.js';

// Index of every character of the sentences below:
//   全0 面1 推2 进3 乡4 村5 振6 兴7 战8 略9 ，10 乡11 村12 振13 兴14
const SENTENCE = '全面推进乡村振兴战略';
const TWO_CLAUSES = '全面推进乡村振兴战略，乡村振兴';

function allOccurrences(trie: TermTrie, text: string): [string, number][] {
  const out: [string, number][] = [];
  trie.forEachOccurrence(text, (term, start) => out.push([term, start]));
  return out;
}

describe('TermTrie', () => {
  it('counts distinct non-empty terms', () => {
    const trie = new TermTrie(['乡村', '乡村振兴', '乡村', '']);
    expect(trie.size).toBe(2);
    trie.add('振兴战略');
    trie.add('乡村振兴');
    expect(trie.size).toBe(3);
    expect(new TermTrie().size).toBe(0);
  });

  it('matches leftmost-longest and does not overlap', () => {
    const trie = new TermTrie(['乡村', '乡村振兴', '振兴战略']);
    // At 4 both 乡村 and 乡村振兴 start: the longer wins and covers 4..7, so 振兴战略 (at 6) is not matched.
    expect([...trie.matches(SENTENCE)]).toEqual([[4, '乡村振兴']]);
    // After the comma at 10, 乡村振兴 again at 11.
    expect([...trie.matches(TWO_CLAUSES)]).toEqual([
      [4, '乡村振兴'],
      [11, '乡村振兴'],
    ]);
  });

  it('takes the leftmost match even when a later one would be longer', () => {
    // 推进乡村 starts at 2 and wins over 乡村振兴战略 at 4, which it overlaps; 振兴 at 6 follows.
    const trie = new TermTrie(['推进乡村', '乡村振兴战略', '振兴']);
    expect([...trie.matches(SENTENCE)]).toEqual([
      [2, '推进乡村'],
      [6, '振兴'],
    ]);
  });

  it('falls back to a shorter term when a longer one is incomplete', () => {
    // 乡村振兴战略 is in the trie but the text stops at 乡村振兴的: only 乡村 is a complete term at 0.
    const trie = new TermTrie(['乡村', '乡村振兴战略']);
    expect([...trie.matches('乡村振兴的')]).toEqual([[0, '乡村']]);
    expect([...trie.matches('')]).toEqual([]);
    expect([...trie.matches('没有任何词')]).toEqual([]);
  });

  it('forEachOccurrence reports every occurrence, overlapping ones included', () => {
    const trie = new TermTrie(['乡村', '乡村振兴', '振兴战略']);
    // At 4: 乡村 and 乡村振兴 (shorter first); at 6: 振兴战略; at 11: 乡村 and 乡村振兴. 5 in all.
    expect(allOccurrences(trie, TWO_CLAUSES)).toEqual([
      ['乡村', 4],
      ['乡村振兴', 4],
      ['振兴战略', 6],
      ['乡村', 11],
      ['乡村振兴', 11],
    ]);
  });

  it('forEachOccurrence counts self-overlapping repeats (哈哈 in 哈哈哈哈: 3 occurrences, 2 matches)', () => {
    const trie = new TermTrie(['哈哈']);
    // Starts 0, 1 and 2 (a 2-character term fits at 4 - 2 + 1 = 3 positions).
    expect(allOccurrences(trie, '哈哈哈哈')).toEqual([
      ['哈哈', 0],
      ['哈哈', 1],
      ['哈哈', 2],
    ]);
    // Non-overlapping: 0..1 and 2..3.
    expect([...trie.matches('哈哈哈哈')]).toEqual([
      [0, '哈哈'],
      [2, '哈哈'],
    ]);
  });

  it('longestAt gives the longest complete term starting at a position', () => {
    const trie = new TermTrie(['乡村', '乡村振兴', '振兴战略']);
    expect(trie.longestAt(SENTENCE, 4)).toBe('乡村振兴');
    expect(trie.longestAt(SENTENCE, 5)).toBeUndefined(); // 村振… starts no term
    expect(trie.longestAt(SENTENCE, 6)).toBe('振兴战略');
    expect(trie.longestAt(SENTENCE, 0)).toBeUndefined();
    // Text ending inside 乡村振兴: 推进乡村振 at 2 gives only 乡村.
    expect(trie.longestAt('推进乡村振', 2)).toBe('乡村');
    // Past the end.
    expect(trie.longestAt(SENTENCE, SENTENCE.length)).toBeUndefined();
  });

  it('matches terms with digits, Latin letters and ·', () => {
    const trie = new TermTrie(['1146', '5G基站', '有机旱作·晋品']);
    const text = '实施1146工程，建成5G基站3000个，打造有机旱作·晋品品牌';
    // 实0 施1 "1146" 2..5, 工6 程7 ，8 建9 成10 "5G基站" 11..14, "3000" 15..18 个19 ，20 打21 造22 "有机旱作·晋品" 23..29
    expect([...trie.matches(text)]).toEqual([
      [2, '1146'],
      [11, '5G基站'],
      [23, '有机旱作·晋品'],
    ]);
  });

  // Regression: trie keys must be UTF-16 code units on both sides (add and the scans). When add
  // stored code points (for..of) and the scans read code units (text[i]), a term with a character
  // outside the BMP (𠀀 U+20000, CJK Extension B, accepted by termProblem) was added but never found.
  it('finds a term containing a character outside the BMP', () => {
    const trie = new TermTrie(['𠀀村']);
    // 在 is index 0; 𠀀 takes two code units (1, 2); 村 is 3.
    expect([...trie.matches('在𠀀村')]).toEqual([[1, '𠀀村']]);
    expect(trie.longestAt('在𠀀村', 1)).toBe('𠀀村');
    expect(allOccurrences(trie, '𠀀村𠀀村')).toEqual([
      ['𠀀村', 0],
      ['𠀀村', 3],
    ]);
  });
});

describe('TermTrie.countOccurrences (counting by term id)', () => {
  /** Ctrl-F "find next" by indexOf (each search starts after the previous match): the independent count. */
  const exactCount = (text: string, term: string) => {
    let n = 0;
    for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) n++;
    return n;
  };
  const counter = (size: number) => ({ counts: new Int32Array(size), seen: new Int32Array(size).fill(-1), firstHits: [] as number[], ends: new Int32Array(size) });

  it('gives ids in order of first addition, and finds them back', () => {
    const trie = new TermTrie(['乡村振兴', '乡村', '乡村振兴', '振兴']);
    expect([0, 1, 2].map((id) => trie.termOf(id))).toEqual(['乡村振兴', '乡村', '振兴']);
    expect(trie.idOf('乡村')).toBe(1);
    expect(trie.idOf('乡')).toBe(-1); // a prefix, not a term
    expect(trie.idOf('城市')).toBe(-1);
    expect(trie.idOf('')).toBe(-1);
    expect(() => trie.termOf(3)).toThrow(RangeError);
  });

  it('counts every term as Ctrl-F finds it (a term does not overlap itself; nested terms count in both), on built text', () => {
    const terms = ['乡村', '乡村振兴', '振兴', '兴战', '哈哈', '哈哈哈', '全面推进乡村振兴战略', '不在文中'];
    const text = `${TWO_CLAUSES}。哈哈哈哈哈，乡村乡村振兴振兴。`;
    const trie = new TermTrie(terms);
    const c = counter(trie.size);
    trie.countOccurrences(text, c, 0);
    for (const t of terms) expect(c.counts[trie.idOf(t)], t).toBe(exactCount(text, t));
    // 哈哈 in 哈哈哈哈哈: Ctrl-F finds it twice; 哈哈哈 once. Nested: 乡村 in 乡村振兴 counts for both.
    expect(c.counts[trie.idOf('哈哈')]).toBe(2);
    expect(c.counts[trie.idOf('哈哈哈')]).toBe(1);
    expect(c.counts[trie.idOf('乡村')]).toBeGreaterThan(c.counts[trie.idOf('乡村振兴')]!);
  });

  it('reports the first occurrence of each term once per mark, at its offset in the whole group', () => {
    const trie = new TermTrie(['乡村', '振兴']);
    const c = counter(trie.size);
    // One document in two paragraphs: 乡村振兴 (0..3), then after a line break at 4, 振兴乡村 (5..8).
    trie.countOccurrences('乡村振兴', c, 7, 0);
    trie.countOccurrences('振兴乡村', c, 7, 5);
    expect(c.firstHits).toEqual([trie.idOf('乡村'), 0, trie.idOf('振兴'), 2]);
    expect([...c.counts]).toEqual([2, 2]);
    // A new mark (the next document) reports them again.
    c.firstHits.length = 0;
    trie.countOccurrences('振兴', c, 8);
    expect(c.firstHits).toEqual([trie.idOf('振兴'), 0]);
    expect([...c.counts]).toEqual([2, 3]);
  });
});
