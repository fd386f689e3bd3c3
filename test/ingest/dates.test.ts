import { describe, expect, it } from 'vitest';
import { arabicDates, zhSmallNumber } from '../../src/ingest/dates.js';
import { parseOpening } from '../../src/ingest/metadata.js';
import { findSpeaker, nameAfterOffice } from '../../src/ingest/speaker.js';
import { normalizeLine } from '../../src/ingest/normalize.js';

describe('dates as scraped', () => {
  it.each([
    ['1 9 9 8 年3 月5 日', '1998年3月5日'],
    ['一九五八年二月三日', '1958年2月3日'],
    ['一九九○年', '1990年'],
    ['二〇二三年十二月三十一日', '2023年12月31日'],
    ['2023 2024年', '2023 2024年'],
    ['增长7%左右', '增长7%左右'],
  ])('%s -> %s', (raw, want) => expect(arabicDates(raw)).toBe(want));
  it('reads Chinese numbers up to 99', () => {
    expect([zhSmallNumber('十'), zhSmallNumber('二十三'), zhSmallNumber('三十'), zhSmallNumber('七'), zhSmallNumber('百')]).toEqual([10, 23, 30, 7, undefined]);
  });
});

describe('opening lines of seven decades', () => {
  it.each([
    ['——1 9 9 8 年3 月5 日在第九届全国人民代表大会第一次会议上\n国务院总理李鹏\n各位代表:', '1998-03-05', '第九届全国人民代表大会第一次会议', '李鹏'],
    [normalizeLine('——２０１０年３月５日在第十一届全国人民代表大会第三次会议上') + '\n国务院总理 温家宝', '2010-03-05', '第十一届全国人民代表大会第三次会议', '温家宝'],
    ['——1981年11月30日和12月1日在第五届全国人民代表大会第四次会议上\n国务院总理赵紫阳', '1981-11-30', '第五届全国人民代表大会第四次会议', '赵紫阳'],
    ['——1955年7月5日至6日在第一届全国人民代表大会第二次会议上\n国务院副总理兼国家计划委员会主任李富春\n目录', '1955-07-05', '第一届全国人民代表大会第二次会议', '李富春'],
    ['——一九五八年二月三日在第一届全国人民代表大会第五次会议上\n副总理兼财政部长李先念', '1958-02-03', '第一届全国人民代表大会第五次会议', '李先念'],
    ['——1979年6月18日在第五届全国人民代表大会第二次会议上\n名位代表:\n现在,我受国务院的委托', '1979-06-18', '第五届全国人民代表大会第二次会议', ''],
    ['省长 王某某\n——2026年1月20日在某省第十四届人民代表大会第五次会议上\n各位代表:', '2026-01-20', '第十四届人民代表大会第五次会议', '王某某'],
  ])('%s', (head, date, session, speaker) => {
    const o = parseOpening(`2026年政府工作报告\n${head}`);
    expect([o.meeting_date, o.session, o.speaker]).toEqual([date, session, speaker]);
  });
  it('takes a name after the last office of a speaker line, never a line with 代表', () => {
    expect(nameAfterOffice('国务委员兼国家计划委员会主任邹家华')).toBe('邹家华');
    expect(nameAfterOffice('国务院总理 温家宝')).toBe('温家宝');
    expect(nameAfterOffice('名位代表')).toBe('');
    expect(findSpeaker('', ['名位代表:', '现在,我受国务院的委托,向全国人民代表大会报告政府工作。'], [])).toBe('');
  });
});
