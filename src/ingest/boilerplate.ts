import { isContentless } from './chrome.js';
import { isSpeakerLine } from './speaker.js';

/**
 * Web boilerplate ("site chrome") around and inside scraped reports:
 * navigation, toolbars, disclaimers, reprint and copyright lines, comment and
 * captcha boxes, contribution terms, page counters, phone numbers.
 *
 * Three kinds of evidence, none of which removes report sentences:
 * 1. line rules: whole lines that are chrome by their form (导航菜单, 验证码:,
 *    a bare date, 共 154 页, a phone number);
 * 2. footer markers: a line that opens a page footer (本文仅代表作者观点,
 *    本文地址, 如若转载, 点我投稿 ...); everything after it up to the next
 *    document title is footer;
 * 3. repetition: a short line found in several input files, or many times
 *    in one file, is template text of the site, unless it has the form of
 *    report text (a heading, 各位代表, a sentence).
 */

const CHROME_LINE = new RegExp(
  '^(?:' +
    [
      '导航菜单', '网站导航', '网站地图', '网站首页', '首页', '返回顶部', '返回首页', '回到顶部', '打印本页', '打印', '关闭窗口', '关闭',
      '收藏', '收藏本页', '加入收藏', '设为首页', '下载', '全屏', '确认', '确定', '取消', '立即获取', '投稿提示', '我要投稿', '联系我们', '企业入驻',
      '分享到?[::]?.{0,30}', '字号[::]?.{0,20}', '【?字体[::]?.{0,20}', '[【\\[]?[大中小][】\\]]?\\s*[【\\[]?[大中小][】\\]]?\\s*[【\\[]?[大中小]?[】\\]]?',
      '验证码[::]?.{0,20}', '上一篇[::]?.{0,80}', '下一篇[::]?.{0,80}', '相关(?:阅读|文章|新闻|推荐|链接)[::]?.{0,80}',
      '责任编辑[::].{0,30}', '编辑[::].{0,20}', '来源[::].{0,40}', '(?:发布|更新)(?:时间|日期)[::].{0,40}', '作者[::].{0,20}',
      '(?:浏览|阅读|点击)(?:次数|量|数)?[::]?\\s*\\d+.{0,10}', '\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?',
      '共\\s*\\d+\\s*页', '第\\s*\\d+\\s*页.{0,20}', '\\d+\\s*/\\s*\\d+\\s*页?', '[\\d\\-()\\s转]{7,}', '(?:热线|电话|咨询)[::]?\\s*[\\d\\-]{7,}',
      '.{0,20}(?:咨询|服务)?热线[::]?', '扫一扫.{0,30}', '微信扫.{0,30}', '(?:用户名|密码|登录|注册)[::]?.{0,20}', '发表评论.{0,20}', '我来说两句.{0,20}',
    ].join('|') +
    ')$',
  'u',
);

/** Chrome wherever it stands in a line no longer than {@link SHORT_LINE}. */
const CHROME_ANYWHERE = /(?:版权所有|Copyright|©|ICP备|ICP证|公网安备|技术支持[::]|主办(?:单位)?[::]|承办(?:单位)?[::]|联系电话[::]|(?:仅代表|不代表|并不表明|仅供).{0,16}(?:观点|立场|看法)|免费获取.{0,20}政策|400-\d{3}-\d{4}|https?:\/\/|www\.)/iu;

/** A line that opens a page footer: the rest up to the next title is footer. */
const FOOTER_MARKER = /^(?:本文仅代表作者观点|本文地址[::]|如若转载|转载请注明|(?:原文|文章)链接[::]|留言与评论|有想补充的信息|点我投稿|版权所有|上一篇[::]|下一篇[::]|相关(?:阅读|文章|新闻|推荐)[::]?|网站地图|免责声明)/u;

export const SHORT_LINE = 120;

/** Report formulae and headings: never chrome, however often they repeat. */
const REPORT_FORM = /(?:政府工作报告|各位代表|我代表|工作回顾|工作安排|总体要求|主要任务|自身建设|预期目标|^[一二三四五六七八九十]{1,3}、|^[((][一二三四五六七八九十]{1,3}[))]|^\d{4}年)/u;

export function isChromeLine(line: string): boolean {
  if (line === '') return false;
  if (CHROME_LINE.test(line)) return true;
  if (line.length <= SHORT_LINE && CHROME_ANYWHERE.test(line)) return true;
  return isContentless(line);
}

/**
 * A line that opens a list of related headlines (相关文档:, 延伸阅读, 推荐阅读):
 * the short lines after it are the list, up to the next sentence.
 */
const RELATED_MARKER = /^[【\[★☆●◆■>》\s]*(?:相关(?:文档|阅读|文章|新闻|推荐|链接|报道|专题|稿件|内容|文件|资讯)|延伸阅读|推荐阅读|扩展阅读|热点推荐|热门推荐|热门文章|热点新闻|猜你喜欢|往期回顾|更多(?:阅读|新闻|报道|精彩)|点击排行|阅读排行|热文排行)[】\]★☆\s]*[::]?[】\]]?\s*$/u;
export function isRelatedMarker(line: string): boolean {
  return RELATED_MARKER.test(line);
}

export function isFooterMarker(line: string): boolean {
  return FOOTER_MARKER.test(line);
}

/** Could this line be report text? Sentences and report formulae are protected from repetition rules. */
export function looksLikeReportText(line: string): boolean {
  if (REPORT_FORM.test(line) || isSpeakerLine(line)) return true;
  return line.length >= 20 && /[。;!?]/u.test(line);
}

/** URLs inside a longer line are removed, the rest of the line kept. */
export function stripInlineChrome(line: string): string {
  return line.replace(INLINE_URL, '').replace(/\s{2,}/g, ' ').trim();
}
const INLINE_URL = /(?:https?:\/\/|www\.)[\w\-./?%&=#:~+]+/giu;

/**
 * stripInlineChrome for a normalised line (normalizeLine: single spaces,
 * trimmed): without a URL there is nothing to collapse or trim, and the
 * line comes back as it is without two more passes over it.
 */
export function stripInlineChromeNormalized(line: string): string {
  const cut = line.replace(INLINE_URL, '');
  return cut === line ? line : cut.replace(/\s{2,}/g, ' ').trim();
}

/** Lines that count for repetition: short enough to be template text. */
export function repetitionKey(line: string): string | undefined {
  if (line.length < 2 || line.length > SHORT_LINE) return undefined;
  return line;
}

/**
 * Lines of the site template: found in at least `minFiles` input files, or at
 * least `minRepeats` times within one file, and not of report form.
 * `linesByFile` holds each file's normalised lines.
 */
export function repeatedChrome(linesByFile: readonly (readonly string[])[], minFiles: number, minRepeats: number): Set<string> {
  const fileCount = new Map<string, number>();
  const chrome = new Set<string>();
  for (const lines of linesByFile) {
    const inFile = new Map<string, number>();
    for (const line of lines) {
      const key = repetitionKey(line);
      if (key !== undefined) inFile.set(key, (inFile.get(key) ?? 0) + 1);
    }
    for (const [key, n] of inFile) {
      fileCount.set(key, (fileCount.get(key) ?? 0) + 1);
      if (n >= minRepeats && !looksLikeReportText(key)) chrome.add(key);
    }
  }
  if (linesByFile.length >= 2) {
    for (const [key, n] of fileCount) if (n >= minFiles && !looksLikeReportText(key)) chrome.add(key);
  }
  return chrome;
}
