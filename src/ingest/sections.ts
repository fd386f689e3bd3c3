import { isSpeakerLine } from './speaker.js';
import type { Section, SectionKind } from '../artifacts/corpus.js';

/**
 * Sections of a report: review (what was done: 上年/过去五年工作回顾), plan
 * (what is to be done: 今年工作安排, 总体要求, 主要任务) and other (the opening,
 * 政府自身建设, foreign affairs ...).
 *
 * A section starts at a top-level heading: a short paragraph numbered 一、
 * 二、… or an unnumbered short paragraph that names a section (过去五年的回顾,
 * 今后五年的主要任务). Sub-headings ((一) …) do not start sections.
 *
 * The kind comes from three kinds of evidence, because headings are often
 * figurative (一年接着一年干，新福建建设持续取得新进展新成效) or name a topic
 * only (打好四个现代化的第一个战役):
 * 1. heading words (回顾, 成就 / 任务, 安排, 今年 / 自身建设, 外交);
 * 2. the tense of the section's text: a review tells what was done (了, 取得,
 *    比上年), a plan what is to be done (要, 必须, 今年, 力争);
 * 3. order: reports review first, then plan, then turn to the government's
 *    own work, so after a plan section only a heading that says so (回顾)
 *    starts a review again.
 */

/** Heading words of sections that are neither review nor plan. */
const OTHER_HEAD = /自身建设|人民满意(?:的)?政府|政府建设|政风|廉政|外交|对外政策|国际形势|国际关系|和平统一|统一大业|港澳|台湾/u;
/** Heading words of a review of past work. */
const REVIEW_HEAD = /回顾|过去(?:一|五|的)?年|成就|成绩|工作总结|基本总结|上年工作|[一二三四五六七八九十几多]年来|去年|执行情况|取得|进展|胜利/u;
/** Heading words of a plan for the coming year(s). */
const PLAN_HEAD = /工作安排|总体要求|主要任务|预期目标|重点工作|工作任务|总体思路|目标任务|政策取向|工作建议|总体部署|今年|今后|明年|未来|任务|安排|部署|建议|目标|方针|措施|打算|计划(?:草案|安排)/u;

const NUMBERED = /^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)/u;
/** Sub-headings and list items: never top-level. */
const SUB = /^(?:[((][一二三四五六七八九十\d]{1,3}[))]|\d{1,2}[.、]|第[一二三四五六七八九十]{1,3}[,、])/u;

/** Past-tense cues of a review (what was done). */
const PAST = /了|取得|完成|实现|比上年|比去年|一年来|五年来|过去|去年|上年|已经|初步|显著|明显|得到/gu;
/** Future and imperative cues of a plan (what is to be done). */
const FUTURE = /要|必须|今年|明年|今后|将|力争|预期|着力|抓好|应当|应该|计划|拟|争取|努力|务必|确保/gu;

/** Kind named by a heading's words; 'both' when it names review and plan (1998年工作回顾和1999年工作的总体要求). */
export function headingKind(heading: string): SectionKind | 'both' | undefined {
  if (OTHER_HEAD.test(heading) && !REVIEW_HEAD.test(heading)) return 'other';
  const review = REVIEW_HEAD.test(heading);
  const plan = PLAN_HEAD.test(heading);
  if (review && plan) return 'both';
  if (review) return 'review';
  if (plan) return 'plan';
  return undefined;
}

/**
 * Tense of a stretch of text: log((past + 1) / (future + 1)) over its cues,
 * > 0 when it tells mostly what was done, < 0 when mostly what is to be done.
 */
export function tenseScore(text: string): number {
  const past = text.match(PAST)?.length ?? 0;
  const future = text.match(FUTURE)?.length ?? 0;
  return Math.log((past + 1) / (future + 1));
}

/** Is this paragraph a top-level heading, and of which kind by its words? */
export function topLevelHeading(p: string): { kind: SectionKind | 'both' | undefined } | undefined {
  if (p.length > 50 || /[。;!?:]/u.test(p) || /工作报告|的报告$/u.test(p) || SUB.test(p)) return undefined;
  const kind = headingKind(p);
  if (NUMBERED.test(p) || BARE_NUMERAL.test(p)) return { kind };
  // Unnumbered: short and naming a section (今后五年的主要任务), not a topic line inside one.
  return kind && p.length <= 30 && !/[,,]/u.test(p) ? { kind } : undefined;
}

/** 一 / 二 alone on a line: a section number whose heading is the number itself. */
const BARE_NUMERAL = /^[一二三四五六七八九十]{1,3}$/u;
/** (一) headings: top-level in a report that has no 一、 headings. */
const PAREN = /^[((][一二三四五六七八九十]{1,3}[))]/u;
/** A short line that reads as a heading when a report marks none: no punctuation but quotes, book marks and 、. */
const PLAIN_HEADING = /^(?![●◆■▲★☆◇○►▶•·\-—])[^,,。;;:!?!?()()]{4,30}(?<![—\-:])$/u;

/**
 * Where the opening ends: the meeting line (——2023年…会议上) or the speaker
 * line after it, when the first paragraphs hold one; else the title. Title,
 * subtitle, meeting line and speaker are never section headings.
 */
