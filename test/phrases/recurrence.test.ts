import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countRecurrence, exampleAt, joinedSlice } from '../../src/phrases/recurrence.js';
import { TermTrie } from '../../src/text/trie.js';

describe('joinedSlice', () => {
  it('is the slice of the paragraphs joined by line breaks', () => {
    const paragraphs = ['乡村振兴', '', '高质量发展', '一'];
    const joined = paragraphs.join('\n');
    for (let from = 0; from <= joined.length + 2; from++) {
      for (let to = from; to <= joined.length + 3; to++) expect(joinedSlice(paragraphs, from, to), `${from}..${to}`).toBe(joined.slice(from, to));
    }
    expect(joinedSlice([], 0, 5)).toBe('');
  });

  it('agrees with join and slice on arbitrary paragraphs and ranges', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 8 }), fc.nat(200), fc.nat(200), (paragraphs, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(joinedSlice(paragraphs, from, to)).toBe(paragraphs.join('\n').slice(from, to));
      }),
      { numRuns: 500 },
    );
  });

  it('makes the example: 20 characters either side, line breaks as spaces', () => {
    const paragraphs = ['一二三四五六七八九十一二三四五六七八九十前文', '乡村振兴', '后文一二三四五六七八九十一二三四五六七八九十'];
    // 乡村振兴 starts after the first paragraph (22 characters) and its line break: at 23. The window is 3..47:
    // 19 characters of the first paragraph, its break, the term, the next break, 19 characters of the third.
    expect(exampleAt(paragraphs, 23, 4)).toBe('四五六七八九十一二三四五六七八九十前文 乡村振兴 后文一二三四五六七八九十一二三四五六七');
  });
});

describe('countRecurrence', () => {
  const docs = [
    { paragraphs: ['乡村振兴战略', '推进乡村振兴'], year: 2021, region: '长治市' },
    { paragraphs: ['高质量发展'], year: null, region: '' },
    { paragraphs: ['乡村振兴，乡村乡村'], year: 2019, region: '义乌市' },
    { paragraphs: ['乡村'], year: 2023, region: '长治市' },
  ];
  const terms = ['乡村', '乡村振兴', '高质量发展', '振兴战略推进', '不在文中'];
  const trie = new TermTrie(terms);
  const r = countRecurrence(trie, docs);
  const id = (t: string) => trie.idOf(t);

  it('counts occurrences as indexOf does over each document, and the documents holding them', () => {
    for (const t of terms) {
      const perDoc = docs.map((d) => d.paragraphs.reduce((n, p) => n + p.split(t).length - 1, 0));
      expect(r.counts[id(t)], t).toBe(perDoc.reduce((a, b) => a + b, 0));
      expect(r.docs[id(t)], t).toBe(perDoc.filter((n) => n > 0).length);
    }
    // 乡村: 2 + 0 + 3 + 1; a term across a paragraph break (振兴战略|推进) is not found.
    expect(r.counts[id('乡村')]).toBe(6);
    expect(r.counts[id('振兴战略推进')]).toBe(0);
  });

  it('keeps the years and the sorted regions of those documents, and the example of the first', () => {
    expect([r.firstYear[id('乡村')], r.lastYear[id('乡村')]]).toEqual([2019, 2023]);
    expect(r.regionsOf(id('乡村'))).toEqual(['义乌市', '长治市'].sort());
    // Only in the document without year or region.
    expect([r.firstYear[id('高质量发展')], r.lastYear[id('高质量发展')]]).toEqual([Infinity, -Infinity]);
    expect(r.regionsOf(id('高质量发展'))).toEqual([]);
    expect(r.example[id('乡村振兴')]).toBe('乡村振兴战略 推进乡村振兴');
    expect(r.example[id('不在文中')]).toBe('');
  });

  it('scans a document whole when a term holds a line break', () => {
    const t = new TermTrie(['战略\n推进', '乡村']);
    const x = countRecurrence(t, docs);
    expect(x.counts[t.idOf('战略\n推进')]).toBe(1);
    expect(x.counts[t.idOf('乡村')]).toBe(6);
  });

  it('has room for more regions than one 32-bit word', () => {
    const many = Array.from({ length: 70 }, (_, i) => ({ paragraphs: ['乡村'], year: 2000 + i, region: `R${String(i).padStart(2, '0')}` }));
    const t = new TermTrie(['乡村']);
    const x = countRecurrence(t, many);
    expect(x.regionsOf(0)).toEqual(many.map((d) => d.region));
    expect(x.docs[0]).toBe(70);
  });
});
