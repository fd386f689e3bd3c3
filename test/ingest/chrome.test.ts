import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isChromeLine } from '../../src/ingest/boilerplate.js';
import { isContentless } from '../../src/ingest/chrome.js';
import { normalizedLines, normalizeLine } from '../../src/ingest/normalize.js';
import { describeWithNationalCorpus } from '../fixtures/corpora.js';

describe('a line with no sentence content', () => {
  it.each([
    '小', '中', '大', '】', '【', '|', '×', '》》点击图片进入专题《《', '相关文档:', 'e4c29f31c6964493a14c4ddf6b160169:', '当前位置:首页 > 政务公开 > 政府工作报告',
    '记者 王鼎 摄', '(新华社记者 李学仁 摄)', '图片来源:新华网', '首页 | 新闻 | 政务 | 服务', '分享到:微信 微博 QQ空间', '【字号:大 中 小】【打印】【关闭】', '2026-01-28 10:30',
    '浏览次数:1024', '(责编:王某、李某)', '某省人民政府门户网站', 'English | 繁体 | 手机版', '↑返回顶部', '扫码关注公众号',
  ])('%s is chrome', (line) => expect(isChromeLine(normalizeLine(line))).toBe(true));

  it.each([
    '一、2016年工作回顾', '(一)关于经济建设', '各位代表:', '各位代表!', '第三部分', '过去五年的回顾', '关于外交工作', '国际形势和我国对外工作', '目录', '全',
    '国务院总理 温家宝', '——2017年3月5日在第十二届全国人民代表大会第五次会议上', '2026年政府工作报告', '一、一年接着一年干,新福建建设持续取得新进展新成效',
    '(2026年1月20日)', '全国各族人民大团结万岁!', '发展中小企业', '改善服务', '网络强国',
  ])('%s is kept', (line) => expect(isContentless(normalizeLine(line))).toBe(false));
});

describeWithNationalCorpus('no line of the 49 development reports is judged contentless', (dir) => {
  it('keeps every line (headings, speaker and meeting lines, 一 / 二 section numbers)', () => {
    const flagged = readdirSync(dir).flatMap((f) => normalizedLines(readFileSync(path.join(dir, f), 'utf8')).filter((l) => isContentless(l)).map((l) => `${f}: ${l}`));
    expect(flagged).toEqual([]);
  });
});