function openingEnd(paragraphs: readonly string[]): number {
  let end = 0;
  paragraphs.slice(0, 8).forEach((p, i) => {
    if (p.length <= 80 && /\d{1,2}日.{0,40}(?:会议|大会)上|^[—\-]{1,2}\s*\d/u.test(p)) end = i;
  });
  if (end > 0 && isSpeakerLine(paragraphs[end + 1] ?? '')) end++;
  // The address: 各位代表, and the sentence that presents the report (我代表国务院…请予审议).
  for (let k = 0; k < 3 && end + 1 < paragraphs.length; k++) {
    const p = paragraphs[end + 1]!;
    if (!/^各位代表|我代表|受.{0,12}委托|向大会|请予?审议/u.test(p) || p.length > 300) break;
    end++;
  }
  return end;
}

/**
 * Paragraph indexes (0-based) of top-level headings after the opening. A
 * report marks its top level with 一、 (lines naming a section, 过去五年的
 * 回顾, count too), else with lines naming a section, else with (一), else
 * with short plain lines between text (关于国内建设).
 */
export function headingIndexes(paragraphs: readonly string[]): number[] {
  const from = openingEnd(paragraphs) + 1;
  const body = paragraphs.map((p, i) => ({ p, i })).slice(from);
  const named = body.filter(({ p }) => topLevelHeading(p) !== undefined);
  if (named.some(({ p }) => NUMBERED.test(p) || BARE_NUMERAL.test(p))) return named.map(({ i }) => i);
  const paren = body.filter(({ p }) => PAREN.test(p) && p.length <= 40 && !/[。;!?]/u.test(p));
  if (named.length === 0 && paren.length >= 2) return paren.map(({ i }) => i);
  // Short plain lines between text (把揭批“四人帮”的斗争进行到底), with or beside lines that name a section.
  const plain = body.filter(({ p, i }) => PLAIN_HEADING.test(p) && !/各位代表|代表$/u.test(p) && (paragraphs[i + 1]?.length ?? 0) > 60);
  return [...new Set([...named, ...plain].map(({ i }) => i))].sort((a, b) => a - b);
}

/** A stretch of text with no headings, cut where its tense turns (review -> plan), in runs of at least `minRun` paragraphs. */
function tenseRuns(paragraphs: readonly string[], first: number, last: number, minRun = 3): { first: number; last: number; kind: SectionKind }[] {
  const scores = paragraphs.slice(first, last + 1).map(tenseScore);
  const runs: { first: number; last: number; kind: SectionKind }[] = [];
  scores.forEach((_, k) => {
    const window = scores.slice(Math.max(0, k - 1), k + 2);
    const kind: SectionKind = window.reduce((a, b) => a + b, 0) > 0 ? 'review' : 'plan';
    const prev = runs[runs.length - 1];
    if (prev && prev.kind === kind) prev.last = first + k;
    else runs.push({ first: first + k, last: first + k, kind });
  });
  // Short runs join the run before them.
  const merged: typeof runs = [];
  for (const r of runs) {
    const prev = merged[merged.length - 1];
    if (prev && (r.last - r.first + 1 < minRun || prev.kind === r.kind)) prev.last = r.last;
    else merged.push({ ...r });
  }
  return merged;
}

/** Sections covering every paragraph of a document, in order. */
export function findSections(paragraphs: readonly string[]): Section[] {
  if (paragraphs.length === 0) return [];
  const chars = (a: number, b: number) => paragraphs.slice(a, b + 1).reduce((n, p) => n + p.length, 0);
  const opening = openingEnd(paragraphs);
  const heads = headingIndexes(paragraphs);
  const out: Section[] = [];
  const push = (kind: SectionKind, heading: string, a: number, b: number) => out.push({ kind, heading, first_paragraph: a + 1, last_paragraph: b + 1, chars: chars(a, b) });

  // The opening is other; text between it and the first heading (or the whole body of a report without headings) goes by its tense.
  const bodyEnd = heads.length > 0 ? heads[0]! - 1 : paragraphs.length - 1;
  if (bodyEnd - opening >= 3) {
    push('other', '', 0, opening);
    for (const r of tenseRuns(paragraphs, opening + 1, bodyEnd)) push(r.kind, '', r.first, r.last);
  } else push('other', '', 0, bodyEnd);

  let seenPlan = out.some((s) => s.kind === 'plan');
  heads.forEach((h, k) => {
    const end = k + 1 < heads.length ? heads[k + 1]! - 1 : paragraphs.length - 1;
    const named = headingKind(paragraphs[h]!);
    let kind: SectionKind;
    if (named === 'other' || named === 'review' || named === 'plan') kind = named;
    else {
      // Tense of the body decides; a heading naming both (回顾 and 总体要求) leans to review when it comes first.
      const body = paragraphs.slice(h + 1, Math.min(end + 1, h + 41)).join('').slice(0, 6000);
      kind = tenseScore(body) + (named === 'both' && !seenPlan ? 0.3 : 0) > 0 ? 'review' : 'plan';
    }
    // Order prior: once the plan has begun, only a heading that says so goes back to review.
    if (kind === 'review' && seenPlan && named !== 'review') kind = 'plan';
    if (kind === 'plan') seenPlan = true;
    push(kind, paragraphs[h]!, h, end);
  });
  return out.filter((s) => s.last_paragraph >= s.first_paragraph);
}
