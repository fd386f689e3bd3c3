import { describe, expect, it } from 'vitest';
import { buildDtm } from '../../src/weigh/dtm.js';
import { erfc, groupCounts, keyness, keyness2x2 } from '../../src/weigh/keyness.js';

const none = { correction: 'none' } as const;

// Table 1, worked by hand: a = 10, b = 5, c = 90, d = 195.
//   row totals a+b = 15, c+d = 285; column totals a+c = 100, b+d = 200; N = 300
//   E11 = 15·100/300 = 5, E12 = 15·200/300 = 10, E21 = 285·100/300 = 95, E22 = 285·200/300 = 190
//   over-used in the target: 10/100 = 0.1 > 5/200 = 0.025 (ad − bc = 1950 − 450 = 1500 > 0)
describe('keyness2x2: a = 10, b = 5, c = 90, d = 195', () => {
  it('chi2 without correction', () => {
    // Σ (O−E)²/E = 25/5 + 25/10 + 25/95 + 25/190 = 5 + 2.5 + 0.26316 + 0.13158 = 150/19
    // = N(ad−bc)²/(15·285·100·200) = 300·1500²/85,500,000 = 7.894736842105263
    expect(keyness2x2(10, 5, 90, 195, none).chi2).toBeCloseTo(150 / 19, 13);
    expect(150 / 19).toBeCloseTo(7.894736842105263, 15);
  });

  it("Yates: not applied, as quanteda, since no expected count is below 5 (E11 = 5)", () => {
    // quanteda's rule: δ = 0.5 only if |ad−bc| >= N/2 (1500 >= 150: yes) AND some E < 5 (min E = 5: no).
    // (R's chisq.test(correct = TRUE) would always correct: 300·(1500−150)²/85.5e6 = 6.394736842105263.)
    expect(keyness2x2(10, 5, 90, 195).chi2).toBeCloseTo(150 / 19, 13);
  });

  it('G2 without correction', () => {
    // 2[10 ln(10/5) + 5 ln(5/10) + 90 ln(90/95) + 195 ln(195/190)]
    // = 2[5 ln 2 + 90 ln(18/19) + 195 ln(39/38)]
    // = 2[3.4657359028 − 4.8660499143 + 5.0652198486] = 2 · 3.6649058371 = 7.329811674221491
    const g2 = 2 * (5 * Math.log(2) + 90 * Math.log(18 / 19) + 195 * Math.log(39 / 38));
    expect(g2).toBeCloseTo(7.329811674221491, 13);
    expect(keyness2x2(10, 5, 90, 195, none).g2).toBeCloseTo(7.329811674221491, 12);
  });

  it('G2 with Williams correction (the default)', () => {
    // Williams (1976, Biometrika 63:33–37), r×c table with row totals R, column totals C:
    //   q = 1 + (N Σ 1/Rᵢ − 1)(N Σ 1/Cⱼ − 1) / (6N(r−1)(c−1))
    // for 2x2 (as quanteda.textstats src/keyness.cpp williams_correction):
    //   q = 1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1) / (6N)
    //     = 1 + (300/15 + 300/285 − 1)(300/100 + 300/200 − 1) / 1800
    //     = 1 + (381/19)(7/2)/1800 = 1 + 2667/68400 = 71067/68400 = 1.0389912280701754
    // G2 / q = 7.329811674221491 · 68400/71067 = 7.054738746770654
    const q = 71067 / 68400;
    expect(q).toBeCloseTo(1.0389912280701754, 15);
    const r = keyness2x2(10, 5, 90, 195);
    expect(r.g2).toBeCloseTo(7.329811674221491 / q, 12);
    expect(r.g2).toBeCloseTo(7.054738746770654, 12);
  });

  it('p-value: chi-squared upper tail with 1 df', () => {
    // P(X >= 150/19) = erfc(sqrt(75/19)) = 0.004957885081270758 (scipy.stats.chi2.sf)
    expect(keyness2x2(10, 5, 90, 195).p_value).toBeCloseTo(0.004957885081270758, 14);
  });

  it('log ratio: log2((10/100) / (5/200)) = log2(4) = 2', () => {
    expect(keyness2x2(10, 5, 90, 195).log_ratio).toBeCloseTo(2, 15);
  });

  it('under-use is negative: the groups swapped give the same magnitudes, signed −', () => {
    // a = 5 of 200 tokens in the target, b = 10 of 100 in the reference: 0.025 < 0.1.
    const over = keyness2x2(10, 5, 90, 195);
    const under = keyness2x2(5, 10, 195, 90);
    expect(under.chi2).toBeCloseTo(-over.chi2, 12);
    expect(under.g2).toBeCloseTo(-over.g2, 12);
    expect(under.log_ratio).toBeCloseTo(-2, 15);
    expect(under.p_value).toBeCloseTo(over.p_value, 15);
    const u0 = keyness2x2(5, 10, 195, 90, none);
    expect(u0.chi2).toBeCloseTo(-150 / 19, 13);
    expect(u0.g2).toBeCloseTo(-7.329811674221491, 12);
  });
});

