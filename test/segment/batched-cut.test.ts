import { beforeAll, describe, expect, it } from 'vitest';
import { loadJieba } from '../../src/segment/jieba.js';
import { IdTokenizer, Interner, splitAtSeparators, tokenizeParagraph, type Jieba, type TokenFilter } from '../../src/segment/tokenize.js';
import { tokenizerConfig } from '../../src/segment/config.js';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams } from '../../src/artifacts/phrases.js';
import { segmentParams } from '../../src/artifacts/tokens.js';
import { TermTrie } from '../../src/text/trie.js';
import { sampleCorpus } from '../fixtures/samples.js';

// IdTokenizer cuts all the gaps of a document in one jieba call, joined by '\n'. The reference here is
// tokenizeParagraph, which cuts every gap with its own call, interned in order.

let jieba: Jieba;
let seedTiers: TermTrie[];
let seedDocs: string[][];

beforeAll(() => {
  jieba = loadJieba();
  const corpus = sampleCorpus();
  const { tiers } = tokenizerConfig(phrases(corpus, phrasesParams.parse({})), segmentParams.parse({}));
  seedTiers = tiers.map((t) => new TermTrie(t));
  seedDocs = corpus.documents.map((d) => d.paragraphs);
});

const NEUTRAL: TokenFilter = { stopwords: new Set(), removeNumbers: false, removePunctuation: false, minChars: 1, pos: [], hmm: true };
const DEFAULT_LIKE: TokenFilter = { stopwords: new Set(['我们', '的', '坚持']), removeNumbers: true, removePunctuation: true, minChars: 2, pos: [], hmm: true };
const FILTERS: [string, TokenFilter][] = [
  ['neutral, HMM', NEUTRAL],
  ['neutral, no HMM', { ...NEUTRAL, hmm: false }],
  ['default-like, HMM', DEFAULT_LIKE],
  ['default-like, no HMM', { ...DEFAULT_LIKE, hmm: false }],
  ['POS n and v', { ...NEUTRAL, pos: ['n', 'v'] }],
];

/** The documents' tokens the old way: one jieba call per gap, paragraph by paragraph, interned in order. */
function reference(docs: readonly (readonly string[])[], tiers: readonly TermTrie[], f: TokenFilter) {
  const vocab = new Interner();
  const out = docs.map((paragraphs) => {
    const ids: number[] = [];
    const starts: number[] = [];
    for (const p of paragraphs) {
      starts.push(ids.length);
      const toks: string[] = [];
      tokenizeParagraph(p, jieba, tiers, f, toks);
      for (const t of toks) ids.push(vocab.id(t));
    }
    return { ids, starts };
  });
  return { vocab: vocab.strings, out };
}

function batched(docs: readonly (readonly string[])[], tiers: readonly TermTrie[], f: TokenFilter) {
  const vocab = new Interner();
  const tokenizer = new IdTokenizer(jieba, tiers, f, vocab);
  const out = docs.map((p) => {
    const d = tokenizer.document(p);
    return { ids: Array.from(d.ids), starts: Array.from(d.paragraphStarts) };
  });
  return { vocab: vocab.strings, out };
}

// Built text: compounds at the start and end of paragraphs, back to back (empty gaps), a paragraph that is
// one compound, empty paragraphs, gaps that are only punctuation or spaces, the second tier inside gaps of
// the first, HMM words (人名) at gap ends, numbers next to compounds.
const BUILT_TIERS = [new TermTrie(['乡村振兴', '京津冀协同发展', '的']), new TermTrie(['融入京津冀', '项目为王', '专精特新'])];
const BUILT: string[][] = [
  ['乡村振兴', '', '乡村振兴乡村振兴', '项目为王的专精特新', '，乡村振兴。', ' 乡村振兴 ', '。。', ''],
  ['主动融入京津冀协同发展，坚持项目为王的工作导向，我们在2022年实现增长7.5%', '王小明说乡村振兴李大海说', '2022乡村振兴7.5%'],
  ['全面推进乡村振兴，全面推进乡村振兴', '韩冰冰和欧阳娜娜来到专精特新企业', '的的的', 'A股乡村振兴ETF，GDP增长'],
  [],
  [''],
];

describe('the batched cut of the gaps', () => {
  it.each(FILTERS)('gives the tokens of one cut per gap on the seeds (%s)', (_, f) => {
    expect(batched(seedDocs, seedTiers, f)).toEqual(reference(seedDocs, seedTiers, f));
  });

  it.each(FILTERS)('gives the tokens of one cut per gap on built text (%s)', (_, f) => {
    const got = batched(BUILT, BUILT_TIERS, f);
    expect(got).toEqual(reference(BUILT, BUILT_TIERS, f));
    expect(got.out[0]!.ids.length).toBeGreaterThanOrEqual(8); // the eight compounds are there
  });

  it('gives the tokens of one cut per gap without compounds (each paragraph one gap)', () => {
    expect(batched(seedDocs, [], DEFAULT_LIKE)).toEqual(reference(seedDocs, [], DEFAULT_LIKE));
  });

  it('falls back to a cut per gap when a paragraph holds a newline, with the same tokens', () => {
    const docs = [['乡村振兴\n全面推进', '项目为王\n\n的工作'], ['第一段\n第二段乡村振兴']];
    for (const [, f] of FILTERS) expect(batched(docs, BUILT_TIERS, f)).toEqual(reference(docs, BUILT_TIERS, f));
  });

  it('cuts at a newline as at a hard boundary: cut(a \\n b) = cut(a), \\n, cut(b), with and without HMM, and for tag', () => {
    const pieces = seedDocs.flat().filter((p) => p.length > 0).slice(0, 200);
    for (let i = 0; i + 1 < pieces.length; i += 2) {
      // Split inside a word on purpose: the two halves must not be joined again across the newline.
      const a = pieces[i]!.slice(0, Math.ceil(pieces[i]!.length / 2));
      const b = pieces[i + 1]!;
      for (const hmm of [true, false]) expect(jieba.cut(`${a}\n${b}`, hmm)).toEqual([...jieba.cut(a, hmm), '\n', ...jieba.cut(b, hmm)]);
      expect(jieba.tag(`${a}\n${b}`)).toEqual([...jieba.tag(a), { word: '\n', tag: 'x' }, ...jieba.tag(b)]);
    }
  });
});

describe('splitAtSeparators', () => {
  it('gives the end of each gap in the joined cut', () => {
    expect(Array.from(splitAtSeparators(['乡村', '振兴', '\n', '你好', '\n', '一'], ['乡村振兴', '你好', '一'])!)).toEqual([2, 4, 6]);
    expect(Array.from(splitAtSeparators(['甲'], ['甲'])!)).toEqual([1]);
  });

  it('gives undefined when the words do not split back into the gaps', () => {
    expect(splitAtSeparators(['乡村振', '兴你', '\n', '好'], ['乡村振兴', '你好'])).toBeUndefined(); // a word across a gap end
    expect(splitAtSeparators(['乡村振兴', '你好'], ['乡村振兴', '你好'])).toBeUndefined(); // no separator
    expect(splitAtSeparators(['乡村振兴', '\n'], ['乡村振兴'])).toBeUndefined(); // words left over
    expect(splitAtSeparators(['乡村'], ['乡村振兴'])).toBeUndefined(); // words missing
  });
});
