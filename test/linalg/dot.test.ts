import { describe, expect, it } from 'vitest';
import { dot4, dotAt } from '../../src/linalg/dot.js';
import { seededUniform } from '../../src/random.js';

describe('dotAt', () => {
  it('sums a[ao+j]·b[bo+j] over j < n', () => {
    // 2·4 + 3·5 = 23, worked by hand.
    expect(dotAt(Float64Array.of(1, 2, 3), 1, Float64Array.of(4, 5), 0, 2)).toBe(23);
    expect(dotAt(Float64Array.of(1, 2, 3), 0, Float64Array.of(4, 5, 6), 0, 0)).toBe(0);
  });

  it('adds in order of j: the same bits as a left-to-right loop, not a reordered sum', () => {
    // 1e16 + 1 + (-1e16) is 0 left to right (1 is lost), 1 if the last two were added first.
    const a = Float64Array.of(1e16, 1, -1e16);
    const ones = Float64Array.of(1, 1, 1);
    expect(dotAt(a, 0, ones, 0, 3)).toBe(0);
  });
});

describe('dot4', () => {
  it('gives four dot products of one vector with four rows', () => {
    const out = new Float64Array(4);
    // Rows [1,2] [3,4] [5,6] [7,8] with [1,1]: 3, 7, 11, 15.
    dot4(Float64Array.of(1, 1), 0, Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), 0, 2, 4, 6, 0, 2, out);
    expect(Array.from(out)).toEqual([3, 7, 11, 15]);
  });

  it('matches four calls of dotAt bit for bit, for any offsets and range', () => {
    const rand = seededUniform(7);
    const a = Float64Array.from({ length: 300 }, () => rand() - 0.5);
    const b = Float64Array.from({ length: 1200 }, () => (rand() - 0.5) * 1e3);
    const out = new Float64Array(4);
    for (const [from, to] of [[0, 50], [7, 61], [13, 14], [5, 5]] as const) {
      const offs = [3, 290, 555, 1100 - to] as const;
      dot4(a, 11, b, offs[0], offs[1], offs[2], offs[3], from, to, out);
      offs.forEach((o, k) => expect(Object.is(out[k], dotAt(a, 11 + from, b, o + from, to - from))).toBe(true));
    }
  });
});