describe('keyness2x2: corrections on other tables', () => {
  it('Yates applied when an expected count is below 5: a = 8, b = 2, c = 92, d = 398', () => {
    // N = 500; a+b = 10, c+d = 490, a+c = 100, b+d = 400; E11 = 10·100/500 = 2 < 5
    // ad − bc = 3184 − 184 = 3000 >= N/2 = 250, so δ = 0.5:
    //   none:  500 · 3000² / (10·490·100·400) = 4.5e9 / 1.96e8 = 1125/49 = 22.959183673469386
    //   Yates: 500 · (3000 − 250)² / 1.96e8 = 3.78125e9 / 1.96e8 = 15125/784 = 19.292091836734695
    // (both equal scipy.stats.chi2_contingency with correction False / True)
    expect(keyness2x2(8, 2, 92, 398, none).chi2).toBeCloseTo(1125 / 49, 12);
    const r = keyness2x2(8, 2, 92, 398);
    expect(r.chi2).toBeCloseTo(15125 / 784, 12);
    // p from the corrected chi2: chi2.sf(19.292091836734695, 1) = 1.1216997670982976e-05
    expect(r.p_value / 1.1216997670982976e-5).toBeCloseTo(1, 12);
    // Williams: q = 1 + (500/10 + 500/490 − 1)(500/100 + 500/400 − 1)/3000
    //             = 1 + (50.0204081632653)(5.25)/3000 = 1.0875357142857143
    const q = 1 + ((50 + 500 / 490 - 1) * (5 + 1.25 - 1)) / 3000;
    expect(q).toBeCloseTo(1.0875357142857143, 15);
    // G2 (scipy.stats.chi2_contingency, lambda_='log-likelihood') = 17.10198616828117
    expect(keyness2x2(8, 2, 92, 398, none).g2).toBeCloseTo(17.10198616828117, 11);
    expect(r.g2).toBeCloseTo(17.10198616828117 / q, 11);
  });

  it('Yates never over-corrects: skipped when |ad − bc| < N/2 (a = 1, b = 1, c = 99, d = 199)', () => {
    // N = 300, ad − bc = 199 − 99 = 100 < 150, so δ = 0 although E11 = 2·100/300 = 0.67 < 5:
    //   chi2 = 300 · 100² / (2·298·100·200) = 3e6 / 1.192e7 = 75/298 = 0.25167785234899326
    expect(keyness2x2(1, 1, 99, 199).chi2).toBeCloseTo(75 / 298, 14);
    expect(keyness2x2(1, 1, 99, 199, none).chi2).toBeCloseTo(75 / 298, 14);
  });

  it('a term absent from the reference (a = 4, b = 0, c = 96, d = 200)', () => {
    // chi2 none: 300 · 800² / (4·296·100·200) = 1.92e8 / 2.368e7 = 8.108108108108109
    // Yates (E11 = 4/3 < 5, 800 >= 150): 300 · 650² / 2.368e7 = 5.352618243243243
    // G2 = 2[4 ln(4/(4/3)) + 96 ln(96/(296/3)) + 200 ln(200/(592/3))] = 8.897503398083114
    // Williams: as quanteda, q = 1 when a cell is 0, so G2 is uncorrected.
    // log ratio: b = 0 counts as 0.5: log2((4/100) / (0.5/200)) = log2(0.04/0.0025) = log2(16) = 4
    const r = keyness2x2(4, 0, 96, 200);
    expect(keyness2x2(4, 0, 96, 200, none).chi2).toBeCloseTo(8.108108108108109, 12);
    expect(r.chi2).toBeCloseTo(5.352618243243243, 12);
    expect(r.g2).toBeCloseTo(8.897503398083114, 12);
    expect(keyness2x2(4, 0, 96, 200, none).g2).toBe(r.g2);
    expect(r.log_ratio).toBeCloseTo(4, 15);
    // and mirrored, absent from the target: log2((0.5/200) / (4/100)) = −4
    expect(keyness2x2(0, 4, 200, 96).log_ratio).toBeCloseTo(-4, 15);
    expect(keyness2x2(0, 4, 200, 96).g2).toBeCloseTo(-8.897503398083114, 12);
  });

  it('equal proportions score 0 with p = 1; empty margins carry no evidence', () => {
    // 2/100 = 4/200
    expect(keyness2x2(2, 4, 98, 196)).toEqual({ chi2: 0, g2: 0, p_value: 1, log_ratio: 0 });
    expect(Object.is(keyness2x2(2, 4, 98, 196).chi2, -0)).toBe(false);
    const absent = keyness2x2(0, 0, 100, 200);
    expect([absent.chi2, absent.g2, absent.p_value]).toEqual([0, 0, 1]);
    expect(Number.isNaN(keyness2x2(0, 3, 0, 10).log_ratio)).toBe(true); // empty target
  });
});

