/**
 * The speaker of a report from the lines around its meeting line. Layouts
 * seen in scraped reports: the name after the meeting line on the same line
 * (…会议上 县长 张三), on a line of its own (国务院总理 温家宝, 国务院副总理兼国家
 * 计划委员会主任李富春), with separators between the characters (县;长;魏;栋),
 * or before the meeting line. A line that holds 代表 (各位代表, a typo 名位代表)
 * or a sentence is never a speaker line.
 */

/** Offices a speaker line names before the name; the last one in the line ends the office. */
export const OFFICE =
  '(?:总理|省长|市长|州长|盟长|县长|区长|旗长|镇长|乡长|主席|主任|部长|委员|书记|局长|厅长|行长|署长|秘书长|专员|司长)';

const SEPARATORS = /[\s;;,,、·・:：|/\\()（）【】\[\]—\-_]+/gu;
const WITH_OFFICE = new RegExp(`^(.*${OFFICE})(\\p{Script=Han}{2,8})$`, 'u');
const NOT_NAME = /代表|报告|会议|政府|目录|摘要|全文|人民|工作|全国|中国|同志/u;

/** Letters of a short line with separators removed; '' when the line is a sentence or too long. */
function compact(line: string): string {
  if (line.length > 60 || /[。!?!?]/u.test(line)) return '';
  return line.replace(SEPARATORS, '');
}

/**
 * The name on a speaker line that states an office (国务院总理 温家宝 -> 温家宝);
 * '' when the line is not of that form.
 *
 * @example nameAfterOffice('国务委员兼国家计划委员会主任邹家华') // '邹家华'
 */
export function nameAfterOffice(line: string): string {
  const s = compact(line);
  if (s === '' || /代表/u.test(s)) return '';
  const m = WITH_OFFICE.exec(s);
  if (!m) return '';
  const name = m[2]!;
  return NOT_NAME.test(name) ? '' : name;
}

/** A bare name (2-4 Han characters) on a line of its own, with no office: only trusted right after the meeting line. */
export function bareName(line: string): string {
  const s = compact(line);
  if (!/^\p{Script=Han}{2,4}$/u.test(s) || NOT_NAME.test(s)) return '';
  return s;
}

/** Is this a speaker line (office + name)? Such lines are report text, never site chrome. */
export function isSpeakerLine(line: string): boolean {
  return line.length <= 40 && nameAfterOffice(line) !== '';
}

/**
 * The speaker from the paragraphs around the meeting line: `after` is the
 * text after 会议上 on the meeting line, `next` the paragraphs that follow it
 * (up to 各位代表 or the first sentence), `before` the paragraphs between the
 * title and the meeting line.
 */
export function findSpeaker(after: string, next: readonly string[], before: readonly string[]): string {
  const rest = after.split(/各位代表|名位代表|现在,/u)[0] ?? '';
  const same = nameAfterOffice(rest) || bareName(rest);
  if (same) return same;
  for (const [i, p] of next.slice(0, 3).entries()) {
    if (/代表|[。!?]/u.test(p) || p.length > 60) break;
    const n = nameAfterOffice(p) || (i === 0 ? bareName(p) : '');
    if (n) return n;
  }
  for (const p of before) {
    const n = nameAfterOffice(p);
    if (n) return n;
  }
  return '';
}
