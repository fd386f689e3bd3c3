import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripInlineChrome, stripInlineChromeNormalized } from '../../src/ingest/boilerplate.js';
import { normalizedLines, normalizeLine, normalizeLineByRegex } from '../../src/ingest/normalize.js';

/*
 * normalizeLine works in one pass; the chain of replacements it replaced
 * (normalizeLineByRegex) is the definition it must give back exactly, lone
 * and split surrogate pairs, removed characters between spaces and every
 * kind of space included.
 */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const TRICKY = ['\ud800', '\udbff', '\udc00', '\udfff', '\u200b', '\u00ad', '\u2060', '\u0001', '\u000b', '\u000c', '\u007f', '\t', '\n', '\r', ' ', '  ', '\u3000', '\u00a0', '\ufeff', '\u2028', '\u0085', '\u180e', '，', '１', 'Ａ', '\uff5e', '\uff5f', '\uff00', '中', 'a', '𠀀', 'http://x.cn', 'www.gov.cn'];
const tricky = fc.array(fc.oneof(fc.constantFrom(...TRICKY), anyUnit), { maxLength: 40 }).map((a) => a.join(''));

describe('normalizeLine', () => {
  it('is the chain of replacements, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: anyUnit, maxLength: 200 })), (s) => {
        expect(normalizeLine(s)).toBe(normalizeLineByRegex(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('pairs surrogates only across removed characters, not across spaces', () => {
    expect(normalizeLine('\ud840\u200b\udc00')).toBe('𠀀');
    expect(normalizeLine('\ud840 \udc00')).toBe('\ufffd \ufffd');
    expect(normalizeLine('a\udc00\ud840')).toBe('a\ufffd\ufffd');
    expect(normalizeLine(' \u3000ａ，\u0001 b\t')).toBe('a, b');
    const plain = '乡村振兴 战略';
    expect(normalizeLine(plain)).toBe(plain);
  });

  it('splits lines on every line break convention', () => {
    expect(normalizedLines('一\r\n二\r三\u2028四\u2029五\n六')).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(normalizedLines('一\n\n 二 ')).toEqual(['一', '', '二']);
  });
});

describe('stripInlineChromeNormalized', () => {
  it('is stripInlineChrome on normalised lines', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const line = normalizeLine(s);
        expect(stripInlineChromeNormalized(line)).toBe(stripInlineChrome(line));
      }),
      { numRuns: 3000 },
    );
    expect(stripInlineChromeNormalized('详见 http://www.gov.cn/a.html 全文')).toBe('详见 全文');
  });
});
