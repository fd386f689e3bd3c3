import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/stages/ingest.js';
import { ingestParams } from '../../src/artifacts/corpus.js';
import type { Source } from '../../src/io/sources.js';
import { describeWithNationalCorpus } from '../fixtures/corpora.js';
import { substringCount } from '../fixtures/samples.js';

const source = (file: string, text: string, format: Source['format'] = 'text'): Source => ({ file, format, encoding: 'utf-8', text, bytes: Buffer.byteLength(text), sha256: '' });

describeWithNationalCorpus('metadata outside the text, repeated text and near-identical documents (development corpus)', (dir) => {
  const read = (name: string) => source(`national/${name}`, readFileSync(path.join(dir, name), 'utf8'));
  const f1991 = '1991政府工作报告_李鹏.txt';
  const f2017 = '2017政府工作报告_李克强.txt';

  it('a file-name pattern fills the speaker and says where it disagrees with the text (1991: 邹家华 gave the report)', () => {
    const c = ingest([read(f1991), read(f2017)], ingestParams.parse({ filename_pattern: '{year}政府工作报告_{speaker}' }));
    expect(c.documents.map((d) => d.speaker)).toEqual(['李鹏', '李克强']);
    const warned = c.messages.filter((m) => m.origin === 'ingest:metadata' && /disagree|but '/u.test(m.text));
    expect(warned).toHaveLength(1);
    expect(warned[0]!.text).toMatch(/speaker is '李鹏' in the file name.*'邹家华' in the text/u);
    expect(warned[0]!.file).toBe(`national/${f1991}`);
  });

  it('a sidecar metadata.csv overrides the file name and the text, is not read as a report, and unmatched rows are named', () => {
    const csv = `file,speaker,region,year\n${f1991},邹家华,全国,1991\n${f2017},李克强,,\n1800政府工作报告_无.txt,某,,\n`;
    const c = ingest([read(f1991), read(f2017), source('national/metadata.csv', csv, 'csv')], ingestParams.parse({ filename_pattern: '{year}政府工作报告_{speaker}' }));
    expect(c.documents).toHaveLength(2);
    expect(c.documents.map((d) => d.speaker)).toEqual(['邹家华', '李克强']);
    expect(c.messages.some((m) => /disagree|but '/u.test(m.text) && m.origin === 'ingest:metadata')).toBe(false);
    expect(c.messages.some((m) => m.text.includes("'1800政府工作报告_无.txt' matches no input file"))).toBe(true);
  });

  it('drops the second copy of the 1991 report, warns, and records it for the manifest', () => {
    const raw = read(f1991).text;
    // A sentence of the report that the file holds twice (counted by indexOf on the raw text).
    const sentence = '国务院根据中共中央《建议》精神';
    expect(substringCount(raw, sentence)).toBe(2);
    const on = ingest([read(f1991)], ingestParams.parse({}));
    expect(substringCount(on.documents[0]!.paragraphs.join('\n'), sentence)).toBe(1);
    expect(on.messages.some((m) => m.origin === 'ingest:repeats' && /dropped/u.test(m.text))).toBe(true);
    expect(on.meta.details).toMatchObject({ documents_with_repeated_paragraphs: ['1991政府工作报告_李鹏'] });
    const off = ingest([read(f1991)], ingestParams.parse({ drop_repeated_paragraphs: false }));
    expect(substringCount(off.documents[0]!.paragraphs.join('\n'), sentence)).toBe(2);
    expect(off.messages.some((m) => m.origin === 'ingest:repeats' && /counts include them twice/u.test(m.text))).toBe(true);
    // No other report of the corpus holds a repeated block.
    const others = ['1954政府工作报告_周恩来.txt', '1988政府工作报告_李鹏.txt', f2017].map(read);
    expect(ingest(others, ingestParams.parse({})).messages.filter((m) => m.origin === 'ingest:repeats')).toEqual([]);
  });

  it('warns when two files hold the same report (scraped twice, with different page chrome), not for different years', () => {
    const a = read(f2017);
    const b = source('site2/2017.txt', `首页 > 新闻中心 > 要闻\n${a.text.replace(/\n\n/gu, '\n')}\n责任编辑:王某\n打印本页 关闭窗口`);
    const c = ingest([a, b, read('2016政府工作报告_李克强.txt')], ingestParams.parse({}));
    const dup = c.messages.filter((m) => m.origin === 'ingest:duplicates');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.text).toMatch(/2017政府工作报告_李克强 and 2017 are near-identical/u);
  });
});

describe('a metadata.csv without a file column', () => {
  it('is read as input documents, with a message naming the parameter', () => {
    const rows = `title,year,text\n某县2023年政府工作报告,2023,"${'各位代表:现在,我代表县人民政府向大会报告工作,请予审议。过去一年,全县地区生产总值增长5%。'.repeat(5)}"\n`;
    const c = ingest([source('in/metadata.csv', rows, 'csv')], ingestParams.parse({}));
    expect(c.documents).toHaveLength(1);
    expect(c.documents[0]!.year).toBe(2023);
    expect(c.messages.some((m) => m.file === 'in/metadata.csv' && /no file column.*read as input documents.*ingest.metadata_file/u.test(m.text))).toBe(true);
  });
});
