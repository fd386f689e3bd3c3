import { describe, expect, it } from 'vitest';
import { field, formatNumber, neutralizeFormula, restoreFormula } from '../../src/output/csv.js';
import { seededUniform } from '../../src/random.js';

/*
 * The CSV cell functions on strings built from the characters that matter
 * (formula starts, apostrophes, quotes, separators, CJK): neutralizeFormula
 * against the rule written as one regular expression (OWASP: = + - @ tab CR
 * at the start, after any apostrophes), restoreFormula undoing it.
 */
const ALPHABET = ["'", '=', '+', '-', '@', '\t', '\r', '\n', '"', ',', 'a', '1', ' ', '乡', '村'];

function strings(n: number, seed: number): string[] {
  const u = seededUniform(seed);
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(u() * 6) }, () => ALPHABET[Math.floor(u() * ALPHABET.length)]!).join(''));
}

describe('CSV cells', () => {
  it('neutralises exactly the formula-like text, and restoreFormula undoes it', () => {
    const rule = (v: string) => (/^'*[=+\-@\t\r]/u.test(v) ? `'${v}` : v);
    const all = strings(20_000, 7);
    expect(new Set(all).size).toBeGreaterThan(5_000);
    let changed = 0;
    for (const v of all) {
      const n = neutralizeFormula(v);
      expect(n, JSON.stringify(v)).toBe(rule(v));
      expect(restoreFormula(n)).toBe(v);
      if (n !== v) changed++;
    }
    expect(changed).toBeGreaterThan(1_000);
  });

  it('prints numbers in their shortest round-trip form, -0 as 0, non-finite as empty', () => {
    for (const v of [0, -0, 1, -1, 0.1 + 0.2, 1e21, 5e-324, -1.5e-7, 2 ** 53]) {
      const s = formatNumber(v);
      expect(Number(s)).toBe(v === 0 ? 0 : v);
      expect(s).toBe(v === 0 ? '0' : String(v));
    }
    expect(field(NaN)).toBe('');
    expect(field(Infinity)).toBe('');
    expect(field('a,"b"')).toBe('"a,""b"""');
    expect(field('=1')).toBe("'=1");
  });
});
