import type { Section, SectionKind } from '../artifacts/corpus.js';

/**
 * Sections of a report: review (上年/过去五年工作回顾), plan (今年工作安排,
 * 总体要求, 主要任务) and other (the opening, 政府自身建设 ...).
 *
 * A section starts at a top-level heading: a short paragraph numbered 一、
 * 二、… or an unnumbered short paragraph that names a section
 * (2022年工作回顾, 2023年政府工作总体要求). Sub-headings ((一) …) do not
 * start sections.
 */

const OTHER = /自身建设|人民满意(?:的)?政府|政府建设/u;
const REVIEW = /回顾|过去(?:一|五)年|工作总结|上年工作|取得的成绩/u;
const PLAN = /工作安排|总体要求|主要任务|预期目标|重点工作|工作任务|总体思路|目标任务|政策取向|工作建议|\d{4}年(?:政府)?(?:主要)?工作(?!回顾)|今年/u;
const NUMBERED = /^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)/u;

export function headingKind(heading: string): SectionKind | undefined {
  if (OTHER.test(heading)) return 'other';
  if (REVIEW.test(heading)) return 'review';
  if (PLAN.test(heading)) return 'plan';
  return undefined;
}

/** Is this paragraph a top-level heading, and of which kind (undefined: continues the previous kind)? */
export function topLevelHeading(p: string): { kind: SectionKind | undefined } | undefined {
  if (p.length > 50 || /[。;!?]./u.test(p) || /工作报告/u.test(p)) return undefined;
  const kind = headingKind(p);
  if (NUMBERED.test(p)) return { kind };
  return kind ? { kind } : undefined;
}

/** Sections covering every paragraph of a document, in order. */
export function findSections(paragraphs: readonly string[]): Section[] {
  const sections: Section[] = [];
  let current: Section = { kind: 'other', heading: '', first_paragraph: 1, last_paragraph: 0, chars: 0 };
  paragraphs.forEach((p, i) => {
    const n = i + 1;
    const h = topLevelHeading(p);
    if (h) {
      if (current.last_paragraph >= current.first_paragraph) sections.push(current);
      current = { kind: h.kind ?? (sections.length > 0 || current.heading ? current.kind : 'other'), heading: p, first_paragraph: n, last_paragraph: n - 1, chars: 0 };
    }
    current.last_paragraph = n;
    current.chars += p.length;
  });
  if (current.last_paragraph >= current.first_paragraph) sections.push(current);
  return sections;
}
