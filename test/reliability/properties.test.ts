import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizedLines, normalizeLine, normalizeLineByRegex } from '../../src/ingest/normalize.js';
import { capParagraph, splitRunOn, toParagraphs } from '../../src/ingest/paragraphs.js';
import { quotedCandidates } from '../../src/phrases/candidates.js';
import { hanRuns, mineNgrams } from '../../src/phrases/ngrams.js';
import { loadJieba } from '../../src/segment/jieba.js';
import { tokenizeParagraph, type Jieba, type TokenFilter } from '../../src/segment/tokenize.js';
import { ingest } from '../../src/stages/ingest.js';
import { ingestParams } from '../../src/artifacts/corpus.js';
import { TermTrie } from '../../src/text/trie.js';
import type { Source } from '../../src/io/sources.js';
import { substringCount } from '../fixtures/samples.js';

/*
 * Property-based tests (fast-check) of ingest cleaning, paragraph splitting,
 * phrase discovery and tokenisation on arbitrary Unicode: lone surrogates,
 * controls, every kind of space and line break, astral characters, plus
 * report-like text built from a few Han characters and punctuation so that
 * repeats and sentence ends are common. The expected values come from
 * independent definitions written here (character classes, indexOf counts).
 */

const RUNS = { numRuns: 300 };

/** Any UTF-16 code unit, lone surrogates included: what a broken decoder or scraper can hand over. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const SPECIAL = ['\n', '\r\n', '\r', '\u2028', '\u3000', '\u00a0', '\t', '\u200b', '\u00ad', '\ufeff', '\u0000', '\u0007', '\u007f', '，', '。', '：', '；', '“', '”', '１', 'Ａ', '𠀀', ' ', '一、', '(一)', '各位代表：'];
const HAN = ['乡', '村', '振', '兴', '发', '展', '高', '质', '量', '项', '目', '为', '王'];
/** Report-like text: Han characters, punctuation, digits, markers and the special characters above. */
const reportish = fc.array(fc.oneof(fc.constantFrom(...HAN), fc.constantFrom(...SPECIAL), fc.constantFrom('2023', '7%', '亿元'), anyUnit), { maxLength: 400 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ unit: anyUnit, maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), reportish);

// Independent character classes, from the rules in src/ingest/normalize.ts's comment.
const isSpace = (c: string) => /\s/u.test(c) || /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]/u.test(c);
const isInvisible = (c: string) => /[\u200b-\u200d\u2060\u00ad]/u.test(c);
const isControl = (c: string) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(c);
const fold = (c: string) => (c >= '\uff01' && c <= '\uff5e' ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : c);
const isLoneSurrogate = (c: string) => c.length === 1 && c >= '\ud800' && c <= '\udfff';
/**
 * Characters that survive cleaning, folded: everything but space, invisible and control characters; a lone
 * surrogate becomes U+FFFD. Invisible and control characters go first, as in the chain that defines cleaning
 * (normalizeLineByRegex), so two halves they stood between make one character again (\ud840\u200b\udc00 is 𠀀).
 */
const kept = (s: string) =>
  Array.from(Array.from(s).filter((c) => !isInvisible(c) && !isControl(c)).join(''))
    .filter((c) => !isSpace(c))
    .map((c) => (isLoneSurrogate(c) ? '\ufffd' : fold(c)))
    .join('');
const noSpace = (s: string) => s.replace(/ /g, '');

describe('ingest cleaning (normalizeLine, normalizedLines)', () => {
  it('never throws, and loses only spaces, invisible and control characters (the rest is folded, in order)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const line = normalizeLine(s);
        expect(noSpace(line)).toBe(kept(s));
        // Spaces: single ASCII spaces inside, none at the ends; no control or invisible character left.
        expect(line).not.toMatch(/^ | $| {2}/u);
        expect(Array.from(line).some((c) => isControl(c) || isInvisible(c) || isLoneSurrogate(c) || (isSpace(c) && c !== ' '))).toBe(false);
        expect(normalizeLine(line)).toBe(line); // idempotent
      }),
      RUNS,
    );
  });

  it('pairs surrogate halves that only a removed character stood between, as the chain does (fast-check counterexample \\ud800\\u0000\\udc00)', () => {
    for (const s of ['\ud800\u0000\udc00', '\ud840\u200b\udc00', '\ud800 \udc00', '\udc00\u0007\ud800']) {
      expect(normalizeLine(s)).toBe(normalizeLineByRegex(s));
      expect(noSpace(normalizeLine(s))).toBe(kept(s));
    }
  });

  it('gives one line per line break (CRLF, CR, LF, U+2028/2029) plus one', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const breaks = s.replace(/\r\n/g, '\n').split('').filter((c) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029').length;
        expect(normalizedLines(s)).toHaveLength(breaks + 1);
      }),
      RUNS,
    );
  });
});

