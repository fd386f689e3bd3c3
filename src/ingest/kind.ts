/**
 * Is a document a government work report, or something else found beside
 * one (kind=other): a resolution approving the report (…关于政府工作报告的决议),
 * commentary and news about it (代表委员热议政府工作报告, 解读, 图解), or a
 * list of related headlines that happens to name the report?
 *
 * A report says so in its own words: the address (各位代表, 我代表…人民政府/国务院)
 * or a report title over a long text of sentences. A title of another genre
 * about the report (决议, 热议, 解读 …) is never a report, whatever it holds.
 */

/** Genres that write about a report, in a title. */
const ABOUT_REPORT = /决议|决定|热议|解读|评论|述评|点评|评述|答记者问|答问|问答|图解|一图|读懂|亮点|看点|关键词|要点|速览|数读|数说|直播|实录|访谈|对话|学习|心得|体会|座谈|讨论|审议|报道|综述|新闻|侧记|花絮|视频|专家|代表委员|网友|评说|聚焦|金句|热词|词典|对比|解码|划重点|新提法|新表述|说了啥|说了什么|透露/u;
/** The address of a report to the congress. */
const ADDRESS = /各位代表|我代表.{0,20}(?:人民政府|国务院)|受.{0,12}(?:人民政府|国务院)(?:的)?委托/u;
/** A resolution or a news item on the report: the congress "heard and examined" it. */
const HEARD = /听取(?:和|并)?审议了?/u;
const REPORT_TITLE = /工作报告/u;

/** Characters in paragraphs that hold a sentence (a list of headlines has none). */
function sentenceChars(paragraphs: readonly string[]): number {
  let n = 0;
  for (const p of paragraphs) if (/[。!?;]/u.test(p)) n += p.length;
  return n;
}

/**
 * Is this document a report? `title` is its title line ('' when none),
 * `paragraphs` its text.
 *
 * @example isReport('代表委员热议政府工作报告', ['3月5日,…']) // false
 */
export function isReport(title: string, paragraphs: readonly string[]): boolean {
  if (ABOUT_REPORT.test(title)) return false;
  const head = paragraphs.slice(0, 12).join('').slice(0, 3000);
  if (ADDRESS.test(head)) return true;
  if (HEARD.test(head)) return false;
  return REPORT_TITLE.test(title) && sentenceChars(paragraphs) >= 2000;
}
