/**
 * From a document's cleaned lines to paragraphs.
 *
 * Scraped text comes in three shapes, often mixed: one paragraph per line;
 * hard-wrapped lines (a sentence broken across lines, sometimes with blank
 * lines between the pieces); and run-on lines (a whole report on one line,
 * its paragraphs separated only by a space). Paragraphs are rebuilt from all
 * three, and headings glued to their first sentence are cut free.
 */

/** Ends a paragraph: sentence-final punctuation, a colon, a dash lead-in, or a closing quote/bracket after one. */
const PARAGRAPH_END = /(?:[。!?;:…]|——|[。!?;][”’"')】」』])$/u;

/** Opens a heading or enumerated paragraph. */
const MARKER = /^(?:[一二三四五六七八九十]{1,3}、|[((][一二三四五六七八九十\d]{1,3}[))]|第[一二三四五六七八九十]{1,3}[,、部]|[●◆■▲★☆◇○►▶]|\d{1,2}[.、](?!\d))/u;

/** Top-level section headings often run straight into their first sentence in run-on text. */
const GLUED_HEADING = /^([一二三四五六七八九十]{1,3}、[^,,。;:!?]{2,30}(?:工作回顾|工作安排|工作任务|总体要求|主要任务|目标任务|重点工作|预期目标|自身建设|政策取向|工作建议|总体思路|指导思想|发展目标|主要工作))(?=[^,,、。;:)”])/u;

export interface ParagraphOptions {
  /** A line at least this long that does not end a sentence continues on the next line (hard wrap). */
  wrapMinChars: number;
  /** Paragraphs longer than this are cut at sentence ends (guards against unsegmented text). */
  maxParagraphChars: number;
}

export const endsParagraph = (line: string): boolean => PARAGRAPH_END.test(line);

/** A line that holds only an enumeration marker (一、 / (六) / 第三部分): its heading text is on the next line. */
const BARE_MARKER = /^(?:[一二三四五六七八九十]{1,3}[、.]|[((][一二三四五六七八九十\d]{1,3}[))]|第[一二三四五六七八九十]{1,3}(?:部分|章|节)?)$/u;
export const isBareMarker = (line: string): boolean => BARE_MARKER.test(line);
export const startsWithMarker = (line: string): boolean => MARKER.test(line);

/**
 * The width at which a text was hard-wrapped, if it was: the most common
 * length of lines that stop mid-sentence, when enough lines share it.
 */
export function detectWrapWidth(lines: readonly string[]): number | undefined {
  const counts = new Map<number, number>();
  let open = 0;
  for (const line of lines) {
    if (line.length < 15 || endsParagraph(line)) continue;
    open++;
    counts.set(line.length, (counts.get(line.length) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [len, n] of counts) {
    // Allow a wrap column that wobbles by one character (a half-width digit or letter).
    const near = n + (counts.get(len - 1) ?? 0) + (counts.get(len + 1) ?? 0);
    if (near > bestCount || (near === bestCount && best !== undefined && len > best)) {
      best = len;
      bestCount = near;
    }
  }
  if (best === undefined || bestCount < 5 || bestCount < open * 0.3) return undefined;
  // The wrap column is the longest line length: headings that happen to share a length are not a wrap.
  const longer = lines.filter((l) => l.length > best + 1).length;
  const nonEmpty = lines.filter((l) => l !== '').length;
  if (longer > nonEmpty * 0.05) return undefined;
  return best;
}

/** Joins hard-wrapped lines; blank lines between the pieces of one wrapped sentence are ignored. */
export function joinWrappedLines(lines: readonly string[], opts: ParagraphOptions): string[] {
  const width = detectWrapWidth(lines);
  const threshold = width === undefined ? opts.wrapMinChars : Math.min(opts.wrapMinChars, width - 2);
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    if (line === '') continue;
    if (current === '') {
      current = line;
      continue;
    }
    const continues = isBareMarker(current) || (!endsParagraph(current) && current.length >= threshold && !startsWithMarker(line));
    if (continues) current = joinPieces(current, line);
    else {
      out.push(current);
      current = line;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

/** Latin words keep a space between them when rejoined; Chinese and numbers cut by the wrap column do not (20|22年 -> 2022年). */
function joinPieces(a: string, b: string): string {
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

/**
 * Splits a run-on line at the spaces that stand between paragraphs: after a
 * sentence end or colon, or before an enumeration marker; also before
 * 各位代表 when the opening (date, meeting, speaker) is glued to it.
 */
export function splitRunOn(line: string): string[] {
  const parts: string[] = [];
  let start = 0;
  const re = / /g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const before = line.slice(Math.max(start, m.index - 2), m.index);
    const after = line.slice(m.index + 1, m.index + 8);
    const piece = line.slice(start, m.index);
    // "一、“十三五”发展回顾和2020年工作 过去五年,…": a numbered heading ends at the space.
    // Not inside spaced digits (二、关于1 9 9 8 年), nor right after a bare marker (一、 过去五年工作回顾).
    const headingEnds =
      startsWithMarker(piece) && piece.length <= 40 && !/[。;!?,,]/u.test(piece) && !(/\d$/u.test(piece) && /^[\d年月日%]/u.test(after)) && !isBareMarker(piece.trim());
    if (endsParagraph(before) || headingEnds || startsWithMarker(after) || /^各位代表/.test(after)) {
      const head = piece.trim();
      if (head) parts.push(head);
      start = m.index + 1;
    }
  }
  const rest = line.slice(start).trim();
  if (rest) parts.push(rest);
  return parts.flatMap(splitGluedOpening).flatMap(splitGluedHeading);
}

/** "…会议上县长;史玉江各位代表:现在,…" -> the opening, then 各位代表:… */
function splitGluedOpening(p: string): string[] {
  const i = p.search(/各位代表[:!,,]/u);
  if (i <= 0 || i > 120) return [p];
  return [p.slice(0, i).trim(), p.slice(i)].filter(Boolean);
}

/** "一、2022年工作回顾2022年是…" -> the heading, then the sentence. */
export function splitGluedHeading(p: string): string[] {
  // A paragraph that is all heading stays whole (一、…指导思想和目标任务).
  if (p.length <= 40 && !/[。;!?,,]/u.test(p)) return [p];
  const m = GLUED_HEADING.exec(p);
  if (!m || !m[1] || m[1].length === p.length) return [p];
  return [m[1], p.slice(m[1].length).trim()];
}

/** Cuts an over-long paragraph at sentence ends into pieces no longer than `max` where possible. */
export function capParagraph(p: string, max: number): string[] {
  if (p.length <= max) return [p];
  const out: string[] = [];
  let rest = p;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('。'), window.lastIndexOf('!'), window.lastIndexOf('?'), window.lastIndexOf(';'));
    cut = cut < max / 4 ? max : cut + 1; // no sentence end: cut hard rather than keep a 5-million-character line
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) out.push(rest);
  return out;
}

/** Lines of one document (chrome already removed) -> paragraphs. */
export function toParagraphs(lines: readonly string[], opts: ParagraphOptions): string[] {
  const joined = joinWrappedLines(lines, opts);
  const out: string[] = [];
  for (const line of joined) {
    for (const p of splitRunOn(line)) for (const piece of capParagraph(p, opts.maxParagraphChars)) out.push(piece);
  }
  return out;
}
