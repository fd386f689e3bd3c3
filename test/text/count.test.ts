import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countTerm, describeIgnored, findTerm, Ignored, normalise, TermCounter } from '../../src/text/count.js';

/** Ctrl-F "find next", written independently: remove the ignored characters, then split on the term (non-overlapping, left to right). */
function ctrlF(paragraphs: readonly string[], term: string, ignored = '、·・• \t'): number {
  const strip = (s: string) => Array.from(s).filter((c) => !ignored.includes(c)).join('');
  const key = strip(term);
  if (key === '') return 0;
  return paragraphs.reduce((n, p) => n + strip(p).split(key).length - 1, 0);
}

describe('countTerm (the one meaning of a count)', () => {
  it('counts a term nested in a longer term in both (科教兴国 inside 科教兴国战略)', () => {
    const text = ['实施科教兴国战略。科教兴国战略和人才强国战略。坚持科教兴国。'];
    expect(countTerm(text, '科教兴国')).toBe(3);
    expect(countTerm(text, '科教兴国战略')).toBe(2);
    const c = new TermCounter(['科教兴国', '科教兴国战略', '人才强国战略']);
    expect(c.countDocument(text)).toEqual([
      { term: 0, count: 3 },
      { term: 1, count: 2 },
      { term: 2, count: 1 },
    ]);
  });

  it('counts self-overlapping repeats as Ctrl-F finds them (哈哈 in 哈哈哈哈哈: 2)', () => {
    expect(countTerm(['哈哈哈哈哈'], '哈哈')).toBe(2);
    expect(new TermCounter(['哈哈']).countDocument(['哈哈哈哈哈'])).toEqual([{ term: 0, count: 2 }]);
    expect(countTerm(['ababa'], 'aba')).toBe(1);
  });

  it('ignores enumeration marks and spaces in the text and the term; the span is the original text', () => {
    const p = ['推动大众创业、万众创新，大众创业万众创新，大众 创业·万众创新。'];
    expect(countTerm(p, '大众创业万众创新')).toBe(3);
    expect(countTerm(p, '大众创业、万众创新')).toBe(3);
    const spans = findTerm(p, '大众创业万众创新').map((o) => p[0]!.slice(o.start, o.end));
    expect(spans).toEqual(['大众创业、万众创新', '大众创业万众创新', '大众 创业·万众创新']);
    // ',' (the folded ，) is not ignored by default: 发展经济,发展 holds no 经济发展.
    expect(countTerm(['发展经济,发展工业'], '经济发展')).toBe(0);
    expect(countTerm(['发展经济,发展工业'], '经济发展', new Ignored('、,'))).toBe(1);
    expect(countTerm(['大众创业、万众创新'], '大众创业万众创新', new Ignored(''))).toBe(0);
  });

  it('never matches across paragraphs (lines of clean/DOC_ID.txt)', () => {
    expect(countTerm(['乡村', '振兴'], '乡村振兴')).toBe(0);
    expect(new TermCounter(['乡村振兴']).countDocument(['乡村', '振兴'])).toEqual([]);
  });

  it('normalise maps every kept position back to the original', () => {
    const n = normalise('a、b c');
    expect(n.text).toBe('abc');
    expect(Array.from(n.map!)).toEqual([0, 2, 4, 5]);
    expect(describeIgnored()).toBe('ignoring 、 · ・ • and spaces');
  });

  it('property: on built text with nested and overlapping terms, TermCounter = countTerm = findTerm = split-based Ctrl-F', () => {
    // Texts over a small alphabet, so that terms nest and overlap often; marks and spaces sprinkled in.
    const ch = fc.constantFrom('改', '革', '开', '放', '社', '会', '、', ' ', '·', '和');
    const text = fc.array(fc.array(ch, { maxLength: 40 }).map((a) => a.join('')), { minLength: 1, maxLength: 4 });
    const term = fc.array(fc.constantFrom('改', '革', '开', '放', '社', '会', '和', '、'), { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.uniqueArray(term, { minLength: 1, maxLength: 8 }), (paragraphs, terms) => {
        const counter = new TermCounter(terms);
        const got = new Map(counter.countDocument(paragraphs).map((f) => [terms[f.term]!, f.count]));
        for (const t of terms) {
          const want = ctrlF(paragraphs, t);
          expect(countTerm(paragraphs, t)).toBe(want);
          expect(got.get(t) ?? 0).toBe(want);
          const found = findTerm(paragraphs, t);
          expect(found.length).toBe(want);
          // Each occurrence's original span, with the ignored characters removed, is the term's key.
          for (const o of found) expect(Array.from(paragraphs[o.paragraph]!.slice(o.start, o.end)).filter((c) => !'、·・• \t'.includes(c)).join('')).toBe(new Ignored().key(t));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: a term nested in another is counted at least as often as the other', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('科教兴国', '战略', '科教兴国战略', '和', '实施'), { maxLength: 30 }), (parts) => {
        const p = [parts.join('')];
        const c = new TermCounter(['科教兴国', '科教兴国战略']).countDocument(p);
        const get = (i: number) => c.find((f) => f.term === i)?.count ?? 0;
        expect(get(0)).toBeGreaterThanOrEqual(get(1));
        expect(get(0)).toBe(ctrlF(p, '科教兴国'));
      }),
    );
  });
});
