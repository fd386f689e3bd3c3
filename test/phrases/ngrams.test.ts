import { describe, expect, it } from 'vitest';
import { hanRuns, mineNgrams, type NgramStat } from '../../src/phrases/ngrams.js';

/*
 * A corpus built so that every count can be done by hand. The made-up slogan 甲乙丙丁 occurs
 * five times with different neighbours; 甲乙 and 丙丁 also stand alone once each.
 *
 *   run  text          before          after
 *   R1   春甲乙丙丁夏   text start (free) 。 (free)
 *   R2   春甲乙丙丁     。 (free)        ， (free)
 *   R3   甲乙丙丁       2 (digit)        。 (free)
 *   R4   秋甲乙丙丁     。 (free)        5 (digit)
 *   R5   甲乙丙丁夏     % (digit class)  ； (free)
 *   R6   甲乙           ； (free)        ， (free)
 *   R7   丙丁           ， (free)        。 (free)
 *
 * Characters mined: N = 6 + 5 + 4 + 5 + 5 + 2 + 2 = 29.
 * Unigrams: 甲 = 乙 = 丙 = 丁 = 6 (R1-R5 once each, 甲乙 in R6, 丙丁 in R7), 春 = 2, 夏 = 2, 秋 = 1.
 */
const TEXT = '春甲乙丙丁夏。春甲乙丙丁，2022甲乙丙丁。秋甲乙丙丁5，7.5%甲乙丙丁夏；甲乙，丙丁。';
const N = 29;

function byGram(stats: NgramStat[]): Map<string, NgramStat> {
  const m = new Map<string, NgramStat>();
  for (const s of stats) {
    expect(m.has(s.gram), `${s.gram} reported twice`).toBe(false);
    m.set(s.gram, s);
  }
  return m;
}

describe('hanRuns', () => {
  it('splits the built text into the seven runs, with the digit class at digit ends and free ends elsewhere', () => {
    const runs = hanRuns(TEXT);
    expect(runs.map((r) => r.text)).toEqual(['春甲乙丙丁夏', '春甲乙丙丁', '甲乙丙丁', '秋甲乙丙丁', '甲乙丙丁夏', '甲乙', '丙丁']);
    expect(runs.reduce((n, r) => n + r.text.length, 0)).toBe(N);
    const digit = runs[2]!.before; // after 2022
    expect(digit).not.toBe(-1);
    // Free (-1) at the text start and at punctuation; one shared class for 2 (R3), 5 (R4) and % (R5).
    expect(runs.map((r) => [r.before, r.after])).toEqual([
      [-1, -1],
      [-1, -1],
      [digit, -1],
      [-1, digit],
      [digit, -1],
      [-1, -1],
      [-1, -1],
    ]);
  });

  it('gives Latin letters their own class, drops runs shorter than minLen', () => {
    // 在 (single, before 2022) and the final 县 (single) are too short for the default minLen 2.
    const runs = hanRuns('在2022年工作ABC报告中。县');
    expect(runs.map((r) => r.text)).toEqual(['年工作', '报告中']);
    const digit = runs[0]!.before;
    const latin = runs[0]!.after;
    expect(digit).not.toBe(-1);
    expect(latin).not.toBe(-1);
    expect(latin).not.toBe(digit);
    expect(runs[1]!.before).toBe(latin); // after C
    expect(runs[1]!.after).toBe(-1); // before 。
    // minLen 1 keeps the single characters.
    expect(hanRuns('在2022年工作ABC报告中。县', 1).map((r) => r.text)).toEqual(['在', '年工作', '报告中', '县']);
  });
});

