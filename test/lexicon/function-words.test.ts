import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionWords } from '../../src/lexicon/function-words.js';
import { distinctiveTerms, GroupTerms, labelSkipWords } from '../../src/cluster/labels.js';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams } from '../../src/artifacts/phrases.js';
import { segment } from '../../src/stages/segment.js';
import { segmentParams } from '../../src/artifacts/tokens.js';
import { weigh } from '../../src/stages/weigh.js';
import { weighParams, type Weights } from '../../src/artifacts/weights.js';
import { sampleCorpus } from '../fixtures/samples.js';

// jieba's dictionary read here on its own: word -> part-of-speech tag.
const tags = new Map<string, string>();
beforeAll(() => {
  const dict = createRequire(import.meta.url).resolve('nodejieba/package.json').replace(/package\.json$/u, 'submodules/cppjieba/dict/jieba.dict.utf8');
  for (const line of readFileSync(dict, 'utf8').split('\n')) {
    const [w, , tag] = line.trim().split(' ');
    if (w && tag) tags.set(w, tag);
  }
});
const FUNCTION = /^(d|ad|r|c|p|u[a-z]?|f|t|tg|q|y|e|o)$/u;

describe('function words (jieba part-of-speech classes and modal verbs)', () => {
  it('are the dictionary words of the function classes, and the modal verbs; content words and numerals are not', () => {
    const f = functionWords();
    let n = 0;
    for (const [w, tag] of tags) if (FUNCTION.test(tag)) {
      n++;
      expect(f.has(w), `${w} (${tag})`).toBe(true);
    }
    expect(n).toBeGreaterThan(5000);
    for (const w of ['已经', '必须', '这种', '今后', '之间', '应该', '应当']) expect(f.has(w), w).toBe(true);
    // Content words, slogans and numerals stay: 十一五 and 两会 are tagged m.
    for (const w of ['改革', '改革开放', '工业', '毛主席', '十一五', '两会', '人民公社', '三农']) expect(f.has(w), w).toBe(false);
  });

  it('never label a group, however distinctive', () => {
    const vocab = ['应该', '农业', '这种', '工业'];
    const g = new GroupTerms(2, vocab.length);
    // Group 1 over-uses 应该 and 农业, group 2 这种 and 工业, each in both of its items.
    for (let i = 0; i < 2; i++) g.add(0, [0, 0, 0, 1], undefined);
    for (let i = 0; i < 2; i++) g.add(1, [2, 2, 2, 3], undefined);
    const opts = { top: 3, minShare: 0.5, minLift: 1.5 };
    expect(distinctiveTerms(g, vocab, opts).map((t) => t.term).sort()).toEqual(['农业', '工业', '应该', '这种']);
    expect(distinctiveTerms(g, vocab, { ...opts, skip: labelSkipWords() }).map((t) => [t.group, t.term])).toEqual([
      [1, '农业'],
      [2, '工业'],
    ]);
  });
});

describe('keywords on the samples', () => {
  let w: Weights;
  beforeAll(async () => {
    const set = phrases(sampleCorpus(), phrasesParams.parse({}));
    const tokens = await segment(sampleCorpus(), set, segmentParams.parse({ workers: 1 }));
    w = weigh(sampleCorpus(), tokens, set, weighParams.parse({}));
  }, 300_000);

  it('hold no function word by default; with weigh.keyword_filler off, function words are among them', async () => {
    const isFunction = (t: string) => FUNCTION.test(tags.get(t) ?? '');
    expect(w.keywords.length).toBe(new Set(w.keywords.map((k) => k.doc_id)).size * 20);
    expect(w.keywords.filter((k) => isFunction(k.term)).map((k) => k.term)).toEqual([]);
    const set = phrases(sampleCorpus(), phrasesParams.parse({}));
    const tokens = await segment(sampleCorpus(), set, segmentParams.parse({ workers: 1 }));
    const off = weigh(sampleCorpus(), tokens, set, weighParams.parse({ keyword_filler: false }));
    expect(off.keywords.filter((k) => isFunction(k.term)).length).toBeGreaterThan(0);
  });
});
