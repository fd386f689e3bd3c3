import { isChromeLine, isFooterMarker, isRelatedMarker, stripInlineChromeNormalized } from './boilerplate.js';
import { endsParagraph } from './paragraphs.js';

/**
 * Finds the documents in one whole-file record. A list page holds several
 * reports (and news items) one after another, each under a title line; a
 * report file holds one, under a title or none.
 */

/** A stretch of lines that makes one document, with its title line when it had one. */
export interface Segment {
  title: string;
  lines: string[];
  /** 1-based line of the title (or first line) in the record. */
  line: number;
}

const BULLET = /^[•·▪◦‣∙*\-–]\s*/u;
const BULLET_FIRST = new Set([...'•·▪◦‣∙*-–'].map((c) => c.charCodeAt(0)));
const SITE_TAG = /^[【\[][^】\]]{1,20}[】\]]\s*/u;
const REPORT_TITLE = /政府工作报告|政府工作的报告|人民政府工作报告/u;
const OPENING_CUE = /各位代表|人民代表大会|人大.{0,8}会议|\d{4}年\d{1,2}月\d{1,2}日/u;

/** A title as users want it: list bullets and site tags (【闻喜县招商】) removed. */
export function cleanTitle(line: string): string {
  return line.replace(BULLET, '').replace(SITE_TAG, '').trim();
}

interface Line {
  text: string;
  bullet: boolean;
}

export interface SplitOptions {
  /** A segment with fewer characters than this does not become a document on its own. */
  minDocChars: number;
  /** Template lines of the site (see boilerplate.repeatedChrome). */
  repeated: ReadonlySet<string>;
}

function isTitleCandidate(lines: readonly Line[], i: number): boolean {
  const { text, bullet } = lines[i]!;
  if (text.length === 0 || text.length > 80 || endsParagraph(text) || /^(?:关于|《)/u.test(text) || isChromeLine(text)) return false;
  if (REPORT_TITLE.test(text)) return true;
  // A list item: a bulleted short line over a long body.
  if (!bullet) return false;
  const next = lines.slice(i + 1).find((l) => l.text !== '');
  return next !== undefined && next.text.length >= 500;
}

/** Does a new document plausibly start here (not a mention of the report inside another)? */
function opensDocument(lines: readonly Line[], i: number): boolean {
  if (lines[i]!.bullet) return true;
  let ahead = '';
  for (let j = i + 1; j < lines.length && ahead.length < 600; j++) ahead += lines[j]!.text;
  return OPENING_CUE.test(ahead.slice(0, 600));
}

/** Splits a record's normalised lines (normalizeLine) into segments, dropping chrome and footers. */
export function splitSegments(rawLines: readonly string[], opts: SplitOptions): Segment[] {
  // BULLET is tried only on lines that open with one of its characters.
  const lines: Line[] = rawLines.map((l) => (BULLET_FIRST.has(l.charCodeAt(0)) ? { text: l.replace(BULLET, ''), bullet: BULLET.test(l) } : { text: l, bullet: false }));
  const segments: Segment[] = [];
  let cur: Segment = { title: '', lines: [], line: 1 };
  let curChars = 0;
  let inFooter = false;
  let inRelated = false;
  // A short segment so far: how many of its lines were headlines (title candidates), and did any hold a sentence?
  let headlines = 0;
  let sentences = false;
  /**
   * Under a short segment, a title followed by text opens a new document
   * when the segment is a list of headlines (2016年政府工作报告全文 / 图解… /
   * 解读…, then the report's own title), or a short text of its own (a
   * resolution, then a commentary) and the new one opens like a document.
   */
  const shortDocEnds = (ls: readonly Line[], i: number): boolean => {
    const next = ls.slice(i + 1).find((x) => x.text !== '');
    if (!next || isTitleCandidate(ls, ls.indexOf(next))) return false;
    const onlyHeadlines = headlines > 0 && !sentences && cur.lines.length === headlines + 1;
    return onlyHeadlines || (sentences && opensDocument(ls, i));
  };
  const flush = () => {
    if (curChars >= opts.minDocChars || (cur.title !== '' && curChars > 0)) segments.push(cur);
  };
  lines.forEach((l, i) => {
    const text = l.text;
    if (text === '') return;
    const candidate = isTitleCandidate(lines, i);
    if (candidate && (curChars < opts.minDocChars ? cur.title === '' || shortDocEnds(lines, i) : opensDocument(lines, i))) {
      // A short preamble before the first title (a breadcrumb, a site name) is dropped by flush().
      flush();
      cur = { title: cleanTitle(text), lines: [cleanTitle(text)], line: i + 1 };
      curChars = 0;
      headlines = 0;
      sentences = false;
      inFooter = false;
      inRelated = false;
      return;
    }
    if (inFooter) return;
    if (isFooterMarker(text)) {
      inFooter = true;
      return;
    }
    // A related-headlines list runs until the next line that says something.
    if (inRelated && (text.length < 20 || !/[。!?;]/u.test(text))) return;
    inRelated = false;
    if (isRelatedMarker(text)) {
      inRelated = true;
      return;
    }
    if (isChromeLine(text) || opts.repeated.has(text)) return;
    const kept = stripInlineChromeNormalized(text);
    if (kept === '') return;
    cur.lines.push(kept);
    curChars += kept.length;
    if (candidate) headlines++;
    if (/[。!?;]/u.test(kept)) sentences = true;
  });
  flush();
  // A short text with no title is still one document.
  if (segments.length === 0 && curChars > 0) segments.push(cur);
  return segments;
}
