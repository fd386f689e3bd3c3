import { countPlaceNames, loadGazetteer } from './gazetteer.js';
import { isSpeakerLine } from './speaker.js';

/**
 * "A line with no sentence content": the judgement that catches site chrome
 * found in one file only, where repetition across files cannot help
 * (a font-size toolbar broken over lines 【 / 小 / 中 / 大 / 】, a lone | or
 * ×, 》》点击图片进入专题《《, breadcrumbs, hash ids, photo credits).
 *
 * Such a line is short, has no sentence punctuation, and once the words of
 * web interfaces (首页, 打印, 分享到, 字号 …), symbols, numbers, ids, links
 * and place or site names are taken away, next to nothing is left. Report
 * headings (一、…, (一)…, 第一部分), the address (各位代表:), the meeting
 * line and the speaker line are never judged chrome.
 */

/** Words of web pages' interfaces: navigation, toolbars, share bars, comment boxes, page info. */
const INTERFACE_WORDS = [
  // navigation and location
  '当前位置', '当前页', '您的位置', '您现在的位置', '你现在的位置', '你的位置', '所在位置', '位置', '首页', '主页', '网站首页', '返回首页', '返回顶部', '回到顶部', '顶部', '返回', '导航', '菜单', '栏目', '频道', '网站地图', '站点地图',
  '政务公开', '信息公开', '政府信息公开', '政务服务', '新闻中心', '新闻', '要闻', '时政', '正文', '政府文件', '文件', '专题专栏', '专题', '专栏', '互动', '服务', '政务', '资讯', '动态', '图片', '视频', '图解', '解读', '直播', '访谈', '公告', '通知',
  // toolbars
  '字号', '字体', '大字', '小字', '默认', '放大', '缩小', '大', '中', '小', '打印', '打印本页', '打印正文', '关闭', '关闭窗口', '关闭本页', '收藏', '加入收藏', '收藏本页', '设为首页', '纠错', '我要纠错', '视力保护色', '护眼', '无障碍', '长者模式', '关怀版', '繁体', '繁體', '简体', '繁', '简', '下载', '附件', '全屏', '保存',
  // sharing
  '分享', '分享到', '转发', '转发到', '微信', '微博', '朋友圈', '空间', '新浪微博', '腾讯微博', '豆瓣', '复制链接', '链接', '二维码', '扫一扫', '扫码', '关注', '公众号', '订阅', '手机', '手机版', '手机打开', '在手机打开', '移动端', '客户端', '官方', '官网', '点赞', '赞', '踩',
  // page info
  '来源', '信息来源', '稿源', '发布', '发布时间', '发布日期', '发布机构', '时间', '日期', '作者', '编辑', '责任编辑', '责编', '审核', '校对', '浏览', '浏览次数', '浏览量', '阅读', '阅读次数', '阅读量', '阅读全文', '全文', '点击', '点击数', '点击量', '点击排行', '排行', '访问量', '次', '索引号', '文号', '主题分类', '分类', '所属机构', '成文日期', '有效性', '第', '版', '期', '页',
  // lists and paging
  '相关', '相关文档', '相关新闻', '相关阅读', '相关链接', '相关文章', '相关报道', '推荐', '推荐阅读', '延伸阅读', '热点', '热点推荐', '热门', '更多', '查看', '查看更多', '详情', '进入', '进入专题', '上一篇', '下一篇', '上一页', '下一页', '尾页', '共', '条',
  // comments and accounts
  '评论', '发表评论', '我要评论', '网友评论', '留言', '我要留言', '网友', '已有', '人参与', '参与', '登录', '注册', '退出', '用户名', '密码', '匿名', '匿名发表', '发表', '提交', '重置', '确定', '取消', '验证码', '搜索', '检索', '高级检索', '请输入', '关键词', '关键字',
  // footers
  '版权所有', '版权', '声明', '免责声明', '隐私', '联系我们', '关于我们', '使用帮助', '帮助', '主办', '承办', '协办', '技术支持', '运行维护', '维护', '单位', '网站', '本站', '本网', '网站标识码', '标识码', '备案', '备案号', '邮编', '地址', '电话', '传真', '邮箱', '热线',
  // sites, media and photo credits
  '门户网站', '人民政府', '政府网', '中国政府网', '人民网', '新华网', '新华社', '央视网', '央视', '人民日报', '日报', '晚报', '网', '记者', '摄', '摄影', '通讯员', '供图', '图', '发',
];

const TOKENS = new RegExp([...new Set(INTERFACE_WORDS)].sort((a, b) => b.length - a.length).join('|'), 'gu');

