import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { STAGE_NAMES } from '../../src/pipeline/registry.js';
import { applyOverrides, parsePipeline } from '../../src/pipeline/spec.js';

/*
 * Pipeline files are checked before anything runs; every error is a
 * UsageError (exit code 2) that names the file, the line and the valid choices.
 * Line numbers in the comments are counted by hand (1-based).
 */

const FILE = 'pipelines/broken.yaml';

/** The UsageError thrown by fn (fails the test if none, or another kind). */
function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

/** "FILE:LINE" or "FILE ... line LINE". */
const namesLine = (msg: string, line: number) => new RegExp(`broken\\.yaml(?::${line}\\b|.*\\bline ${line}\\b)`).test(msg);

describe('parsePipeline', () => {
  it('reads a valid pipeline with stage defaults and overridden parameters', () => {
    const p = parsePipeline('name: mine\ndescription: just ingest\nstages:\n  - ingest:\n      min_doc_chars: 50\n', FILE);
    expect(p.name).toBe('mine');
    expect(p.description).toBe('just ingest');
    expect(p.stages.map((s) => s.name)).toEqual(['ingest']);
    expect(p.stages[0]!.params.min_doc_chars).toBe(50);
    expect(p.stages[0]!.params.wrap_min_chars).toBe(60); // default kept
    expect(p.stages[0]!.line).toBe(4);
  });

  // BUG (src/pipeline/spec.ts, parsePipeline): YAML errors are read from
  // `e.linePos`, which the yaml package only fills in when prettyErrors is
  // true; with prettyErrors: false it is undefined, so the line is 0 and the
  // message has no line number. Fix: `e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line`.
  describe('malformed YAML names the file and the line', () => {
    it('a nested mapping on one line (line 4)', () => {
      const text = [
        'name: broken', // 1
        'description: x', // 2
        'stages:', // 3
        '  - ingest: min_doc_chars: 100', // 4  <- two colons: not valid YAML
      ].join('\n');
      const err = usageError(() => parsePipeline(text, FILE));
      expect(err.message).toContain('broken.yaml');
      expect(namesLine(err.message, 4)).toBe(true);
    });

    it('a tab used as indentation (line 3)', () => {
      const text = 'name: broken\nstages:\n\t- ingest\n';
      const err = usageError(() => parsePipeline(text, FILE));
      expect(err.message).toContain('broken.yaml');
      expect(namesLine(err.message, 3)).toBe(true);
    });

    it('is a UsageError naming the file, whatever the line', () => {
      const err = usageError(() => parsePipeline('name: broken\nstages:\n  - ingest: min_doc_chars: 100\n', FILE));
      expect(err.message).toContain(FILE);
      expect(err.message).toMatch(/YAML/);
    });
  });

  it('an unknown stage is named with its line and the list of valid stages', () => {
    const text = [
      'name: broken', // 1
      'stages:', // 2
      '  - ingest', // 3
      '  - tokenize', // 4
    ].join('\n');
    const err = usageError(() => parsePipeline(text, FILE));
    expect(err.message).toContain('tokenize');
    expect(namesLine(err.message, 4)).toBe(true);
    for (const s of STAGE_NAMES) expect(err.message).toContain(s);
  });

  it('an unknown parameter of ingest is named with its own line', () => {
    const text = [
      'name: broken', // 1
      'stages:', // 2
      '  - ingest:', // 3
      '      min_doc_chars: 100', // 4
      '      min_chars: 5', // 5  <- not a parameter of ingest
    ].join('\n');
    const err = usageError(() => parsePipeline(text, FILE));
    expect(err.message).toContain('min_chars');
    expect(namesLine(err.message, 5)).toBe(true);
    // The valid parameters are listed so the user can fix the typo.
    expect(err.message).toContain('min_doc_chars');
  });

  it('a parameter of the wrong type is named with its own line', () => {
    const text = [
      'name: broken', // 1
      'stages:', // 2
      '  - ingest:', // 3
      '      wrap_min_chars: 40', // 4
      '      min_doc_chars: "abc"', // 5  <- must be a number
    ].join('\n');
    const err = usageError(() => parsePipeline(text, FILE));
    expect(err.message).toContain('min_doc_chars');
    expect(err.message).toContain('abc');
    expect(namesLine(err.message, 5)).toBe(true);
  });
});

describe('applyOverrides (--set)', () => {
  const base = parsePipeline('name: t\nstages:\n  - ingest\n', 'pipelines/t.yaml');

  it('sets a parameter, read as YAML (a number stays a number), without touching the original', () => {
    const p = applyOverrides(base, ['ingest.min_doc_chars=100']);
    expect(p.stages[0]!.params.min_doc_chars).toBe(100);
    expect(base.stages[0]!.params.min_doc_chars).toBe(200);
  });

  it('sets one key of a mapping parameter (ingest.columns.region)', () => {
    const p = applyOverrides(base, ['ingest.columns.region=城市']);
    expect(p.stages[0]!.params.columns).toEqual({ region: '城市' });
  });

  it.each([
    ['nosuch.x=1', 'nosuch'],
    ['ingest.bogus=1', 'bogus'],
    ['garbage', 'garbage'],
    ['ingest.min_doc_chars=abc', 'min_doc_chars'],
  ])('--set %s is a UsageError naming the --set', (set, named) => {
    const err = usageError(() => applyOverrides(base, [set]));
    expect(err.message).toContain(`--set ${set}`);
    expect(err.message).toContain(named);
  });
});
