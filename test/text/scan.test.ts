import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countTerm, findTerm, Ignored, TermCounter } from '../../src/text/count.js';
import { DocumentScanner } from '../../src/text/scan.js';
import { scanDocuments } from '../../src/text/scan-documents.js';
import { TermTrie } from '../../src/text/trie.js';

// Documents over a small alphabet, so that terms nest and overlap often; marks and spaces sprinkled in.
const ch = fc.constantFrom('改', '革', '开', '放', '社', '会', '、', ' ', '·', '和');
const paragraph = fc.array(ch, { maxLength: 40 }).map((a) => a.join(''));
const documents = fc.array(fc.array(paragraph, { minLength: 0, maxLength: 4 }), { minLength: 1, maxLength: 30 });
const term = fc.array(fc.constantFrom('改', '革', '开', '放', '社', '会', '和'), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));

/** Offset in the paragraphs joined by line breaks of a (paragraph, start) position. */
const joinedOffset = (paragraphs: readonly string[], paragraph: number, start: number) => paragraphs.slice(0, paragraph).reduce((n, p) => n + p.length + 1, 0) + start;

describe('DocumentScanner', () => {
  it('gives each term found its count (countTerm) and its first occurrence (findTerm), in order of first occurrence', () => {
    fc.assert(
      fc.property(documents, fc.uniqueArray(term, { minLength: 1, maxLength: 8 }), (docs, terms) => {
        const ignored = new Ignored();
        const scanner = new DocumentScanner(new TermTrie(terms), ignored);
        for (const paragraphs of docs) {
          const hits = scanner.scan(paragraphs);
          const got = new Map<string, { count: number; first: number }>();
          const firsts: number[] = [];
          for (let h = 0; h < hits.length; h += 3) {
            got.set(scanner.trie.termOf(hits[h]!), { count: hits[h + 1]!, first: hits[h + 2]! });
            firsts.push(hits[h + 2]!);
          }
          expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
          for (const t of terms) {
            const want = countTerm(paragraphs, t, ignored);
            expect(got.get(t)?.count ?? 0).toBe(want);
            if (want > 0) {
              const o = findTerm(paragraphs, t, ignored)[0]!;
              expect(got.get(t)!.first).toBe(joinedOffset(paragraphs, o.paragraph, o.start));
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('scanDocuments (two threads, the result of one)', () => {
  it('hands every document its hits in document order, the same on one thread and on two, whatever the batches', () => {
    fc.assert(
      fc.property(documents, fc.uniqueArray(term, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 200 }), (docs, terms, batchChars) => {
        const trie = new TermTrie(terms);
        const alone = docs.map((d) => Array.from(new DocumentScanner(trie, new Ignored()).scan(d)));
        const order: number[] = [];
        const got: number[][] = [];
        const asked: number[] = [];
        const { batches, onThread } = scanDocuments(
          new DocumentScanner(trie, new Ignored()),
          docs.length,
          (d) => (asked.push(d), docs[d]!),
          (d, hits) => {
            order.push(d);
            got[d] = Array.from(hits);
          },
          { threads: 1, batchChars },
        );
        // Each text asked for once, in order; each document consumed once, in order.
        expect(asked).toEqual(docs.map((_, i) => i));
        expect(order).toEqual(docs.map((_, i) => i));
        expect(got).toEqual(alone);
        expect(onThread).toBeLessThanOrEqual(batches);
      }),
      { numRuns: 25 },
    );
  });

  it('puts the thread to work when the documents fill several batches', () => {
    const docs = Array.from({ length: 400 }, (_, i) => [`第${i}段：推进改革开放、改革开放和社会主义现代化建设`.repeat(20)]);
    const trie = new TermTrie(['改革开放', '社会主义', '现代化', '社会主义现代化建设']);
    const want = docs.map((d) => Array.from(new DocumentScanner(trie, new Ignored()).scan(d)));
    const got: number[][] = [];
    const { batches, onThread } = scanDocuments(new DocumentScanner(trie, new Ignored()), docs.length, (d) => docs[d]!, (d, hits) => (got[d] = Array.from(hits)), { threads: 1, batchChars: 5_000 });
    expect(got).toEqual(want);
    // 改革开放 twice per repeat, 20 repeats: 40 in every document.
    expect(got.every((h) => h[0] === 0 && h[1] === 40)).toBe(true);
    expect(batches).toBeGreaterThan(10);
    expect(onThread).toBeGreaterThan(0);
  });

  it('counts on the main thread alone with threads: 0', () => {
    const docs = [['改革、改革'], ['开放']];
    const got: number[][] = [];
    const r = scanDocuments(new DocumentScanner(new TermTrie(['改革', '开放']), new Ignored()), 2, (d) => docs[d]!, (d, h) => (got[d] = Array.from(h)), { threads: 0, batchChars: 1 });
    expect(got).toEqual([[0, 2, 0], [1, 1, 0]]);
    expect(r).toEqual({ batches: 2, onThread: 0 });
  });
});

describe('TermCounter.countDocumentsInto', () => {
  it('gives the terms found (ascending) and their counts as countDocument does, terms sharing a key each counted', () => {
    fc.assert(
      fc.property(documents, fc.uniqueArray(term, { minLength: 1, maxLength: 8 }), (docs, terms) => {
        // The same key twice: 改革 and 改、革 are matched alike.
        const all = [...terms, `${terms[0]!.slice(0, 1)}、${terms[0]!.slice(1)}`];
        const counter = new TermCounter(all);
        const got: { term: number; count: number }[][] = [];
        counter.countDocumentsInto(docs.length, (d) => docs[d]!, (d, found, size, countOf) => (got[d] = Array.from(found.subarray(0, size), (t) => ({ term: t, count: countOf[t]! }))), { threads: 1, batchChars: 30 });
        expect(got).toEqual(docs.map((d) => new TermCounter(all).countDocument(d)));
        for (const [d, paragraphs] of docs.entries()) for (const f of got[d]!) expect(f.count).toBe(countTerm(paragraphs, all[f.term]!));
      }),
      { numRuns: 25 },
    );
  });
});
