import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearDuplicates, repeatedParagraphs, sampledShingles, shingleFrequencies, type NearDuplicate } from '../../src/ingest/dedup.js';

const long = (c: string) => `${c}${'年国内生产总值比上年增长百分之七左右,城镇新增就业一千一百万人以上。'.repeat(3)}`;

describe('repeated paragraphs within a document', () => {
  it('drops a repeated block (long paragraphs and the headings between them), keeps short repeats elsewhere', () => {
    const ps = ['各位代表!', '一、回顾', long('甲'), long('乙'), '各位代表!', '二、任务', long('丙'), '一、回顾', long('甲'), long('乙')];
    const r = repeatedParagraphs(ps, 50, true);
    expect(r.repeats).toEqual([8, 9, 10]);
    expect(r.kept).toEqual(ps.slice(0, 7));
    expect(r.chars).toBe('一、回顾'.length + long('甲').length + long('乙').length);
  });
  it('only reports when drop is off', () => {
    const ps = [long('甲'), long('甲')];
    expect(repeatedParagraphs(ps, 50, false).kept).toEqual(ps);
    expect(repeatedParagraphs(ps, 50, false).repeats).toEqual([2]);
    expect(repeatedParagraphs(ps, 500, true).repeats).toEqual([]);
  });
});

describe('near-identical documents', () => {
  it('pairs a text with a copy that differs in a few lines, not with a different text', () => {
    const a = Array.from({ length: 40 }, (_, i) => `第${i}项工作${'推进高质量发展,扎实做好民生保障'.slice(i % 7)}取得新成效。`).join('\n');
    const copy = `首页 > 政务公开\n${a}\n打印本页 关闭窗口`;
    const other = Array.from({ length: 40 }, (_, i) => `今年要抓好第${i}件事${'加快建设现代化产业体系'.slice(i % 5)},确保完成。`).join('\n');
    const pairs = nearDuplicates([a, other, copy], 0.9);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([[0, 2]]);
    expect(pairs[0]!.containment).toBeGreaterThan(0.9);
  });
});

/*
 * The documented definition, computed the slow way: the text without
 * [\s\p{P}], every 12-unit slice hashed with FNV-1a and kept when the hash is
 * a multiple of 8; then every pair of documents, the shared hashes that at
 * most maxPosting documents hold, over the shorter document's count of such
 * hashes (hashes more documents hold are left out on both sides).
 */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
function referenceShingles(text: string): Set<number> {
  const s = text.replace(/[\s\p{P}]/gu, '');
  const out = new Set<number>();
  for (let i = 0; i + 12 <= s.length; i++) {
    const h = fnv1a(s.slice(i, i + 12));
    if (h % 8 === 0) out.add(h);
  }
  return out;
}
function bruteForce(texts: readonly string[], threshold: number, maxPosting: number): NearDuplicate[] {
  const sets = texts.map(referenceShingles);
  const df = new Map<number, number>();
  for (const s of sets) for (const h of s) df.set(h, (df.get(h) ?? 0) + 1);
  const out: NearDuplicate[] = [];
  for (let a = 0; a < sets.length; a++) {
    for (let b = a + 1; b < sets.length; b++) {
      let n = 0;
      for (const h of sets[a]!) if (sets[b]!.has(h) && df.get(h)! <= maxPosting) n++;
      const counted = (s: Set<number>) => [...s].filter((h) => df.get(h)! <= maxPosting).length;
      const smaller = Math.min(counted(sets[a]!), counted(sets[b]!));
      if (n > 0 && smaller >= 5 && n / smaller >= threshold) out.push({ a, b, containment: n / smaller });
    }
  }
  return out;
}

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
// Lone and paired surrogates, astral punctuation (U+10100, U+1E95E) and Han (U+20000), every kind of space, full- and half-width punctuation.
const TRICKY = ['\ud800', '\udfff', '\ud800\udd00', '\ud83a\udd5e', '𠀀', '\u3000', '\u00a0', '\u200b', '\t', '\n', ' ', '，', '。', '、', '“', '”', '《', '》', ',', '.', '!', '-', '_', '·', '—', '…', 'a', '1', '１'];
const han = fc.integer({ min: 0x4e00, max: 0x4e00 + 400 }).map((c) => String.fromCharCode(c));
const mixed = fc.array(fc.oneof(fc.constantFrom(...TRICKY), anyUnit, han, han, han), { maxLength: 300 }).map((a) => a.join(''));

