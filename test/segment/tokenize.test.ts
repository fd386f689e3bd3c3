import { beforeAll, describe, expect, it } from 'vitest';
import { loadJieba } from '../../src/segment/jieba.js';
import { IdTokenizer, Interner, keepToken, PARAGRAPH_SEP, TOKEN_SEP, tokenizeDocument, tokenizeParagraph, type Jieba, type TokenFilter } from '../../src/segment/tokenize.js';
import { TermTrie } from '../../src/text/trie.js';

let jieba: Jieba;

beforeAll(() => {
  jieba = loadJieba(); // about 2 s, once for the file
});

/** A filter that drops nothing but white space; tests switch on one rule at a time. */
const NEUTRAL: TokenFilter = { stopwords: new Set(), removeNumbers: false, removePunctuation: false, minChars: 1, pos: [], hmm: true };

function tokens(text: string, tiers: readonly TermTrie[], f: TokenFilter = NEUTRAL): string[] {
  const out: string[] = [];
  tokenizeParagraph(text, jieba, tiers, f, out);
  return out;
}

function countOf(list: readonly string[], t: string): number {
  return list.filter((x) => x === t).length;
}

// A paragraph built from gaps and compounds, so the substring counts are known by construction:
// 乡村振兴 at the start, in the middle and at the end (3); 项目为王 twice back to back (2); 专精特新 once (1).
const GAPS = ['是重大战略，全面推进', '，坚持', '，培育', '企业，实现'];
const PARAGRAPH = '乡村振兴' + GAPS[0] + '乡村振兴' + GAPS[1] + '项目为王项目为王' + GAPS[2] + '专精特新' + GAPS[3] + '乡村振兴';
const COMPOUNDS = ['乡村振兴', '项目为王', '专精特新'];

describe('tokenizeParagraph with compounds', () => {
  it('keeps every compound whole: token counts equal the substring counts (3, 2, 1)', () => {
    const toks = tokens(PARAGRAPH, [new TermTrie(COMPOUNDS)]);
    expect(countOf(toks, '乡村振兴')).toBe(3);
    expect(countOf(toks, '项目为王')).toBe(2);
    expect(countOf(toks, '专精特新')).toBe(1);
    // Nothing lost or added: the neutral filter keeps every token and the paragraph has no spaces.
    expect(toks.join('')).toBe(PARAGRAPH);
  });

  it('puts the compounds in place and sends only the gaps to jieba', () => {
    const toks = tokens(PARAGRAPH, [new TermTrie(COMPOUNDS)]);
    const cut = (s: string) => jieba.cut(s, true);
    expect(toks).toEqual([
      '乡村振兴',
      ...cut(GAPS[0]!),
      '乡村振兴',
      ...cut(GAPS[1]!),
      '项目为王',
      '项目为王',
      ...cut(GAPS[2]!),
      '专精特新',
      ...cut(GAPS[3]!),
      '乡村振兴',
    ]);
  });

  it('without compounds jieba cuts the terms apart (so the count test above can fail)', () => {
    const toks = tokens(PARAGRAPH, []);
    // jieba's default dictionary: 乡村/振兴, 项目/为/王, 专精/特新.
    expect(countOf(toks, '乡村振兴')).toBe(0);
    expect(countOf(toks, '项目为王')).toBe(0);
    expect(countOf(toks, '专精特新')).toBe(0);
    expect(countOf(toks, '乡村')).toBe(3);
    expect(countOf(toks, '振兴')).toBe(3);
    expect(toks).toEqual(jieba.cut(PARAGRAPH, true));
  });

  it('an earlier tier wins over a later one where they overlap (lexicon before discovered phrases)', () => {
    // 融入京津冀 (2..6) and 京津冀协同发展 (4..10) overlap in 主动融入京津冀协同发展.
    const text = '主动融入京津冀协同发展';
    const lexicon = new TermTrie(['京津冀协同发展']);
    const phrases = new TermTrie(['融入京津冀']);
    // Lexicon first: 京津冀协同发展 is kept; the gap 主动融入 holds no whole 融入京津冀 and goes to jieba.
    expect(tokens(text, [lexicon, phrases])).toEqual([...jieba.cut('主动融入', true), '京津冀协同发展']);
    // Reversed order: the phrase cuts the term apart.
    const reversed = tokens(text, [phrases, lexicon]);
    expect(reversed[0 + jieba.cut('主动', true).length]).toBe('融入京津冀');
    expect(reversed).not.toContain('京津冀协同发展');
  });

  it('passes the hmm flag to jieba', () => {
    const text = '培育专精特新企业';
    const withHmm = tokens(text, [], { ...NEUTRAL, hmm: true });
    const withoutHmm = tokens(text, [], { ...NEUTRAL, hmm: false });
    expect(withHmm).toEqual(jieba.cut(text, true));
    expect(withoutHmm).toEqual(jieba.cut(text, false));
    // The HMM joins the unknown 特新; without it 特 and 新 stay apart.
    expect(withHmm).toContain('特新');
    expect(withoutHmm).not.toContain('特新');
  });

  it('handles an empty paragraph and one that is a single compound', () => {
    expect(tokens('', [new TermTrie(COMPOUNDS)])).toEqual([]);
    expect(tokens('', [])).toEqual([]);
    expect(tokens('专精特新', [new TermTrie(COMPOUNDS)])).toEqual(['专精特新']);
  });
});