/** Report forms that are never chrome, however short. */
const REPORT_LINE = /^(?:[一二三四五六七八九十]{1,3}[、.]|[((][一二三四五六七八九十\d]{1,3}[))]|第[一二三四五六七八九十]{1,3}(?:部分|章|节)|各位代表|名位代表)|会议上|工作报告$|^\d{4}年.{0,20}工作报告/u;
/** Sentence punctuation: a line with it says something. */
const SENTENCE = /[。!?;!?;]/u;
/** Separators of breadcrumbs and menus. */
const CRUMB = /\s*(?:>>?|»|›|→|\/|\||\\|>)\s*/gu;
const BREADCRUMB_LEAD = /^(?:当前位置|您的位置|您现在的位置|你现在的位置|你的位置|所在位置|位置)\s*[::]/u;
/** 记者 王鼎 摄, (新华社记者 李学仁 摄), 图片来源:新华网. */
const PHOTO_CREDIT = /^[((]?(?:[\p{Script=Han}]{0,8}(?:记者|通讯员|摄影)\s*[\p{Script=Han}·\s、,]{2,20}\s*(?:摄|报道|发)|(?:图片来源|图片|摄影|供图|图|摄)\s*[::/／].{1,24})[))]?$/u;
/** Hash-like ids: 16+ hex or alphanumeric characters with digits and letters mixed. */
const HASH_ID = /[0-9a-f]{16,}|(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{12,}/giu;
const LABELLED = /^[((【\[]?\s*(\p{Script=Han}{2,6})\s*[::]\s*[^。!?;]{0,24}?[))】\]]?$/u;
const DATE = /\d{2,4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月\s*\d{1,2}\s*日/gu;
const DATE_ONLY = /^[((]?\d{4}年\d{1,2}月\d{1,2}日[))]?$/u;
const URL = /(?:https?:\/\/|www\.)[\w\-./?%&=#:~+]+/giu;

/** Han characters left in a line once interface words, places, ids, links, numbers and symbols are taken away. */
export function contentLeft(line: string): { han: number; left: string } {
  const han = (line.match(/\p{Script=Han}/gu) ?? []).length;
  let s = line.replace(URL, ' ').replace(HASH_ID, ' ').replace(DATE, ' ');
  const gaz = loadGazetteer();
  for (const name of countPlaceNames(s, gaz).keys()) s = s.split(name).join(' ');
  s = s.replace(TOKENS, ' ');
  const left = (s.match(/\p{Script=Han}/gu) ?? []).join('');
  return { han, left };
}

/** Longest line judged by content: longer lines are text or caught by other rules. */
export const CHROME_MAX_CHARS = 40;

/**
 * Does this (normalised) line have no sentence content? True for short
 * lines without sentence punctuation that are symbols only, breadcrumbs,
 * photo credits, ids, or interface words with at most one other character
 * (or a quarter of the Han characters, up to three).
 *
 * @example isContentless('当前位置:首页 > 政务公开 > 政府工作报告') // true
 * @example isContentless('一、2016年工作回顾') // false
 */
export function isContentless(line: string): boolean {
  if (line === '' || line.length > CHROME_MAX_CHARS) return false;
  if (REPORT_LINE.test(line) || isSpeakerLine(line)) return BREADCRUMB_LEAD.test(line) || crumbs(line) >= 2;
  if (PHOTO_CREDIT.test(line)) return true;
  if (SENTENCE.test(line)) return false;
  if (!/[\p{L}\p{N}]/u.test(line)) return true; // 【 】 | × 》》 ——
  if (BREADCRUMB_LEAD.test(line) || crumbs(line) >= 2) return true;
  // A labelled page field whose label is interface words: (责编:王某、李某), 作者:张三, 来源:某某网.
  const field = LABELLED.exec(line);
  if (field && field[1]!.replace(TOKENS, '') === '') return true;
  const { han, left } = contentLeft(line);
  // No Han at all: numbers, ids, times, Latin menu words; an English sentence of five words or more is kept.
  if (han === 0) return (line.match(/[A-Za-z]{2,}/gu) ?? []).length < 5;
  if (DATE_ONLY.test(line)) return false; // a date line of the opening: metadata reads it
  return left.length === 0 || (left.length <= 3 && left.length * 4 <= han);
}

/** Number of breadcrumb separators between short items (首页 > 政务公开 > 报告). */
function crumbs(line: string): number {
  const items = line.split(CRUMB).filter((x) => x !== '');
  if (items.length < 3 || items.some((x) => x.length > 20)) return 0;
  return items.length - 1;
}
