import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadJieba, releaseJieba } from '../../src/segment/jieba.js';

const TEXT = '坚持稳中求进工作总基调，推动经济高质量发展';

describe('loadJieba and releaseJieba', () => {
  it('cuts as nodejieba with all its default files does (the minimal IDF and stop-word files change no cut)', () => {
    const texts = [TEXT, '全面推进乡村振兴，坚持项目为王，培育专精特新企业', '2022年全县地区生产总值增长7.5%，完成年度目标任务'];
    releaseJieba();
    const nodejieba = createRequire(import.meta.url)('nodejieba') as { load(): void; cut(text: string, hmm?: boolean): string[] };
    nodejieba.load(); // every default file, the IDF table and stop words included
    const full = texts.map((t) => nodejieba.cut(t, true));
    const fullTags = texts.map((t) => (nodejieba as unknown as { tag(s: string): unknown }).tag(t));
    // By hand: 稳中求进 and 高质量 are words of jieba.dict.utf8; 总基调 is not.
    expect(full[0]).toEqual(['坚持', '稳中求进', '工作', '总', '基调', '，', '推动', '经济', '高质量', '发展']);
    const jieba = loadJieba();
    expect(texts.map((t) => jieba.cut(t, true))).toEqual(full);
    expect(texts.map((t) => jieba.tag(t))).toEqual(fullTags);
  });

  it('release replaces the dictionaries (the module then cuts without them); a new load brings them back', () => {
    const before = loadJieba().cut(TEXT, true);
    releaseJieba();
    const nodejieba = createRequire(import.meta.url)('nodejieba') as { cut(text: string, hmm?: boolean): string[] };
    // With the one-word dictionary, 稳中求进 is no longer a word: only the HMM is left to join characters.
    const bare = nodejieba.cut(TEXT, false);
    expect(bare).not.toContain('稳中求进');
    expect(bare.join('')).toBe(TEXT);
    expect(loadJieba().cut(TEXT, true)).toEqual(before);
  });
});
