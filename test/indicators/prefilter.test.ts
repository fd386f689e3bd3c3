import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clausesOf, mayState, sentencesOf, stating, statementsOf } from '../../src/indicators/extract.js';
import { sampleCorpus } from '../fixtures/samples.js';

/*
 * The indicators stage reads only the sentences that may state something
 * (stating, after mayState). Skipping is safe only if every sentence with a
 * statement passes: checked on the sample reports and on built sentences
 * dense in numerals, units, range marks, full-width forms and white space.
 */
const SECTIONS = ['review', 'plan', 'other'] as const;
const PIECES = ['地区生产总值', '增长', '7', '６', '.5', '．５', '%', '％', '百分之', '七', '十二', '千', '点', '万', '亿元', '万人', '人', '个百分点', '左右', '以上', '-', '－', '~', '～', '至', '到', '—', ' ', '\u3000', '，', '。', '！', '？', '目标', '没有提出', '经济增速', '同步', '高于', '快于', '居民收入', '与经济增长', '力争', '一是', '三大', '2025年', '年均', '多', '余', '定为', '预期为', '大关'];
const sentenceish = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((a) => a.join(''));

describe('mayState', () => {
  it('passes every sentence of the sample reports that states a figure, in any section', () => {
    let stated = 0;
    for (const d of sampleCorpus().documents) {
      for (const p of d.paragraphs) {
        for (const s of sentencesOf(p)) {
          for (const section of SECTIONS) {
            if (statementsOf(s, section, '十四五').length === 0) continue;
            stated++;
            expect(mayState(s), s).toBe(true);
          }
        }
      }
    }
    expect(stated).toBeGreaterThan(100);
  });

  it('passes every built sentence with a statement', () => {
    fc.assert(
      fc.property(sentenceish, fc.constantFrom(...SECTIONS), (s, section) => {
        if (statementsOf(s, section).length > 0) expect(mayState(s)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('lets most plain sentences go', () => {
    expect(mayState('坚持以人民为中心的发展思想。')).toBe(false);
    expect(mayState('一是加强党的领导。')).toBe(false);
    expect(mayState('城镇新增就业4.3万人。')).toBe(true);
    expect(mayState('增长百分之七。')).toBe(true);
    expect(mayState('增长７ ％。')).toBe(true);
    expect(mayState('居民收入增长与经济增长同步。')).toBe(true);
  });
});

describe('stating', () => {
  it('is sentencesOf followed by mayState', () => {
    fc.assert(
      fc.property(fc.array(sentenceish, { maxLength: 6 }), (parts) => {
        const paragraph = parts.join('');
        expect(stating(paragraph)).toEqual(sentencesOf(paragraph).filter(mayState));
      }),
      { numRuns: 3000 },
    );
    for (const d of sampleCorpus().documents) for (const p of d.paragraphs) expect(stating(p)).toEqual(sentencesOf(p).filter(mayState));
  });

  it('keeps the sentence end and trims', () => {
    expect(stating(' 增长7%。 没有数字。 完成9亿元 ')).toEqual(['增长7%。', '完成9亿元']);
    expect(stating('')).toEqual([]);
  });
});

describe('clausesOf', () => {
  it('is the split at ，；：;:。！？!? and at commas not before a three-digit group', () => {
    const split = (s: string) => s.split(/[，；：;:。！？!?]|,(?!\d{3}(?!\d))/u);
    const pieces = fc.constantFrom(',', '，', '；', ':', '。', '!', '？', '1', '23', '456', '7890', '.', '增长', ' ', '亿元');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 16 }).map((a) => a.join('')), (s) => {
        expect(clausesOf(s)).toEqual(split(s));
      }),
      { numRuns: 3000 },
    );
    expect(clausesOf('投资1,234亿元,增长5%')).toEqual(['投资1,234亿元', '增长5%']);
    expect(clausesOf('1,2345')).toEqual(['1', '2345']);
    expect(clausesOf('')).toEqual(['']);
  });
});
