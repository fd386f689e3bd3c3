/**
 * Targets paired with outcomes: the headline target that year t's report of
 * a region sets, against the figure that the same region's year t+1 report
 * says was achieved for year t (a report reviews the year before it).
 */

import { yearsNamed } from './cues.js';
import { HEADLINE_TARGETS, type HeadlineTarget } from './names.js';
import type { Statement } from './extract.js';
import type { TargetOutcome } from '../artifacts/indicators.js';

/** What outcomes reads of a document. */
export interface OutcomeDocument {
  doc_id: string;
  region: string;
  province: string;
  year: number | null;
  kind: string;
}

/** What outcomes reads of an indicators.csv row. */
export interface OutcomeRow extends Pick<Statement, 'indicator' | 'kind' | 'horizon' | 'value' | 'unit' | 'measure' | 'sentence' | 'raw'> {
  doc_id: string;
  section: string;
  paragraph: number;
}

/** What outcomes reads of a targets.csv row. */
export interface OutcomeTargets {
  doc_id: string;
  targets: Record<string, { value: number | null; upper: number | null; modifier: string; paragraph: number; sentence: string; indicator: string }>;
}

/** Headline targets that are ceilings: met at or below the bound (prices, unemployment). */
const CEILING = new Set(['cpi', 'registered_unemployment', 'surveyed_unemployment']);

/**
 * Whether an outcome meets a target. Floors (growth, jobs): achieved ≥ the
 * target's lower end: the figure of 7, 7以上, 7左右, or the lower end of a range
 * 6.5-7 (a range is met once its lower bound is). Ceilings (CPI, unemployment):
 * achieved ≤ the target's upper end (3以内, 3左右, the upper end of a range).
 * 左右 is read as the figure itself, with no tolerance.
 *
 * @example metTarget('gdp_growth', 6.5, 7, 6.7) // true
 * @example metTarget('cpi', 3, null, 3.3) // false
 */
export function metTarget(column: string, value: number, upper: number | null, achieved: number): boolean {
  return CEILING.has(column) ? achieved <= (upper ?? value) + 1e-9 : achieved >= value - 1e-9;
}

/** The value of a statement in the unit of a headline column (万人 from 人), or undefined when it has none. */
function inColumnUnit(r: OutcomeRow, h: HeadlineTarget): number | undefined {
  if (r.value === null) return undefined;
  if (h.unit === '%') return r.unit === '%' ? r.value : undefined;
  if (h.unit === '万人') return r.unit === '万人' ? r.value : r.unit === '人' ? r.value / 10000 : undefined;
  return r.value;
}

/**
 * The figure a report gives as achieved for the year before it: an achieved, one-year statement of
 * one of the column's indicators, in its unit, a growth for a growth column; from the review section
 * first, then the rest in text order; not from a sentence that names other years but not that one
 * (2005年与2000年相比 …).
 */
export function achievedFor(rows: readonly OutcomeRow[], h: HeadlineTarget, year: number): OutcomeRow | undefined {
  const fits = (r: OutcomeRow) => {
    if (r.kind !== 'achieved' || r.horizon !== 'year' || !h.names.includes(r.indicator)) return false;
    if (inColumnUnit(r, h) === undefined) return false;
    // Growth columns take growth figures; CPI and unemployment rates are levels or changes alike.
    if (h.unit === '%' && !CEILING.has(h.column) && r.measure !== 'growth') return false;
    const named = yearsNamed(r.sentence);
    return named.length === 0 || named.includes(year);
  };
  return rows.find((r) => r.section === 'review' && fits(r)) ?? rows.find(fits);
}

/**
 * target_outcomes: for each report's headline target with a value, the
 * same region's report of the next year and the figure it gives for the
 * target's year; gap and met (metTarget). Regions are told apart by
 * province and region name. A target with no next-year report, or none that
 * gives the figure, has an empty outcome.
 */
export function targetOutcomes(docs: readonly OutcomeDocument[], rows: readonly OutcomeRow[], targets: readonly OutcomeTargets[]): TargetOutcome[] {
  const byDoc = new Map<string, OutcomeRow[]>();
  for (const r of rows) {
    let list = byDoc.get(r.doc_id);
    if (!list) byDoc.set(r.doc_id, (list = []));
    list.push(r);
  }
  const key = (d: OutcomeDocument, year: number) => `${d.province}\u0000${d.region}\u0000${year}`;
  const reportOf = new Map<string, OutcomeDocument>();
  for (const d of docs) if (d.kind === 'report' && d.year !== null && !reportOf.has(key(d, d.year))) reportOf.set(key(d, d.year), d);
  const docById = new Map(docs.map((d) => [d.doc_id, d]));
  const out: TargetOutcome[] = [];
  for (const t of targets) {
    const doc = docById.get(t.doc_id);
    if (!doc || doc.kind !== 'report' || doc.year === null || reportOf.get(key(doc, doc.year)) !== doc) continue;
    const next = reportOf.get(key(doc, doc.year + 1));
    for (const h of HEADLINE_TARGETS) {
      const target = t.targets[h.column];
      if (!target || target.value === null) continue;
      const found = next ? achievedFor(byDoc.get(next.doc_id) ?? [], h, doc.year) : undefined;
      const achieved = found ? inColumnUnit(found, h)! : null;
      out.push({
        region: doc.region,
        year: doc.year,
        indicator: h.column,
        target: target.value,
        target_upper: target.upper,
        target_modifier: target.modifier,
        target_doc_id: doc.doc_id,
        target_paragraph: target.paragraph,
        target_sentence: target.sentence,
        achieved,
        achieved_doc_id: found ? found.doc_id : null,
        achieved_paragraph: found ? found.paragraph : null,
        achieved_sentence: found ? found.sentence : null,
        gap: achieved === null ? null : Math.round((achieved - target.value) * 1e6) / 1e6,
        met: achieved === null ? null : metTarget(h.column, target.value, target.upper, achieved),
      });
    }
  }
  return out;
}
