import { describe, expect, it } from 'vitest';
import { findSections, headingKind, tenseScore } from '../../src/ingest/sections.js';

// Bodies written for the test in the two tenses reports use: what was done, what is to be done.
const PAST = '过去一年,全省地区生产总值比上年增长5.5%,新增城镇就业65万人。我们完成了年度目标任务,取得了新进展新成效,民生保障得到加强。';
const FUTURE = '今年经济社会发展的主要预期目标是:地区生产总值增长5%左右。要重点抓好以下工作:必须坚持稳中求进,力争实现更好结果,确保完成全年任务。';

const opening = ['2026年政府工作报告', '——2026年1月20日在某省第十四届人民代表大会第五次会议上', '省长 张某某', '各位代表:', '现在,我代表省人民政府,向大会报告政府工作,请予审议。'];

describe('section kinds from headings, tense and order', () => {
  it('classes figurative headings by the tense of their text', () => {
    const paragraphs = [
      ...opening,
      '一、一年接着一年干,新福建建设持续取得新进展新成效', PAST, PAST,
      '二、锚定目标向前行,奋力开创高质量发展新局面', FUTURE, FUTURE,
      '三、一鼓作气勇争先,全力推动“十五五”开好局、起好步', FUTURE, PAST,
      '四、坚持刀刃向内,全面加强政府自身建设', FUTURE,
    ];
    const got = findSections(paragraphs).map((s) => [s.kind, s.first_paragraph]);
    expect(got).toEqual([['other', 1], ['review', 6], ['plan', 9], ['plan', 12], ['other', 15]]);
  });

  it('keeps the usual order: after the plan, text in the past tense stays plan unless its heading says 回顾', () => {
    const paragraphs = [...opening, '一、砥砺奋进', PAST, '二、乘势而上', FUTURE, '三、久久为功', PAST, PAST, '四、“十四五”时期工作回顾', PAST];
    expect(findSections(paragraphs).map((s) => s.kind)).toEqual(['other', 'review', 'plan', 'plan', 'review']);
  });

  it('reads tense: past cues against future cues', () => {
    expect(tenseScore(PAST)).toBeGreaterThan(0);
    expect(tenseScore(FUTURE)).toBeLessThan(0);
    expect(headingKind('一、2025年工作回顾')).toBe('review');
    expect(headingKind('二、2026年重点工作')).toBe('plan');
    expect(headingKind('一、2025年工作回顾和2026年工作的总体要求')).toBe('both');
    expect(headingKind('五、加强政府自身建设')).toBe('other');
  });

  it('cuts a report without headings where its tense turns', () => {
    const paragraphs = [...opening, PAST, PAST, PAST, PAST, FUTURE, FUTURE, FUTURE, FUTURE];
    expect(findSections(paragraphs).map((s) => [s.kind, s.first_paragraph, s.last_paragraph])).toEqual([['other', 1, 5], ['review', 6, 9], ['plan', 10, 13]]);
  });

  it('never takes the title, subtitle or meeting line for a heading', () => {
    const paragraphs = ['2026年政府工作报告', '当前的经济形势和今后的任务', '——2026年1月20日在某省第十四届人民代表大会第五次会议上', '各位代表:', '现在,我代表省人民政府,向大会报告政府工作,请予审议。', '一、2025年工作回顾', PAST, '二、2026年重点工作', FUTURE];
    expect(findSections(paragraphs).map((s) => s.heading)).toEqual(['', '一、2025年工作回顾', '二、2026年重点工作']);
  });
});
