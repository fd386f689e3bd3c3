import { beforeAll, describe, expect, it } from 'vitest';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams, type PhraseSet } from '../../src/artifacts/phrases.js';
import { segment } from '../../src/stages/segment.js';
import { segmentParams, tokensOf, type Tokens } from '../../src/artifacts/tokens.js';
import { sampleCorpus, substringCount } from '../fixtures/samples.js';

let set: PhraseSet;
let tokens: Tokens;
const texts = new Map<string, string>();
const docTokens = new Map<string, string[]>();

beforeAll(async () => {
  const corpus = sampleCorpus();
  set = phrases(corpus, phrasesParams.parse({}));
  tokens = await segment(corpus, set, segmentParams.parse({ workers: 1 }));
  for (const d of corpus.documents) if (d.kind === 'report') texts.set(d.doc_id, d.paragraphs.join('\n'));
  for (const d of tokens.documents) docTokens.set(d.doc_id, tokensOf(tokens, d));
});

describe('segmentation of the samples', () => {
  it('keeps every lexicon term whole wherever it occurs (the whole lexicon, counted independently)', () => {
    // For each term: its occurrences in the clean text (indexOf) = the tokens equal to it + its
    // occurrences inside longer tokens (乡村振兴 inside 乡村振兴战略) + occurrences that partly
    // overlap another lexicon term (中央八项规定|八项规定精神 in 中央八项规定精神: only one of two
    // overlapping terms can be a token). A term cut apart by jieba would be in none of these.
    const terms = set.lexicon.entries.map((e) => e.term);
    let checked = 0;
    let partialTotal = 0;
    let occurrences = 0;
    for (const [id, text] of texts) {
      const spans: [number, number][] = [];
      for (const u of terms) for (let i = text.indexOf(u); i !== -1; i = text.indexOf(u, i + 1)) spans.push([i, i + u.length]);
      const toks = docTokens.get(id)!;
      for (const term of terms) {
        const inText = substringCount(text, term);
        if (inText === 0) continue;
        let partial = 0;
        for (let p = text.indexOf(term); p !== -1; p = text.indexOf(term, p + 1)) {
          const e = p + term.length;
          const insideLonger = spans.some(([a, b]) => a <= p && e <= b && b - a > e - p);
          if (!insideLonger && spans.some(([a, b]) => a < e && p < b && !(a <= p && e <= b) && !(p <= a && b <= e))) partial++;
        }
        const asToken = toks.filter((t) => t === term).length;
        const inside = toks.filter((t) => t !== term && t.includes(term)).reduce((n, t) => n + substringCount(t, term), 0);
        expect(asToken + inside, `${term} in ${id}`).toBeGreaterThanOrEqual(inText - partial);
        expect(asToken + inside, `${term} in ${id}`).toBeLessThanOrEqual(inText);
        checked++;
        partialTotal += partial;
        occurrences += inText;
      }
    }
    expect(checked).toBeGreaterThan(1000); // (term, document) pairs: the whole lexicon, not a few terms
    expect(partialTotal / occurrences).toBeLessThan(0.01); // overlapping pairs are rare
  });

  it('keeps slogans jieba would cut apart as single tokens', () => {
    const all = [...docTokens.values()].flat();
    for (const t of ['乡村振兴', '专精特新', '项目为王', '六新', '四为四高两同步', '五抓一优一促']) expect(all, t).toContain(t);
    for (const piece of ['振兴', '专精', '为王']) {
      // pieces may still occur on their own elsewhere, but never where the whole term stands
      const wholeCount = all.filter((t) => t === piece).length;
      const text = [...texts.values()].join('\n');
      expect(wholeCount).toBeLessThanOrEqual(substringCount(text, piece));
    }
  });

  it('drops stopwords, numbers, punctuation and single characters by default', () => {
    const all = [...docTokens.values()].flat();
    expect(all.length).toBeGreaterThan(30000);
    const compounds = new Set(set.compounds);
    for (const t of all) {
      expect(t.length, t).toBeGreaterThanOrEqual(2);
      expect(t, t).toMatch(/[\p{L}\p{N}]/u);
      // a numeral code discovered as a slogan (“336”) is a compound and stays; other numbers go
      if (!compounds.has(t)) expect(t, t).not.toMatch(/^[\d.,%]+$/u);
    }
    for (const stop of ['我们', '一个', '并且', '以及']) expect(all, stop).not.toContain(stop);
  });

  it('segments only reports by default (the news item is left out)', () => {
    expect(tokens.documents).toHaveLength(13);
  });

  it('gives the same tokens on two worker threads as on the main thread', async () => {
    const parallel = await segment(sampleCorpus(), set, segmentParams.parse({ workers: 2, parallel_min_chars: 0 }));
    expect(parallel.meta.workers).toBe(2);
    expect(parallel.vocab).toEqual(tokens.vocab);
    expect(parallel.documents.map((d) => [d.doc_id, Array.from(d.ids), Array.from(d.paragraphStarts)])).toEqual(
      tokens.documents.map((d) => [d.doc_id, Array.from(d.ids), Array.from(d.paragraphStarts)]),
    );
  });
});
