import { describe, expect, it } from 'vitest';
import { countPlaceNames, loadGazetteer, resolvePlace, shortName } from '../../src/ingest/gazetteer.js';
import { extractDocVars, levelCue, parseOpening, parseSpeaker, yearFromHeadings } from '../../src/ingest/metadata.js';

describe('speaker', () => {
  it.each([
    ['县长;史玉江各位代表:现在', '史玉江'],
    [';刘春林;各位代表', '刘春林'],
    [' 代市长吴秀玲 各位代表: 现在', '吴秀玲'],
    ['稷山县人民政府代县长;王润各位代表', '王润'],
    ['县;长;魏;栋各位代表', '魏栋'],
    ['', ''],
    ['各位代表:现在,我代表县人民政府', ''],
  ])('%s -> %s', (text, name) => expect(parseSpeaker(text)).toBe(name));
});

describe('opening line', () => {
  it('reads date, session, place and speaker', () => {
    const o = parseOpening('——2023年4月25日在交城县第十七届人民代表大会第四次会议上 县长 张伟\n各位代表:');
    expect(o).toMatchObject({ meeting_date: '2023-04-25', session: '第十七届人民代表大会第四次会议', place: '交城县', speaker: '张伟', year: 2023, national: false });
  });
  it('recognises the national people\'s congress', () => {
    const o = parseOpening('——2023年3月5日在第十四届全国人民代表大会第一次会议上\n国务院总理 李克强');
    expect(o.national).toBe(true);
    expect(o.session).toBe('第十四届全国人民代表大会第一次会议');
    expect(o.speaker).toBe('李克强');
  });
});

describe('level cue and years', () => {
  it.each([
    ['现在,我代表县人民政府向大会报告工作', 'county'],
    ['我代表市人民政府', 'prefecture'],
    ['我代表区人民政府', 'county'],
    ['我代表省人民政府', 'provincial'],
    ['我代表国务院,向大会报告政府工作', 'national'],
  ])('%s -> %s', (text, level) => expect(levelCue(text)).toBe(level));
  it('takes the delivered year from plan or review headings', () => {
    expect(yearFromHeadings(['一、2022年工作回顾'])).toBe(2023);
    expect(yearFromHeadings(['二、2024年工作安排'])).toBe(2024);
    expect(yearFromHeadings(['一、2020年和“十三五”时期工作回顾'])).toBe(2021);
  });
});

describe('gazetteer', () => {
  it('has short names for provinces and prefectures only', () => {
    expect(shortName('山西省')).toBe('山西');
    expect(shortName('广西壮族自治区')).toBe('广西');
    expect(shortName('凉山彝族自治州')).toBe('凉山');
    expect(shortName('运城市')).toBe('运城');
    const gaz = loadGazetteer();
    expect(gaz.byName.has('临')).toBe(false); // 临县 is not shortened to a common character
  });
  it('disambiguates a repeated county name by the places mentioned around it', () => {
    const gaz = loadGazetteer();
    expect(gaz.byName.get('朝阳区')!.length).toBeGreaterThan(1);
    const ctx = countPlaceNames('长春市朝阳区 吉林 长春', gaz);
    expect(resolvePlace('朝阳区', ctx, gaz)!.province).toBe('吉林省');
    const ctx2 = countPlaceNames('北京市朝阳区', gaz);
    expect(resolvePlace('朝阳区', ctx2, gaz)!.province).toBe('北京市');
  });
});

describe('document variables', () => {
  it('a national report is level national, region 全国', () => {
    const v = extractDocVars({ title: '政府工作报告', paragraphs: ['政府工作报告', '——2024年3月5日在第十四届全国人民代表大会第二次会议上', '国务院总理 李强', '各位代表:', '现在,我代表国务院,向大会报告政府工作,请予审议。'] });
    expect(v).toMatchObject({ level: 'national', region: '全国', province: '', year: 2024, meeting_date: '2024-03-05', speaker: '李强' });
  });
  it('a province-level municipality is provincial', () => {
    const v = extractDocVars({ title: '2023年北京市政府工作报告', paragraphs: ['各位代表:', '现在,我代表北京市人民政府向大会报告工作。'] });
    expect(v).toMatchObject({ level: 'provincial', region: '北京市', province: '北京市', year: 2023 });
  });
  it('a report naming its city only in the body gets the city most often named at the cued level', () => {
    const body = ['各位代表:现在,我代表市人民政府向大会报告工作。', '过去一年,安康幸福,运城发展取得新成效。运城经济稳中向好,闻喜、稷山发展良好。', '我们将建设美丽运城。'];
    const v = extractDocVars({ title: '政府工作报告', paragraphs: body });
    expect(v).toMatchObject({ region: '运城市', level: 'prefecture', province: '山西省' });
  });
});