/** `length` Han characters drawn by a linear congruential generator from `seed` (arithmetic runs would share their low bits, and FNV-1a's sampling depends only on those). */
function hanText(seed: number, length: number): string {
  let state = seed;
  let s = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    s += String.fromCharCode(0x4e00 + ((state >>> 8) % 6000));
  }
  return s;
}

describe('sampled shingles', () => {
  it('are the slices of the text without white space and punctuation whose FNV-1a hash is a multiple of 8', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        expect([...sampledShingles(s)]).toEqual([...referenceShingles(s)].sort((x, y) => x - y));
      }),
      { numRuns: 3000 },
    );
  });
  it('of a document given as paragraphs are those of the paragraphs joined by line breaks', () => {
    fc.assert(
      fc.property(fc.array(mixed, { maxLength: 6 }), (paragraphs) => {
        expect([...sampledShingles(paragraphs)]).toEqual([...referenceShingles(paragraphs.join('\n'))].sort((x, y) => x - y));
      }),
      { numRuns: 1000 },
    );
  });
  it('keep one shingle in 8 of a long text', () => {
    const text = hanText(1, 4000);
    const n = sampledShingles(text).length;
    expect(n).toBe(referenceShingles(text).size);
    expect(n).toBeGreaterThan(3989 / 8 / 1.3);
    expect(n).toBeLessThan((3989 / 8) * 1.3);
  });
});

/**
 * A corpus with planted near-duplicates: documents of sentences drawn from a
 * small pool (so unrelated documents share some shingles), boilerplate
 * paragraphs most documents carry (shingles over maxPosting), and copies of
 * earlier documents edited (characters changed, dropped, inserted), with
 * paragraphs reordered, cut short or wrapped in page chrome.
 */
