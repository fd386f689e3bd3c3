import { describe, expect, it } from 'vitest';
import { runNodeFlags } from '../../src/cli/supervise.js';

describe('runNodeFlags: the V8 flags of the supervised run', () => {
  it('adds --heap-growing-percent=20 and --expose-gc to the flags node was given', () => {
    expect(runNodeFlags([])).toEqual(['--heap-growing-percent=20', '--expose-gc']);
    expect(runNodeFlags(['--cpu-prof', '--cpu-prof-dir', 'prof'])).toEqual(['--cpu-prof', '--cpu-prof-dir', 'prof', '--heap-growing-percent=20', '--expose-gc']);
  });

  it("keeps the user's own settings, in either spelling, and adds no second one", () => {
    expect(runNodeFlags(['--heap-growing-percent=50', '--expose-gc'])).toEqual(['--heap-growing-percent=50', '--expose-gc']);
    expect(runNodeFlags(['--heap_growing_percent=5', '--inspect', '--expose_gc'])).toEqual(['--heap_growing_percent=5', '--inspect', '--expose_gc']);
  });
});
