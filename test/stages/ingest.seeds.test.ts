import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listInputFiles, readSource, type Source } from '../../src/io/sources.js';
import { ingest } from '../../src/stages/ingest.js';
import { ingestParams } from '../../src/artifacts/corpus.js';
import type { Corpus, Document } from '../../src/artifacts/corpus.js';

// The five scraped sample files shipped in data/raw; expected values below were read off the raw files by hand.
const ROOT = path.resolve(__dirname, '../..');

let corpus: Corpus;
const byId = (id: string): Document => {
  const d = corpus.documents.find((x) => x.doc_id === id);
  if (!d) throw new Error(`no document ${id}; have ${corpus.documents.map((x) => x.doc_id).join(', ')}`);
  return d;
};

beforeAll(() => {
  const sources: Source[] = listInputFiles(['data/raw'], ROOT).map((f) => readSource(f, ROOT).source!);
  corpus = ingest(sources, ingestParams.parse({}));
});

describe('ingest on the sample corpus', () => {
  it('finds 13 reports and 1 other item (the news article on the list page); site chrome is no document', () => {
    expect(corpus.documents.filter((d) => d.kind === 'report')).toHaveLength(13);
    const other = corpus.documents.filter((d) => d.kind === 'other');
    expect(other).toHaveLength(1);
    expect(other[0]!.title).toBe('山西临县:以基础设施建设为引擎 绘就城乡发展新画卷');
  });

  // doc_id, region, level, province, year, meeting_date, speaker
  const table: [string, string, string, string, number, string, string][] = [
    ['000_3671ec8ff8c3bdb3', '交城县', 'county', '山西省', 2023, '2023-04-25', ''],
    ['001_5819de8783046adf', '长治市', 'prefecture', '山西省', 2023, '2023-03-29', ''],
    ['002_a6a8f6c27dc122fe', '朝阳县', 'county', '辽宁省', 2023, '', ''],
    ['003_330ca93b427a2047-01', '闻喜县', 'county', '山西省', 2021, '2021-04-13', '史玉江'],
    ['003_330ca93b427a2047-02', '襄汾县', 'county', '山西省', 2021, '2021-04-20', '刘春林'],
    ['003_330ca93b427a2047-03', '文水县', 'county', '山西省', 2021, '2021-04-14', '王峰'],
    ['003_330ca93b427a2047-04', '灵石县', 'county', '山西省', 2021, '2021-04-08', '郭建雄'],
    ['003_330ca93b427a2047-05', '朔州市', 'prefecture', '山西省', 2021, '2021-02-23', '吴秀玲'],
    ['003_330ca93b427a2047-06', '静乐县', 'county', '山西省', 2021, '2021-04-08', '宣文晓'],
    ['003_330ca93b427a2047-07', '稷山县', 'county', '山西省', 2021, '2021-04-10', '王润'],
    ['003_330ca93b427a2047-08', '盐湖区', 'county', '山西省', 2021, '2021-04-09', '薛永琦'],
    ['003_330ca93b427a2047-10', '榆社县', 'county', '山西省', 2021, '2021-04-08', '魏栋'],
    // The 运城 summary names its city only in the body (运城实践, 运城发展…); 市五届人大三次会议 says prefecture.
    ['004_a998f81fd545e145', '运城市', 'prefecture', '山西省', 2023, '', ''],
  ];
  it.each(table)('%s: %s %s %s %i %s %s', (id, region, level, province, year, date, speaker) => {
    const d = byId(id);
    expect({ region: d.region, level: d.level, province: d.province, year: d.year, meeting_date: d.meeting_date, speaker: d.speaker, kind: d.kind }).toEqual({
      region,
      level,
      province,
      year,
      meeting_date: date,
      speaker,
      kind: 'report',
    });
  });

  it('reads the people\'s congress session, long and short forms', () => {
    expect(byId('000_3671ec8ff8c3bdb3').session).toBe('第十七届人民代表大会第四次会议');
    expect(byId('003_330ca93b427a2047-05').session).toBe('第六届人民代表大会第八次会议');
    expect(byId('004_a998f81fd545e145').session).toBe('第五届人民代表大会第三次会议'); // 市五届人大三次会议
  });

  it('removes site tags from list-page titles', () => {
    expect(byId('003_330ca93b427a2047-01').title).toBe('2021年闻喜县政府工作报告');
  });

  const boilerplate = [
    '导航菜单', '本文仅代表作者观点', '不代表本站立场', '本文地址', '留言与评论', '验证码', '网站地图', '如若转载', 'shituxiezuo',
    '有想补充的信息', '点我投稿', '共 154 页', '招商中心', '400-162-2002', '投稿须知', '免费获取园区招商政策汇编', '2025-07-08',
    '【闻喜县招商】', '产业园区网', '立即获取', '投资咨询热线',
  ];
  it('leaves no boilerplate string from the samples in the cleaned text', () => {
    const all = corpus.documents.map((d) => d.paragraphs.join('\n')).join('\n');
    for (const b of boilerplate) expect(all, b).not.toContain(b);
  });

  it('keeps report sentences next to the chrome (first and last sentences of 000)', () => {
    const d = byId('000_3671ec8ff8c3bdb3');
    expect(d.paragraphs[d.paragraphs.length - 1]).toMatch(/^同时,统计、气象、消防、老龄、民族宗教、外事侨/);
    expect(d.paragraphs[d.paragraphs.length - 1]).toMatch(/都作出了积极贡献。$/);
  });

  it('rejoins the hard-wrapped report (004): no paragraph ends mid-sentence', () => {
    const d = byId('004_a998f81fd545e145');
    for (const p of d.paragraphs) {
      const heading = p.length <= 40 && !/[。;]/u.test(p);
      if (!heading) expect(p, p.slice(-20)).toMatch(/[。!?;:…]$|[。!?]”$|——$/u);
    }
    // A sentence broken across three raw lines (7, 9, 11) is one paragraph.
    expect(d.paragraphs).toContain(
      d.paragraphs.find((p) => p.startsWith('2022年是极不平凡、极不寻常的一年。') && p.includes('疫情反复冲击,全市上下') && p.includes('在市人大、市政协的监督支持下') && p.endsWith('实现本局政府履职的良好开局。')),
    );
    expect(d.paragraphs.some((p) => p.endsWith('全') || p.startsWith('市党员干部'))).toBe(false);
  });

  it('splits the run-on list-page reports into paragraphs at headings and 各位代表', () => {
    const d = byId('003_330ca93b427a2047-01');
    expect(d.paragraphs[1]).toBe('2021年4月13日在闻喜县第十七届人民代表大会第一次会议上县长;史玉江');
    expect(d.paragraphs[2]).toMatch(/^各位代表:现在,我代表县人民政府向大会作工作报告/);
    expect(d.paragraphs[3]).toBe('一、2020年和“十三五”时期工作回顾');
  });

  // Section boundaries checked against the raw files' lines by hand.
  it.each([
    ['000_3671ec8ff8c3bdb3', [['other', '', 1, 4], ['review', '一、2022年工作回顾', 5, 11]]],
    ['002_a6a8f6c27dc122fe', [['other', '', 1, 3], ['review', '2022年工作回顾', 4, 33], ['plan', '2023年工作安排', 34, 42]]],
    ['004_a998f81fd545e145', [['other', '', 1, 1], ['review', '2022年工作回顾', 2, 3], ['plan', '2023年政府工作总体要求', 4, 17], ['other', '努力建设人民满意政府', 18, 42]]],
  ] as const)('sections of %s', (id, expected) => {
    const got = byId(id).sections.map((s) => [s.kind, s.heading, s.first_paragraph, s.last_paragraph]);
    expect(got).toEqual(expected);
  });

  it('numbers the list-page sections 一 to 四 with their kinds (闻喜县)', () => {
    const got = byId('003_330ca93b427a2047-01').sections.map((s) => [s.kind, s.heading]);
    expect(got).toEqual([
      ['other', ''],
      ['review', '一、2020年和“十三五”时期工作回顾'],
      ['plan', '二、“十四五”时期目标任务和总体要求'],
      ['plan', '三、2021年工作安排'],
      ['other', '四、切实加强政府自身建设'],
    ]);
  });

  it('gives stable, file-name-safe, unique doc ids', () => {
    const ids = corpus.documents.map((d) => d.doc_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[\p{L}\p{N}_-]+$/u);
    const again = ingest(listInputFiles(['data/raw'], ROOT).map((f) => readSource(f, ROOT).source!), ingestParams.parse({}));
    expect(again.documents.map((d) => d.doc_id)).toEqual(ids);
  });
});