describe('mineNgrams', () => {
  it('finds exactly the n-grams occurring at least minCount times, with their counts', () => {
    const stats = mineNgrams(hanRuns(TEXT), { minLen: 2, maxLen: 4, minCount: 2 });
    // By hand, listing the n-grams of each run (秋 occurs once, so nothing with 秋 is counted):
    //   2-grams: 春甲 R1 R2 = 2; 甲乙 R1-R6 = 6; 乙丙 R1-R5 = 5; 丙丁 R1-R5, R7 = 6; 丁夏 R1 R5 = 2; 秋甲 1 (out)
    //   3-grams: 春甲乙 2; 甲乙丙 5; 乙丙丁 5; 丙丁夏 R1 R5 = 2; 秋甲乙 1 (out)
    //   4-grams: 春甲乙丙 2; 甲乙丙丁 5; 乙丙丁夏 2; 秋甲乙丙 1 (out)
    const counts = Object.fromEntries([...byGram(stats)].map(([g, s]) => [g, s.count]));
    expect(counts).toEqual({
      春甲: 2,
      甲乙: 6,
      乙丙: 5,
      丙丁: 6,
      丁夏: 2,
      春甲乙: 2,
      甲乙丙: 5,
      乙丙丁: 5,
      丙丁夏: 2,
      春甲乙丙: 2,
      甲乙丙丁: 5,
      乙丙丁夏: 2,
    });
    expect(counts['秋甲']).toBeUndefined();
    expect(counts['秋甲乙丙']).toBeUndefined();
  });

  it('cohesion of 甲乙丙丁 is the lowest PMI over its three splits', () => {
    const s = byGram(mineNgrams(hanRuns(TEXT), { minLen: 2, maxLen: 4, minCount: 2 })).get('甲乙丙丁')!;
    expect(s.count).toBe(5);
    // c(w) = 5, N = 29.
    //   甲 | 乙丙丁: 5·29 / (6·5) = 145/30
    //   甲乙 | 丙丁: 5·29 / (6·6) = 145/36   <- lowest
    //   甲乙丙 | 丁: 5·29 / (5·6) = 145/30
    expect(s.cohesion).toBeCloseTo(Math.log(145 / 36), 10);
  });

  it('cohesion of shorter grams, from the same hand counts', () => {
    const m = byGram(mineNgrams(hanRuns(TEXT), { minLen: 2, maxLen: 4, minCount: 2 }));
    // 甲乙: 6·29 / (6·6) = 29/6
    expect(m.get('甲乙')!.cohesion).toBeCloseTo(Math.log(29 / 6), 10);
    // 乙丙: 5·29 / (6·6) = 145/36
    expect(m.get('乙丙')!.cohesion).toBeCloseTo(Math.log(145 / 36), 10);
    // 丁夏: 2·29 / (6·2) = 29/6
    expect(m.get('丁夏')!.cohesion).toBeCloseTo(Math.log(29 / 6), 10);
    // 甲乙丙: 甲|乙丙 5·29/(6·5) = 29/6; 甲乙|丙 5·29/(6·6) = 145/36 <- lowest
    expect(m.get('甲乙丙')!.cohesion).toBeCloseTo(Math.log(145 / 36), 10);
    // 春甲乙丙: 春|甲乙丙 2·29/(2·5) = 29/5; 春甲|乙丙 2·29/(2·5) = 29/5; 春甲乙|丙 2·29/(2·6) = 29/6 <- lowest
    expect(m.get('春甲乙丙')!.cohesion).toBeCloseTo(Math.log(29 / 6), 10);
  });

  it('boundary entropies of 甲乙丙丁: digits share one class, every free boundary is its own neighbour', () => {
    const s = byGram(mineNgrams(hanRuns(TEXT), { minLen: 2, maxLen: 4, minCount: 2 })).get('甲乙丙丁')!;
    // Left of the five occurrences: 春 (R1), 春 (R2), digit (R3), 秋 (R4), digit (R5)
    //   -> {春: 2, digit: 2, 秋: 1}: H = 2·(2/5)·ln(5/2) + (1/5)·ln 5
    const left = 2 * (2 / 5) * Math.log(5 / 2) + (1 / 5) * Math.log(5);
    // Right: 夏 (R1), free (R2), free (R3), digit (R4), 夏 (R5)
    //   -> {夏: 2, digit: 1} and 2 free ends counted as 2 distinct neighbours of weight 1/5:
    //   H = (2/5)·ln(5/2) + (1/5)·ln 5 + 2·(1/5)·ln 5
    const right = (2 / 5) * Math.log(5 / 2) + (3 / 5) * Math.log(5);
    expect(s.leftEntropy).toBeCloseTo(left, 10);
    expect(s.rightEntropy).toBeCloseTo(right, 10);
    // Sanity on the hand numbers: left ≈ 1.0549, right ≈ 1.3322.
    expect(left).toBeCloseTo(1.0549, 4);
    expect(right).toBeCloseTo(1.3322, 4);
  });

  it('boundary entropies of 甲乙 (six occurrences, one alone between punctuation)', () => {
    const s = byGram(mineNgrams(hanRuns(TEXT), { minLen: 2, maxLen: 4, minCount: 2 })).get('甲乙')!;
    // Left: 春, 春, digit, 秋, digit, free (R6) -> {春: 2, digit: 2, 秋: 1} + 1 free:
    //   H = 2·(2/6)·ln 3 + (1/6)·ln 6 + (1/6)·ln 6
    expect(s.leftEntropy).toBeCloseTo((2 / 3) * Math.log(3) + (1 / 3) * Math.log(6), 10);
    // Right: 丙 five times, free once (R6): H = (5/6)·ln(6/5) + (1/6)·ln 6
    expect(s.rightEntropy).toBeCloseTo((5 / 6) * Math.log(6 / 5) + (1 / 6) * Math.log(6), 10);
  });

  it('a gram always between the same two characters has zero entropy on both sides', () => {
    // 乙丙 occurs 5 times, always 甲 before and 丁 after.
    const s = byGram(mineNgrams(hanRuns(TEXT), { minLen: 2, maxLen: 4, minCount: 2 })).get('乙丙')!;
    expect(s.leftEntropy).toBe(0);
    expect(s.rightEntropy).toBe(0);
  });

  it('minCount prunes: with minCount 6 only 甲乙 and 丙丁 remain, and N still counts every character', () => {
    const stats = mineNgrams(hanRuns(TEXT), { minLen: 2, maxLen: 4, minCount: 6 });
    // 乙丙 (5) is out, so no 3-gram can be built; 甲乙丙丁 (5) is absent.
    const m = byGram(stats);
    expect([...m.keys()].sort()).toEqual(['丙丁', '甲乙'].sort());
    expect(m.get('甲乙')!.count).toBe(6);
    expect(m.get('丙丁')!.count).toBe(6);
    // 丙丁: 6·29 / (6·6) = 29/6 (N = 29 includes 春, 夏, 秋 although they are pruned).
    expect(m.get('丙丁')!.cohesion).toBeCloseTo(Math.log(29 / 6), 10);
  });

  it('minLen and maxLen bound the reported lengths without changing the statistics', () => {
    const only4 = byGram(mineNgrams(hanRuns(TEXT), { minLen: 4, maxLen: 4, minCount: 2 }));
    expect([...only4.keys()].sort()).toEqual(['春甲乙丙', '甲乙丙丁', '乙丙丁夏'].sort());
    const s = only4.get('甲乙丙丁')!;
    expect(s.count).toBe(5);
    expect(s.cohesion).toBeCloseTo(Math.log(145 / 36), 10);
    expect(s.leftEntropy).toBeCloseTo(2 * (2 / 5) * Math.log(5 / 2) + (1 / 5) * Math.log(5), 10);

    const upTo3 = mineNgrams(hanRuns(TEXT), { minLen: 2, maxLen: 3, minCount: 2 });
    expect(upTo3.every((g) => g.gram.length >= 2 && g.gram.length <= 3)).toBe(true);
    // 12 grams of lengths 2-4 above, minus the three 4-grams.
    expect(upTo3).toHaveLength(9);
  });

  it('minCohesion reports only the grams at least that cohesive, and still extends the others', () => {
    // Cohesion of the 12 grams, from the hand counts above (N = 29):
    //   29/6 (ln ≈ 1.576): 春甲, 甲乙, 丙丁, 丁夏, 春甲乙, 丙丁夏, 春甲乙丙, 乙丙丁夏
    //     e.g. 乙丙丁夏: 乙|丙丁夏 2·29/(6·2) = 29/6; 乙丙|丁夏 2·29/(5·2) = 29/5; 乙丙丁|夏 2·29/(5·2) = 29/5
    //   145/36 (ln ≈ 1.393): 乙丙, 甲乙丙, 乙丙丁, 甲乙丙丁
    const strict = byGram(mineNgrams(hanRuns(TEXT), { minLen: 2, maxLen: 4, minCount: 2, minCohesion: 1.5 }));
    expect([...strict.keys()].sort()).toEqual(['春甲', '甲乙', '丙丁', '丁夏', '春甲乙', '丙丁夏', '春甲乙丙', '乙丙丁夏'].sort());
    // 春甲乙丙 is built on 甲乙丙 and 乙丙 (both under the threshold) and keeps its count and entropies.
    const s = strict.get('春甲乙丙')!;
    expect(s.count).toBe(2);
    // Left of 春甲乙丙: free (R1 start), free (R2 after 。): 2 free ends -> 2·(1/2)·ln 2 = ln 2. Right: 丁, 丁 -> 0.
    expect(s.leftEntropy).toBeCloseTo(Math.log(2), 10);
    expect(s.rightEntropy).toBe(0);
    // Just under the lowest cohesion: all 12.
    expect(mineNgrams(hanRuns(TEXT), { minLen: 2, maxLen: 4, minCount: 2, minCohesion: Math.log(145 / 36) - 1e-9 })).toHaveLength(12);
  });

  it('counts repeats inside one run, overlapping occurrences included', () => {
    // One run 哈哈哈哈哈 (5 characters): 哈哈 at 0,1,2,3 = 4; 哈哈哈 at 0,1,2 = 3. N = 5, c(哈) = 5.
    const m = byGram(mineNgrams(hanRuns('哈哈哈哈哈。'), { minLen: 2, maxLen: 3, minCount: 2 }));
    expect(m.get('哈哈')!.count).toBe(4);
    expect(m.get('哈哈哈')!.count).toBe(3);
    // 哈哈: 4·5 / (5·5) = 4/5; 哈哈哈: 3·5 / (5·4) = 3/4 (both splits the same).
    expect(m.get('哈哈')!.cohesion).toBeCloseTo(Math.log(4 / 5), 10);
    expect(m.get('哈哈哈')!.cohesion).toBeCloseTo(Math.log(3 / 4), 10);
    // 哈哈 left neighbours: free, 哈, 哈, 哈 -> (3/4)·ln(4/3) + (1/4)·ln 4
    expect(m.get('哈哈')!.leftEntropy).toBeCloseTo((3 / 4) * Math.log(4 / 3) + (1 / 4) * Math.log(4), 10);
  });

  it('returns nothing for an empty corpus', () => {
    expect(mineNgrams([], { minLen: 2, maxLen: 4, minCount: 1 })).toEqual([]);
  });

  // BUG (src/phrases/ngrams.ts, mineNgrams): runs are walked by UTF-16 code unit (charCodeAt,
  // slice), so a Han character outside the BMP (𠀀 U+20000, CJK Extension B; \p{Script=Han}
  // matches it) is cut in two: the miner reports ill-formed grams such as '在\ud840' and
  // '\udc00村' (and the 2-unit '𠀀' as a 2-gram). Fix: mine code points (Array.from(run)),
  // key n-grams as id·0x110000 + code point, and number ids from 0x110000.
  it('never reports a gram that splits a character outside the BMP', () => {
    const stats = mineNgrams(hanRuns('在𠀀村工作。在𠀀村生活。'), { minLen: 2, maxLen: 4, minCount: 2 });
    // Lone surrogates (in u mode a pair is one code point and does not match this class).
    expect(stats.filter((s) => /[\uD800-\uDFFF]/u.test(s.gram)).map((s) => s.gram)).toEqual([]);
  });
});