const sentence = fc.array(han, { minLength: 8, maxLength: 30 }).map((cs) => `${cs.join('')}。`);
const corpusArb = fc
  .record({
    pool: fc.array(sentence, { minLength: 20, maxLength: 60 }),
    boilerplate: fc.array(sentence, { minLength: 1, maxLength: 4 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    documents: fc.integer({ min: 2, max: 16 }),
  })
  .map(({ pool, boilerplate, seed, documents }) => {
    let state = seed;
    const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const texts: string[] = [];
    for (let d = 0; d < documents; d++) {
      if (texts.length > 0 && rand() < 0.5) {
        let paragraphs = pick(texts).split('\n');
        const edit = rand();
        if (edit < 0.3) paragraphs = paragraphs.map((p) => [...p].map((c) => (rand() < 0.02 ? pick(['甲', '', '乙丙', '，']) : c)).join(''));
        else if (edit < 0.5) paragraphs = [...paragraphs].sort(() => rand() - 0.5);
        else if (edit < 0.7) paragraphs = paragraphs.slice(0, Math.max(1, Math.floor(paragraphs.length * (0.5 + rand() / 2))));
        else if (edit < 0.85) paragraphs = ['首页 > 政务公开 > 政府工作报告', ...paragraphs, '打印本页 关闭窗口'];
        texts.push(paragraphs.join('\n'));
        continue;
      }
      const paragraphs = Array.from({ length: 2 + Math.floor(rand() * 8) }, () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(pool)).join(''));
      if (rand() < 0.7) paragraphs.push(...boilerplate);
      texts.push(paragraphs.join('\n'));
    }
    return texts;
  });

describe('near-identical documents: the index finds exactly the pairs of the definition', () => {
  it('on corpora with planted near-duplicates, any threshold and posting cap', () => {
    fc.assert(
      fc.property(corpusArb, fc.constantFrom(0, 0.3, 0.5, 0.75, 0.8, 0.9, 0.95, 1), fc.constantFrom(1, 2, 3, 5, 50), (texts, threshold, maxPosting) => {
        const expected = bruteForce(texts, threshold, maxPosting);
        expect(nearDuplicates(texts, threshold, maxPosting)).toEqual(expected);
        expect(nearDuplicates(texts.map((t) => t.split('\n')), threshold, maxPosting)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
  it('at thresholds met exactly (n / size equal to the threshold)', () => {
    fc.assert(
      fc.property(corpusArb, fc.integer({ min: 5, max: 40 }), fc.integer({ min: 1, max: 40 }), (texts, size, n) => {
        const threshold = Math.min(n, size) / size;
        expect(nearDuplicates(texts, threshold)).toEqual(bruteForce(texts, threshold, 50));
      }),
      { numRuns: 200 },
    );
  });
  it('finds a copy with edits, reordered, and one cut short, and reports the share of the shorter one', () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `第${i + 1}项,${hanText(i + 1, 400)}。`);
    const a = paragraphs.join('\n');
    const reordered = [...paragraphs].reverse().join('\n');
    const half = paragraphs.slice(0, 15).join('\n');
    const other = paragraphs.map((p) => [...p].reverse().join('')).join('\n');
    const got = nearDuplicates([a, other, reordered, half], 0.9);
    expect(got).toEqual(bruteForce([a, other, reordered, half], 0.9, 50));
    expect(got.map((p) => [p.a, p.b])).toEqual([[0, 2], [0, 3], [2, 3]]);
    // Reordering keeps all but the shingles across paragraph joins; the half is inside the whole.
    expect(got[1]!.containment).toBe(1);
    expect(got[0]!.containment).toBeGreaterThan(0.95);
  });
  it('does not count shingles more than maxPosting documents hold (shared boilerplate)', () => {
    const boiler = hanText(99, 600);
    const own = (d: number) => hanText(d + 1, 200);
    const texts = [0, 1, 2, 3].map((d) => `${boiler}\n${own(d)}`);
    expect(nearDuplicates(texts, 0.5, 3)).toEqual([]);
    expect(nearDuplicates(texts, 0.5, 4).length).toBe(6);
    expect(nearDuplicates(texts, 0.5, 3)).toEqual(bruteForce(texts, 0.5, 3));
    expect(nearDuplicates(texts, 0.5, 4)).toEqual(bruteForce(texts, 0.5, 4));
  });
  it('finds a copy in a corpus whose formulae more than maxPosting documents share, however many documents hold them', () => {
    // 80 reports share a long block of set formulae (held by all of them: over the cap of 50); report 80 is a copy of
    // report 0. Counted in the total, the formulae would be two thirds of each report and the copy's share 1/3.
    const formulae = hanText(7, 2000);
    const texts = Array.from({ length: 80 }, (_, d) => `${formulae}\n${hanText(100 + d, 1000)}`);
    texts.push(texts[0]!);
    const found = nearDuplicates(texts, 0.9);
    expect(found).toEqual([{ a: 0, b: 80, containment: 1 }]);
    expect(found).toEqual(bruteForce(texts, 0.9, 50));
  });
});

describe('shingle frequencies per document', () => {
  it('are the same sorted in buckets and counted in a hash table, and match a count by hand', () => {
    fc.assert(
      fc.property(corpusArb, fc.constantFrom(0, 1, 2, 3, 50), (texts, maxPosting) => {
        const sets = texts.map(sampledShingles);
        const df = new Map<number, number>();
        for (const s of sets) for (const h of s) df.set(h, (df.get(h) ?? 0) + 1);
        const counted = sets.map((s) => [...s].filter((h) => df.get(h)! <= maxPosting).length);
        const once = sets.map((s) => [...s].filter((h) => df.get(h) === 1 && 1 <= maxPosting).length);
        for (const sorted of [true, false]) {
          const got = shingleFrequencies(sets, maxPosting, sorted);
          expect([...got.counted]).toEqual(counted);
          expect([...got.once]).toEqual(once);
        }
      }),
      { numRuns: 100 },
    );
  });
});