describe('keepToken', () => {
  it('drops numeral dates and years, and applause marks, only when asked', () => {
    const f = { ...NEUTRAL, removeDates: true, removeApplause: true };
    for (const t of ['一九五八年', '二〇一七年', '2017年', '十二月', '二十五日', '五月', '鼓掌', '热烈鼓掌', '长时间热烈鼓掌', '掌声']) {
      expect(keepToken(t, f), t).toBe(false);
      expect(keepToken(t, NEUTRAL), t).toBe(true);
    }
    for (const t of ['十三五', '五年计划', '一年来', '月度', '鼓励', '百年']) expect(keepToken(t, f), t).toBe(true);
  });

  it('drops stopwords from the given set only', () => {
    const f = { ...NEUTRAL, stopwords: new Set(['我们', '的']) };
    expect(keepToken('我们', f)).toBe(false);
    expect(keepToken('的', f)).toBe(false);
    expect(keepToken('工作', f)).toBe(true);
    expect(keepToken('我们', NEUTRAL)).toBe(true);
  });

  it('drops numbers (digits, decimals, Chinese numerals) only when removeNumbers', () => {
    const f = { ...NEUTRAL, removeNumbers: true };
    for (const t of ['2022', '7.5', '三', '三十', '一百', '1,000', '50%']) {
      expect(keepToken(t, f), t).toBe(false);
      expect(keepToken(t, NEUTRAL), t).toBe(true);
    }
    // Numeral + other characters is no number.
    for (const t of ['三个', '2022年', '5G', '六新']) expect(keepToken(t, f), t).toBe(true);
  });

  it('drops punctuation only when removePunctuation, and white space always', () => {
    const f = { ...NEUTRAL, removePunctuation: true };
    for (const t of ['，', '。', '、', '“', '……', '%', '(']) {
      expect(keepToken(t, f), t).toBe(false);
      expect(keepToken(t, NEUTRAL), t).toBe(true);
    }
    expect(keepToken('工作', f)).toBe(true);
    expect(keepToken(' ', NEUTRAL)).toBe(false);
    expect(keepToken('\u3000', NEUTRAL)).toBe(false);
  });

  it('drops tokens shorter than minChars', () => {
    const f = { ...NEUTRAL, minChars: 2 };
    expect(keepToken('在', f)).toBe(false);
    expect(keepToken('乡村', f)).toBe(true);
    expect(keepToken('在', NEUTRAL)).toBe(true);
  });
});

