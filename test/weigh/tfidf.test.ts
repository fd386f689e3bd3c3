import { describe, expect, it } from 'vitest';
import { buildDtm, documentFrequency } from '../../src/weigh/dtm.js';
import { selectFeatures, tfidf } from '../../src/weigh/tfidf.js';

// A corpus worked by hand. Terms: a=0, b=1, c=2.
//   d1 = a a b     d2 = b c     d3 = c
// N = 3; df(a) = 1, df(b) = 2, df(c) = 2.
const vocab = ['a', 'b', 'c'];
const docs = [Uint32Array.of(0, 0, 1), Uint32Array.of(1, 2), Uint32Array.of(2)];
const dtm = buildDtm(docs, 3);
const weightOf = (w: Float64Array, d: number, t: number) => {
  for (let k = dtm.indptr[d]!; k < dtm.indptr[d + 1]!; k++) if (dtm.indices[k] === t) return w[k]!;
  return 0;
};

describe('document-term matrix', () => {
  it('stores counts sparsely, terms ascending', () => {
    expect(Array.from(dtm.indptr)).toEqual([0, 2, 4, 5]);
    expect(Array.from(dtm.indices)).toEqual([0, 1, 1, 2, 2]);
    expect(Array.from(dtm.counts)).toEqual([2, 1, 1, 1, 1]);
    expect(Array.from(documentFrequency(dtm))).toEqual([1, 2, 2]);
  });
});

describe('tf-idf (scikit-learn defaults: smooth idf, raw counts, L2)', () => {
  const r = tfidf(dtm, { smoothIdf: true, sublinearTf: false, norm: 'l2' });
  // idf(a) = ln((1+3)/(1+1)) + 1 = 1 + ln 2 = 1.6931471805599454
  // idf(b) = idf(c) = ln(4/3) + 1 = 1.2876820724517808
  it('idf = ln((1+N)/(1+df)) + 1', () => {
    expect(r.idf[0]).toBeCloseTo(1.6931471805599454, 15);
    expect(r.idf[1]).toBeCloseTo(1.2876820724517808, 15);
    expect(r.idf[2]).toBeCloseTo(1.2876820724517808, 15);
  });
  it('normalises each document to unit length', () => {
    // d1: raw (2·1.69315, 1·1.28768) = (3.386294361119891, 1.2876820724517808);
    //     norm = sqrt(3.386294361119891² + 1.2876820724517808²) = sqrt(11.467 + 1.658) = 3.622853476
    const n1 = Math.sqrt(3.386294361119891 ** 2 + 1.2876820724517808 ** 2);
    expect(weightOf(r.weights, 0, 0)).toBeCloseTo(3.386294361119891 / n1, 14); // 0.934701
    expect(weightOf(r.weights, 0, 1)).toBeCloseTo(1.2876820724517808 / n1, 14); // 0.355432
    // d2: b and c have the same weight, so each is 1/sqrt(2)
    expect(weightOf(r.weights, 1, 1)).toBeCloseTo(Math.SQRT1_2, 15);
    expect(weightOf(r.weights, 1, 2)).toBeCloseTo(Math.SQRT1_2, 15);
    // d3: a single term: 1
    expect(weightOf(r.weights, 2, 2)).toBe(1);
  });
  it('other schemes: no smoothing, sublinear tf, L1, none', () => {
    const plain = tfidf(dtm, { smoothIdf: false, sublinearTf: false, norm: 'none' });
    expect(plain.idf[0]).toBeCloseTo(Math.log(3 / 1) + 1, 15); // 2.0986122886681096
    expect(weightOf(plain.weights, 0, 0)).toBeCloseTo(2 * (Math.log(3) + 1), 14);
    const sub = tfidf(dtm, { smoothIdf: true, sublinearTf: true, norm: 'l1' });
    // d1: tf(a) = 1 + ln 2 = 1.6931471805599454; weights (1.69315·1.69315, 1·1.28768) / their sum
    const wa = 1.6931471805599454 * 1.6931471805599454;
    const wb = 1.2876820724517808;
    expect(weightOf(sub.weights, 0, 0)).toBeCloseTo(wa / (wa + wb), 14);
    expect(weightOf(sub.weights, 0, 1)).toBeCloseTo(wb / (wa + wb), 14);
  });
});

describe('feature selection (as CountVectorizer)', () => {
  const termOf = (t: number) => vocab[t]!;
  it('min_df as a count and max_df as a proportion', () => {
    const { kept } = selectFeatures(dtm, { minDf: 2, maxDf: 1, maxFeatures: 0 }, termOf);
    expect(Array.from(kept)).toEqual([0, 1, 1]); // a occurs in 1 document
    const { kept: k2 } = selectFeatures(dtm, { minDf: 1, maxDf: 0.5, maxFeatures: 0 }, termOf);
    expect(Array.from(k2)).toEqual([1, 0, 0]); // b and c are in 2/3 > 0.5 of the documents
  });
  it('max_features keeps the most frequent terms, ties by term', () => {
    // totals: a = 2, b = 2, c = 2: all tied, so the first by term: a
    const { kept, dtm: m } = selectFeatures(dtm, { minDf: 1, maxDf: 1, maxFeatures: 1 }, termOf);
    expect(Array.from(kept)).toEqual([1, 0, 0]);
    expect(Array.from(m.indptr)).toEqual([0, 1, 1, 1]);
  });
});

describe("the natural package's TfIdf scheme", () => {
  it('equals natural.TfIdf on the same token lists', async () => {
    // Only natural's tfidf module: requiring natural whole prints dotenv banners on stdout.
    const { TfIdf } = (await import('natural/lib/natural/tfidf/index.js')) as unknown as { TfIdf: new () => { addDocument(d: string[]): void; tfidf(t: string, d: number): number } };
    const nat = new TfIdf();
    const lists = [['a', 'a', 'b'], ['b', 'c'], ['c']];
    for (const l of lists) nat.addDocument(l);
    const r = tfidf(dtm, { smoothIdf: true, sublinearTf: true, norm: 'l2', scheme: 'natural' });
    for (let d = 0; d < 3; d++) for (let t = 0; t < 3; t++) expect(weightOf(r.weights, d, t), `${d},${vocab[t]}`).toBeCloseTo(nat.tfidf(vocab[t]!, d), 12);
    // by hand: idf(a) = 1 + ln(3/2) = 1.4054651081081644; d1: 2 x 1.4054651081081644
    expect(weightOf(r.weights, 0, 0)).toBeCloseTo(2 * (1 + Math.log(3 / 2)), 14);
  });
});
