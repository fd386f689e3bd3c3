import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../src/linalg/column.js';
import { seededUniform } from '../../src/random.js';

describe('ColumnBuilder', () => {
  it('gives back what was pushed, in order, exactly as long, across chunk boundaries', () => {
    const rand = seededUniform(11);
    // Lengths below, at and past multiples of the chunk (4), and none at all.
    for (const n of [0, 1, 3, 4, 5, 8, 9, 37]) {
      const b = new ColumnBuilder((k) => new Float64Array(k), 4);
      const pushed: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = rand() * 1e6 - 5e5;
        pushed.push(v);
        b.push(v);
      }
      expect(b.length).toBe(n);
      const out = b.finish();
      expect(out).toBeInstanceOf(Float64Array);
      expect(Array.from(out)).toEqual(pushed);
      expect(b.length).toBe(0);
    }
  });

  it('makes the column with the given function (shared memory, 4-byte integers)', () => {
    const b = new ColumnBuilder((k) => new Uint32Array(new SharedArrayBuffer(4 * k)), 2);
    [7, 0, 4294967295, 12, 5].forEach((v) => b.push(v));
    const out = b.finish();
    expect(out.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(out)).toEqual([7, 0, 4294967295, 12, 5]);
  });

  it('starts over after finish', () => {
    const b = new ColumnBuilder((k) => new Uint32Array(k), 2);
    [1, 2, 3].forEach((v) => b.push(v));
    b.finish();
    [9, 8].forEach((v) => b.push(v));
    expect(Array.from(b.finish())).toEqual([9, 8]);
  });

  it('refuses a chunk size that is not a positive integer, naming it', () => {
    expect(() => new ColumnBuilder((k) => new Uint32Array(k), 0)).toThrow(/chunk must be a positive integer, got 0/);
  });
});