describe('erfc and the chi-squared (1 df) p-value', () => {
  const p = (chi2: number) => erfc(Math.sqrt(chi2 / 2));
  it('the 5% and 1% critical values', () => {
    // qchisq(0.95, 1) = 3.841458820694124, qchisq(0.99, 1) = 6.634896601021214
    expect(p(3.841458820694124)).toBeCloseTo(0.05, 12);
    expect(p(6.634896601021214)).toBeCloseTo(0.01, 12);
  });
  it('matches reference values to ~1e-14 relative, deep into the tail', () => {
    // mpmath.erfc at 50 digits
    const ref: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [3, 2.209049699858544e-5],
      [5, 1.5374597944280349e-12],
      [10, 2.088487583762545e-45],
      [20, 5.395865611607901e-176],
      [-1, 1.8427007929497148],
    ];
    for (const [x, v] of ref) expect(Math.abs(erfc(x) - v) / v).toBeLessThan(1e-14);
    expect(erfc(30)).toBe(0);
  });
});

// Three documents over terms 0..3:  d0 = 0 0 1   d1 = 1 2   d2 = 0 3 3 3
const dtm = buildDtm([Uint32Array.of(0, 0, 1), Uint32Array.of(1, 2), Uint32Array.of(0, 3, 3, 3)], 5);

describe('groupCounts', () => {
  it('sums the counts of a set of documents per term', () => {
    expect(Array.from(groupCounts(dtm, [0, 2]))).toEqual([3, 1, 0, 3, 0]);
    expect(Array.from(groupCounts(dtm, [1]))).toEqual([0, 1, 1, 0, 0]);
    expect(Array.from(groupCounts(dtm, []))).toEqual([0, 0, 0, 0, 0]);
  });
  it('counts a repeated document once and rejects unknown ones', () => {
    expect(Array.from(groupCounts(dtm, [2, 2, 0]))).toEqual([3, 1, 0, 3, 0]);
    expect(() => groupCounts(dtm, [3])).toThrow(RangeError);
    expect(() => groupCounts(dtm, [-1])).toThrow(RangeError);
    expect(() => groupCounts(dtm, [0.5])).toThrow(RangeError);
  });
});

describe('keyness over groups', () => {
  // target = d0 + d2: counts (3, 1, 0, 3, 0), 7 tokens; reference = d1: (0, 1, 1, 0, 0), 2 tokens.
  const target = groupCounts(dtm, [0, 2]);
  const reference = groupCounts(dtm, [1]);
  const rows = keyness(target, reference);

  it('a row for every term used by either group, each the 2x2 statistics', () => {
    expect(rows.map((r) => r.term).sort()).toEqual([0, 1, 2, 3]); // term 4 occurs nowhere
    const t0 = rows.find((r) => r.term === 0)!;
    expect(t0.target_count).toBe(3);
    expect(t0.reference_count).toBe(0);
    // a = 3, b = 0, c = 7 − 3 = 4, d = 2 − 0 = 2
    expect(t0).toMatchObject(keyness2x2(3, 0, 4, 2));
    const t2 = rows.find((r) => r.term === 2)!;
    expect(t2).toMatchObject(keyness2x2(0, 1, 7, 1));
    expect(keyness(target, reference, none).find((r) => r.term === 2)).toMatchObject(keyness2x2(0, 1, 7, 1, none));
  });

  it('sorted by g2 descending, then term id', () => {
    // terms 0 and 3 have the same table (3, 0, 4, 2): tied, so by term id
    expect(rows.map((r) => r.term)).toEqual([0, 3, 1, 2]);
    expect(rows[0]!.g2).toBe(rows[1]!.g2);
    expect(rows[0]!.g2).toBeGreaterThan(0);
    expect(rows[3]!.g2).toBeLessThan(0);
  });

  it('rejects mismatched or empty groups', () => {
    expect(() => keyness(target, new Float64Array(3))).toThrow(RangeError);
    expect(() => keyness(target, new Float64Array(5))).toThrow(RangeError);
  });
});
