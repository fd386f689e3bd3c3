import { describe, expect, it } from 'vitest';
import { capParagraph, detectWrapWidth, joinWrappedLines, splitGluedHeading, splitRunOn, toParagraphs } from '../../src/ingest/paragraphs.js';

const opts = { wrapMinChars: 60, maxParagraphChars: 5000 };

describe('paragraphs', () => {
  it('splits a run-on line at spaces after sentence ends and before headings, not elsewhere', () => {
    const line = '会议上县长;张三各位代表:现在,我代表县人民政府向大会报告工作。 一、2022年工作回顾2022年是极不平凡的一年。全县地区 生产总值增长5%。 (一)狠抓项目。项目建设加快。';
    expect(splitRunOn(line)).toEqual([
      '会议上县长;张三',
      '各位代表:现在,我代表县人民政府向大会报告工作。',
      '一、2022年工作回顾',
      '2022年是极不平凡的一年。全县地区 生产总值增长5%。',
      '(一)狠抓项目。项目建设加快。',
    ]);
  });
  it('keeps a heading that is all heading whole', () => {
    expect(splitGluedHeading('二、“十四五”经济社会发展指导思想和目标任务')).toEqual(['二、“十四五”经济社会发展指导思想和目标任务']);
    expect(splitGluedHeading('三、2021年工作安排2021年是开局之年。')).toEqual(['三、2021年工作安排', '2021年是开局之年。']);
  });
  it('detects a fixed wrap width and joins the pieces', () => {
    const sentence = '面对复杂严峻的国内外形势和疫情反复冲击,全市上下坚持以新时代中国特色社会主义思想为指导,在省委省政府的坚强领导下,高效统筹疫情防控和经济社会发展,统筹发展和安全,收获了一份殊为不易的成绩单。';
    const lines: string[] = [];
    for (let i = 0; i < sentence.length; i += 25) lines.push(sentence.slice(i, i + 25));
    const text = ['2022年工作回顾', ...lines, ...lines];
    expect(detectWrapWidth(text)).toBe(25);
    expect(joinWrappedLines(text, opts)).toEqual(['2022年工作回顾', sentence, sentence]);
  });
  it('does not take headings of equal length for a wrap', () => {
    const lines = ['科学防治、精准施策,疫情防控交出优异答卷', '坚持人民至上。'.repeat(20), '顶压前行、难中求成,经济运行保持进位提质', '顶格落实国家稳经济政策。'.repeat(20)];
    const many = [...lines, ...lines, ...lines];
    expect(detectWrapWidth(many)).toBeUndefined();
    expect(toParagraphs(many, opts)).toHaveLength(12);
  });
  it('cuts an over-long paragraph at sentence ends, or hard when there are none', () => {
    const p = '甲'.repeat(30) + '。';
    const pieces = capParagraph(p.repeat(100), 100);
    expect(pieces.join('')).toBe(p.repeat(100));
    expect(Math.max(...pieces.map((x) => x.length))).toBeLessThanOrEqual(100);
    for (const x of pieces) expect(x.endsWith('。')).toBe(true);
    const noEnd = 'a'.repeat(1050);
    expect(capParagraph(noEnd, 100).map((x) => x.length)).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50]);
  });
});