describe('tokenizeParagraph filtering', () => {
  const TEXT = '我们在2022年实现增长7.5%，三个方面的工作';

  it('applies stopwords, numbers, punctuation and minChars to the jieba tokens', () => {
    // Precondition: jieba cuts 我们/在/2022/年/实现/增长/7.5/%/，/三个/方面/的/工作.
    expect(jieba.cut(TEXT, true)).toEqual(['我们', '在', '2022', '年', '实现', '增长', '7.5', '%', '，', '三个', '方面', '的', '工作']);
    const f: TokenFilter = { stopwords: new Set(['我们', '的']), removeNumbers: true, removePunctuation: true, minChars: 2, pos: [], hmm: true };
    // Dropped: 我们 (stopword), 在 and 年 (1 character), 2022 and 7.5 (numbers), % and ， (punctuation), 的.
    expect(tokens(TEXT, [], f)).toEqual(['实现', '增长', '三个', '方面', '工作']);
  });

  it('never drops a compound, even when it is a stopword, a number or shorter than minChars', () => {
    const f: TokenFilter = { stopwords: new Set(['乡村振兴', '项目为王', '1146']), removeNumbers: true, removePunctuation: true, minChars: 5, pos: ['n'], hmm: true };
    // Every jieba token of the gaps is shorter than 5 characters, so only the compounds remain.
    const toks = tokens('实施1146工程，坚持项目为王，推进乡村振兴', [new TermTrie(['乡村振兴', '项目为王', '1146'])], f);
    expect(toks).toEqual(['1146', '项目为王', '乡村振兴']);
    // Without the compound tier, the same filter drops them all.
    expect(tokens('实施1146工程，坚持项目为王，推进乡村振兴', [], f)).toEqual([]);
  });

  it('the POS filter keeps only tokens whose tag starts with an allowed prefix (checked against jieba.tag)', () => {
    const gaps = ['加快建设现代化产业体系，推动经济高质量发展，全面推进', '，培育', '企业和人才队伍'];
    const text = gaps[0] + '乡村振兴' + gaps[1] + '专精特新' + gaps[2];
    const f = { ...NEUTRAL, pos: ['n'] };
    const nouns = (s: string) => jieba.tag(s).filter((t) => t.tag.startsWith('n')).map((t) => t.word);
    const expected = [...nouns(gaps[0]!), '乡村振兴', ...nouns(gaps[1]!), '专精特新', ...nouns(gaps[2]!)];
    const toks = tokens(text, [new TermTrie(['乡村振兴', '专精特新'])], f);
    expect(toks).toEqual(expected);
    // By hand: 产业, 体系, 经济 are nouns (n); 建设 and 发展 are vn and 推动 is v, so they go.
    expect(toks).toEqual(expect.arrayContaining(['产业', '体系', '经济', '企业']));
    for (const t of ['建设', '发展', '推动', '加快', '，']) expect(toks).not.toContain(t);
    // n and v together also keep the vn tags.
    const nv = tokens(text, [new TermTrie(['乡村振兴', '专精特新'])], { ...NEUTRAL, pos: ['n', 'v'] });
    expect(nv).toEqual(expect.arrayContaining(['产业', '建设', '发展', '推动']));
  });
});

