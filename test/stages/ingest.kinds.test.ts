import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ingest } from '../../src/stages/ingest.js';
import { ingestParams } from '../../src/artifacts/corpus.js';
import { describeWithNationalCorpus } from '../fixtures/corpora.js';

// Texts written for the test in the genres found beside reports on real sites.
const headlines = (y: number) => [`${y}年政府工作报告全文`, `图解:一图读懂${y}年政府工作报告`, '政府工作报告中的十大民生亮点', '专家解读政府工作报告:稳增长与调结构'];
const resolution = (term: string, meeting: string, speaker: string) => [
  `第${term}届全国人民代表大会第${meeting}次会议关于政府工作报告的决议`,
  `第${term}届全国人民代表大会第${meeting}次会议听取和审议了国务院总理${speaker}所作的政府工作报告。会议充分肯定国务院过去一年的工作,同意报告提出的今年经济社会发展的总体要求、主要目标和重点任务,决定批准这个报告。`,
  '会议号召,全国各族人民紧密团结起来,坚定信心,开拓进取,为完成今年经济社会发展的目标任务而努力奋斗。',
];
const commentary = (term: string, meeting: string) => [
  '代表委员热议政府工作报告',
  `3月5日,${term}届全国人大${meeting}次会议在人民大会堂开幕。代表委员们认为,政府工作报告实事求是、催人奋进,是一个鼓舞人心的好报告。`,
  '来自基层的全国人大代表说,报告提出的一系列民生举措,让基层群众感到很暖心。他表示,回去后要把报告精神传达好、落实好。',
  '全国政协委员认为,报告对创新驱动发展作出部署,释放出推动经济转型升级的强烈信号,令人振奋,大家对今后的发展充满信心。',
];

describeWithNationalCorpus('files that hold a report beside a resolution, a commentary and a headline list', (dir) => {
  const report = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  const run = (file: string, text: string, format: 'text' | 'html' = 'text') => ingest([{ file, format, encoding: 'utf-8', text, bytes: 0, sha256: '' }], ingestParams.parse({}));

  it('headlines, report, resolution, commentary (text): one report, three others', () => {
    const c = run('built/a.txt', [...headlines(2016), '', report('2016政府工作报告_李克强.txt'), '', ...resolution('十二', '四', '李克强'), '', ...commentary('十二', '四')].join('\n'));
    expect(c.documents.map((d) => d.kind)).toEqual(['other', 'report', 'other', 'other']);
    const r = c.documents[1]!;
    expect([r.year, r.speaker, r.meeting_date]).toEqual([2016, '李克强', '2016-03-05']);
    // The report holds none of the other texts, and they hold none of it.
    expect(r.paragraphs.some((p) => /决议|热议|一图读懂/u.test(p))).toBe(false);
    expect(c.documents[2]!.title).toMatch(/决议$/u);
    expect(c.documents[3]!.title).toBe('代表委员热议政府工作报告');
  });

  it('resolution and commentary before the report (text): one report, two others', () => {
    const c = run('built/b.txt', [...resolution('十', '三', '温家宝'), '', ...commentary('十', '三'), '', report('2005政府工作报告_温家宝.txt')].join('\n'));
    expect(c.documents.map((d) => d.kind)).toEqual(['other', 'other', 'report']);
    expect(c.documents[2]!.speaker).toBe('温家宝');
  });

  it('a page with a headline list, the report and the resolution (HTML): one report', () => {
    const body = report('1995政府工作报告_李鹏.txt').split(/\r?\n/u).filter((l) => l.trim() !== '').map((l) => `<p>${l}</p>`).join('\n');
    const html = `<html><body><ul>${headlines(1995).map((h) => `<li>${h}</li>`).join('')}</ul>${body}<div>${resolution('八', '三', '李鹏').map((l) => `<p>${l}</p>`).join('')}</div></body></html>`;
    const c = run('built/c.html', html, 'html');
    expect(c.documents.filter((d) => d.kind === 'report')).toHaveLength(1);
    expect(c.documents.filter((d) => d.kind === 'report')[0]!.speaker).toBe('李鹏');
    expect(c.documents.map((d) => d.kind)).toEqual(['other', 'report', 'other']);
  });
});