describe('paragraph splitting', () => {
  it('capParagraph: pieces are non-empty, at most max long, and put together give the paragraph back', () => {
    fc.assert(
      fc.property(anyText.filter((p) => p !== ''), fc.integer({ min: 1, max: 120 }), (p, max) => {
        const pieces = capParagraph(p, max);
        expect(pieces.join('')).toBe(p);
        for (const piece of pieces) expect(piece.length).toBeGreaterThan(0);
        for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(max);
      }),
      RUNS,
    );
  });

  it('splitRunOn and toParagraphs: cut only at spaces; every other character kept in order; no empty paragraph', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 12 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 100, max: 400 }), (raw, wrap, max) => {
        const lines = raw.map(normalizeLine);
        for (const line of lines) {
          const parts = splitRunOn(line);
          expect(noSpace(parts.join(''))).toBe(noSpace(line));
          for (const part of parts) expect(part).not.toBe('');
        }
        const paragraphs = toParagraphs(lines, { wrapMinChars: wrap, maxParagraphChars: max });
        expect(noSpace(paragraphs.join(''))).toBe(noSpace(lines.join('')));
        for (const p of paragraphs) {
          expect(p.trim()).not.toBe('');
          expect(p.length).toBeLessThanOrEqual(max);
        }
      }),
      RUNS,
    );
  });

  it('ingest: never throws; counts are never negative and add up (sections tile the paragraphs)', () => {
    const params = ingestParams.parse({ min_doc_chars: 0 });
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 3 }), (texts) => {
        const sources: Source[] = texts.map((text, i) => ({ file: `f${i}.txt`, format: 'text', encoding: 'utf-8', text, bytes: text.length, sha256: '' }));
        const corpus = ingest(sources, params);
        const ids = corpus.documents.map((d) => d.doc_id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const doc of corpus.documents) {
          expect(doc.doc_id).toMatch(/^[\p{L}\p{N}_-]+$/u);
          expect(doc.paragraphs.length).toBeGreaterThan(0);
          for (const p of doc.paragraphs) expect(p.trim()).not.toBe('');
          let next = 1;
          let chars = 0;
          for (const s of doc.sections) {
            expect(s.first_paragraph).toBe(next);
            expect(s.last_paragraph).toBeGreaterThanOrEqual(s.first_paragraph);
            expect(s.chars).toBe(doc.paragraphs.slice(s.first_paragraph - 1, s.last_paragraph).reduce((n, p) => n + p.length, 0));
            expect(s.chars).toBeGreaterThanOrEqual(0);
            chars += s.chars;
            next = s.last_paragraph + 1;
          }
          expect(next - 1).toBe(doc.paragraphs.length);
          expect(chars).toBe(doc.paragraphs.reduce((n, p) => n + p.length, 0));
        }
        // Nothing invented: every document's text comes from its source, cleaned.
        for (const doc of corpus.documents) {
          const src = kept(texts[Number(doc.source_file.slice(1, -4))]!);
          expect(src).toContain(noSpace(doc.paragraphs[0]!).slice(0, 20));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('phrase discovery', () => {
  /** Maximal runs of at least 2 BMP Han characters, found character by character (not by the module's regex). */
  function runsByHand(text: string): string[] {
    const han = (c: string) => (c >= '\u3400' && c <= '\u4dbf') || (c >= '\u4e00' && c <= '\u9fff') || (c >= '\uf900' && c <= '\ufaff');
    const out: string[] = [];
    let cur = '';
    for (const c of text.split('')) {
      if (han(c)) cur += c;
      else {
        if (cur.length >= 2) out.push(cur);
        cur = '';
      }
    }
    if (cur.length >= 2) out.push(cur);
    return out;
  }

  it('hanRuns finds exactly the maximal Han runs', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(hanRuns(s).map((r) => r.text)).toEqual(runsByHand(s));
      }),
      RUNS,
    );
  });

  it('mineNgrams: every gram occurs as often as indexOf counts it in the runs, at least minCount times; entropies are not negative', () => {
    const hanText = fc.array(fc.oneof(fc.constantFrom(...HAN), fc.constantFrom('，', '。', '1', 'a')), { maxLength: 600 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(hanText, anyText), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 6 }), (text, minCount, maxLen) => {
        const runs = hanRuns(text);
        const stats = mineNgrams(runs, { minLen: 2, maxLen, minCount });
        const seen = new Set<string>();
        for (const s of stats) {
          expect(seen.has(s.gram)).toBe(false);
          seen.add(s.gram);
          expect(s.gram.length).toBeGreaterThanOrEqual(2);
          expect(s.gram.length).toBeLessThanOrEqual(maxLen);
          expect(s.count).toBe(runs.reduce((n, r) => n + substringCount(r.text, s.gram), 0));
          expect(s.count).toBeGreaterThanOrEqual(minCount);
          expect(s.leftEntropy).toBeGreaterThanOrEqual(0);
          expect(s.rightEntropy).toBeGreaterThanOrEqual(0);
          expect(Number.isNaN(s.cohesion)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('quotedCandidates: counts are positive and never more than the quoted occurrences in the text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, reportish.map((s) => s.replace(/。/g, '“六新”'))), (text) => {
        const found = new Map<string, number>();
        quotedCandidates(text, found);
        for (const [q, n] of found) {
          expect(n).toBeGreaterThan(0);
          expect(q.length).toBeGreaterThanOrEqual(2);
          expect(n).toBeLessThanOrEqual(substringCount(text, q));
        }
      }),
      RUNS,
    );
  });
});

