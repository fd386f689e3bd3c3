import { describe, expect, it } from 'vitest';
import { runNodeFlags } from '../../src/cli/supervise.js';

describe('runNodeFlags: the V8 flags of the supervised run', () => {
  it('adds --heap-growing-percent=20 to the flags node was given', () => {
    expect(runNodeFlags([])).toEqual(['--heap-growing-percent=20']);
    expect(runNodeFlags(['--cpu-prof', '--cpu-prof-dir', 'prof'])).toEqual(['--cpu-prof', '--cpu-prof-dir', 'prof', '--heap-growing-percent=20']);
  });

  it("keeps the user's own setting, in either spelling, and adds none", () => {
    expect(runNodeFlags(['--heap-growing-percent=50'])).toEqual(['--heap-growing-percent=50']);
    expect(runNodeFlags(['--heap_growing_percent=5', '--inspect'])).toEqual(['--heap_growing_percent=5', '--inspect']);
  });
});