describe('tokenizeDocument', () => {
  it('joins tokens with TOKEN_SEP and paragraphs with PARAGRAPH_SEP, and round-trips to the per-paragraph tokens', () => {
    const tiers = [new TermTrie(COMPOUNDS)];
    const f: TokenFilter = { ...NEUTRAL, removePunctuation: true, minChars: 2 };
    // The third paragraph has no token left after filtering.
    const paragraphs = [PARAGRAPH, '坚持项目为王，做强专精特新企业', '。。', '全面推进乡村振兴'];
    const compact = tokenizeDocument(paragraphs, jieba, tiers, f);

    const perParagraph = paragraphs.map((p) => tokens(p, tiers, f));
    expect(perParagraph[2]).toEqual([]);
    expect(perParagraph.every((t, i) => i === 2 || t.length > 0)).toBe(true);

    // 4 paragraphs: 3 paragraph separators; tokens of paragraph k: length - 1 token separators.
    expect(compact.split(PARAGRAPH_SEP)).toHaveLength(4);
    const tokenSeps = [...compact].filter((c) => c === TOKEN_SEP).length;
    expect(tokenSeps).toBe(perParagraph.reduce((n, t) => n + Math.max(0, t.length - 1), 0));
    expect(compact).toBe(perParagraph.map((t) => t.join(TOKEN_SEP)).join(PARAGRAPH_SEP));

    const decoded = compact.split(PARAGRAPH_SEP).map((p) => (p === '' ? [] : p.split(TOKEN_SEP)));
    expect(decoded).toEqual(perParagraph);
    // The separators are control characters that no token contains.
    expect(perParagraph.flat().some((t) => t.includes(TOKEN_SEP) || t.includes(PARAGRAPH_SEP))).toBe(false);
    expect(countOf(decoded[0]!, '乡村振兴')).toBe(3);
  });

  it('gives the empty string for a document of one empty paragraph', () => {
    expect(tokenizeDocument([''], jieba, [], NEUTRAL)).toBe('');
  });
});

describe('IdTokenizer', () => {
  // Two tiers (the lexicon first): 京津冀协同发展 wins over the overlapping phrase 融入京津冀.
  const tiers = [new TermTrie(['乡村振兴', '京津冀协同发展', '的']), new TermTrie(['融入京津冀', '项目为王', '专精特新'])];
  const paragraphs = [PARAGRAPH, '', '主动融入京津冀协同发展，坚持项目为王的工作导向，我们在2022年实现增长7.5%', '。。', '全面推进乡村振兴，全面推进乡村振兴'];
  const filters: [string, TokenFilter][] = [
    ['neutral', NEUTRAL],
    ['default-like', { stopwords: new Set(['我们', '的', '坚持']), removeNumbers: true, removePunctuation: true, minChars: 2, pos: [], hmm: true }],
    ['POS n', { ...NEUTRAL, pos: ['n'] }],
  ];

  it.each(filters)('gives the ids of tokenizeParagraph\'s tokens interned in order, paragraph by paragraph (%s filter)', (_, f) => {
    const expectedVocab = new Interner();
    const expected: number[] = [];
    const starts: number[] = [];
    for (const p of paragraphs) {
      starts.push(expected.length);
      for (const t of tokens(p, tiers, f)) expected.push(expectedVocab.id(t));
    }
    const vocab = new Interner();
    const tokenizer = new IdTokenizer(jieba, tiers, f, vocab);
    const got = tokenizer.document(paragraphs);
    expect(Array.from(got.ids)).toEqual(expected);
    expect(Array.from(got.paragraphStarts)).toEqual(starts);
    expect(vocab.strings).toEqual(expectedVocab.strings);
    // A second document reuses the vocabulary and the memo of jieba's words: same ids again.
    expect(Array.from(tokenizer.document(paragraphs).ids)).toEqual(expected);
    expect(vocab.strings).toEqual(expectedVocab.strings);
  });

  it('keeps a compound that the filter drops as a jieba word (的 is a lexicon term here and a stopword)', () => {
    const f: TokenFilter = { ...NEUTRAL, stopwords: new Set(['的']) };
    const vocab = new Interner();
    const tokenizer = new IdTokenizer(jieba, [new TermTrie(['的'])], f, vocab);
    const ids = Array.from(tokenizer.document(['工作的导向']).ids, (i) => vocab.strings[i]);
    expect(ids).toEqual(['工作', '的', '导向']);
    // Without the tier 的 is a dropped jieba word.
    const plain = new Interner();
    expect(Array.from(new IdTokenizer(jieba, [], f, plain).document(['工作的导向']).ids, (i) => plain.strings[i])).toEqual(['工作', '导向']);
  });
});
