import { describe, expect, it } from 'vitest';
import { nearDuplicates, repeatedParagraphs } from '../../src/ingest/dedup.js';

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
