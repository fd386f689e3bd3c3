import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attention, presetPath, readDictionary } from '../../src/weigh/attention.js';
import { InputError } from '../../src/errors.js';
import { buildDtm } from '../../src/weigh/dtm.js';

// A document built by hand: six counted tokens.
const vocab = ['生态修复', '经济', '环保', '绿色低碳', '二氧化硫', '增长'];
const doc = { ids: Uint32Array.of(0, 1, 2, 3, 1, 4, 5) }; // 生态修复 经济 环保 绿色低碳 经济 二氧化硫 增长: 7 tokens

describe('attention indices', () => {
  it('reproduces the environmental-attention preset by hand (substring matching)', () => {
    const env = readDictionary(presetPath('env_attention_chen2018'));
    expect(env.match).toBe('substring');
    expect(env.categories.get('environment')).toHaveLength(15);
    // hits: 生态 (in 生态修复) 1 + 环保 1 + 绿色, 低碳 (in 绿色低碳) 2 + 二氧化硫 1 = 5; tokens 7
    const [row] = attention([doc], vocab, [env]);
    expect(row).toMatchObject({ dictionary: 'env_attention_chen2018', category: 'environment', hits: 5, tokens: 7 });
    expect(row!.per_10k).toBeCloseTo((5 / 7) * 10000, 10); // 7142.857142857143
  });

  it('token matching counts whole tokens only', () => {
    const dict = { name: 't', match: 'token' as const, categories: new Map([['env', ['环保', '生态', '二氧化硫']]]) };
    const [row] = attention([doc], vocab, [dict]);
    expect(row!.hits).toBe(2); // 环保, 二氧化硫; 生态 is inside 生态修复, not a token
  });

  it('summed over the count matrix (as the weigh stage does) gives the hits counted token by token', () => {
    const env = readDictionary(presetPath('env_attention_chen2018'));
    const dict = { name: 't', match: 'token' as const, categories: new Map([['env', ['环保', '经济']], ['other', ['增长']]]) };
    // Three documents with repeated tokens; the second empty.
    const docs = [doc, { ids: Uint32Array.of() }, { ids: Uint32Array.of(1, 1, 1, 0, 0, 2, 5, 1) }];
    const counts = buildDtm(docs.map((d) => d.ids), vocab.length);
    const byTokens = attention(docs, vocab, [env, dict]);
    expect(attention(docs, vocab, [env, dict], counts)).toEqual(byTokens);
    // By hand: 经济 4 times + 环保 once in the third document.
    expect(byTokens.find((r) => r.doc === 2 && r.dictionary === 't' && r.category === 'env')).toMatchObject({ hits: 5, tokens: 8 });
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-dict-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('reads user dictionaries in CSV and YAML, and says what is wrong with a bad one', () => {
    writeFileSync(path.join(dir, 'mine.csv'), 'category,word\nrural,乡村振兴\nrural,农业\nindustry,工业\n');
    const csv = readDictionary(path.join(dir, 'mine.csv'));
    expect(csv.name).toBe('mine');
    expect([...csv.categories]).toEqual([['rural', ['乡村振兴', '农业']], ['industry', ['工业']]]);
    writeFileSync(path.join(dir, 'bad.yaml'), 'name: x\ncategories: [a, b]\n');
    expect(() => readDictionary(path.join(dir, 'bad.yaml'))).toThrow(InputError);
    expect(() => readDictionary(path.join(dir, 'none.yaml'))).toThrow(/not found/);
  });
});