describe('tokenisation (nodejieba behind the lexicon trie)', () => {
  let jieba: Jieba;
  beforeAll(() => {
    jieba = loadJieba();
  });
  const NEUTRAL: TokenFilter = { stopwords: new Set(), removeNumbers: false, removePunctuation: false, minChars: 1, pos: [], hmm: true };
  const DEFAULT: TokenFilter = { stopwords: new Set(['的', '和']), removeNumbers: true, removePunctuation: true, minChars: 2, pos: [], hmm: true };
  const TERMS = ['乡村振兴', '高质量发展', '项目为王'];
  const trie = new TermTrie(TERMS);

  it('never throws; on cleaned text every token is the text at its span, and with no filter the tokens are the text minus white space', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        tokenizeParagraph(raw, jieba, [trie], DEFAULT, []); // raw text: must not throw
        const text = normalizeLine(raw);
        const toks: string[] = [];
        const spans: number[] = [];
        tokenizeParagraph(text, jieba, [trie], NEUTRAL, toks, spans);
        expect(spans).toHaveLength(2 * toks.length);
        toks.forEach((t, i) => {
          expect(spans[2 * i + 1]! - spans[2 * i]!).toBe(t.length);
          expect(text.slice(spans[2 * i], spans[2 * i + 1])).toBe(t);
          if (i > 0) expect(spans[2 * i]).toBeGreaterThanOrEqual(spans[2 * i - 1]!);
        });
        expect(toks.join('').replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
      }),
      RUNS,
    );
  });

  it('lexicon terms are single tokens as often as they occur; the default filter only removes tokens', () => {
    const withTerms = fc.array(fc.oneof(fc.constantFrom(...TERMS), fc.constantFrom(...HAN), fc.constantFrom(...SPECIAL), anyUnit), { maxLength: 200 }).map((a) => a.join(''));
    fc.assert(
      fc.property(withTerms, (text) => {
        const all: string[] = [];
        tokenizeParagraph(text, jieba, [trie], NEUTRAL, all);
        // No term is a substring of another or overlaps itself, so leftmost-longest matching finds every occurrence.
        for (const t of TERMS) expect(all.filter((x) => x === t).length, t).toBe(substringCount(text, t));
        const filtered: string[] = [];
        tokenizeParagraph(text, jieba, [trie], DEFAULT, filtered);
        // The filtered tokens are a subsequence of the unfiltered ones, each at least 2 characters or a term.
        let j = 0;
        for (const t of filtered) {
          while (j < all.length && all[j] !== t) j++;
          expect(j, t).toBeLessThan(all.length);
          j++;
          expect(t.length).toBeGreaterThanOrEqual(2);
        }
      }),
      RUNS,
    );
  });
});
