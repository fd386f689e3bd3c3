import { stating, statementsOf, type Statement } from '../indicators/extract.js';
import { HEADLINE_TARGETS } from '../indicators/names.js';
import type { Corpus, Message } from '../artifacts/corpus.js';
import type { StageContext } from '../pipeline/context.js';
import type { HeadlineTarget, IndicatorRow, Indicators, IndicatorsParams, TargetRow } from '../artifacts/indicators.js';

const HARD = /以上|以内|以下|确保|不低于|不少于|不超过/u;
const SOFT = /左右|上下|力争|争取|range/u;

/** Whether a target's modifiers commit to a bound: hard (以上/以内/确保) unless softened (左右/力争/range). */
export function isHard(modifier: string, value: number | null): boolean | null {
  if (value === null) return null;
  return HARD.test(modifier) && !SOFT.test(modifier);
}

/** The value of a statement in the unit of a headline column, or undefined when the units do not match. */
function inUnit(s: Statement, unit: '%' | '万人' | undefined): number | null | undefined {
  if (s.value === null) return null;
  if (unit === '%') return s.unit === '%' ? s.value : undefined;
  if (unit === '万人') return s.unit === '万人' ? s.value : s.unit === '人' ? s.value / 10000 : undefined;
  return s.value;
}

function headlineTargets(rows: readonly IndicatorRow[]): Record<string, HeadlineTarget> {
  const out: Record<string, HeadlineTarget> = {};
  const candidates = rows.filter((r) => r.kind === 'target' && r.horizon === 'year' && r.recognised);
  // Plan sections first: a review may quote last year's targets.
  const ordered = [...candidates.filter((r) => r.section === 'plan'), ...candidates.filter((r) => r.section !== 'plan')];
  for (const h of HEADLINE_TARGETS) {
    for (const r of ordered) {
      if (r.indicator !== h.name) continue;
      // Growth columns take growth figures (or the level of a rate such as CPI); jobs take people.
      if (h.unit === '%' && r.value !== null && r.measure === 'level' && !/价格|失业率/u.test(h.name)) continue;
      const v = inUnit(r, h.unit);
      if (v === undefined) continue;
      const upper = r.upper !== null && r.lower !== null && r.upper !== r.lower ? (inUnit({ ...r, value: r.upper }, h.unit) ?? null) : null;
      out[h.column] = { value: v, upper, modifier: r.modifier, hard: isHard(r.modifier, r.value) };
      break;
    }
  }
  return out;
}

/**
 * Indicators: every quantitative statement of the reports (a figure with a
 * unit whose subject names an indicator: 地区生产总值增长7%以上, 完成107.2亿元),
 * classed as target or achieved by its section and wording, with ranges,
 * 左右/以上/以内, Chinese numerals, targets in words (与经济增长同步) and a
 * stated absence of a growth target; and per report the headline targets
 * of the year, one column each, for panel regressions.
 */
export function indicators(corpus: Corpus, params: IndicatorsParams, ctx?: StageContext): Indicators {
  const rows: IndicatorRow[] = [];
  const targets: TargetRow[] = [];
  const docs = corpus.documents.filter((d) => params.kinds.includes(d.kind));
  docs.forEach((doc, di) => {
    const own: IndicatorRow[] = [];
    doc.paragraphs.forEach((text, p) => {
      // Most sentences hold no figure: only those that may state one are split off and read.
      const sentences = stating(text);
      if (sentences.length === 0) return;
      const section = doc.sections.find((s) => p + 1 >= s.first_paragraph && p + 1 <= s.last_paragraph);
      for (const sentence of sentences) {
        for (const s of statementsOf(sentence, section?.kind ?? 'other', section?.heading ?? '')) {
          if (!s.recognised && !params.unlisted) continue;
          own.push({ doc_id: doc.doc_id, section: section?.kind ?? 'other', paragraph: p + 1, ...s });
        }
      }
    });
    for (const r of own) rows.push(r); // not push(...own): a long report has more figures than the call stack has room for
    targets.push({ doc_id: doc.doc_id, region: doc.region, year: doc.year, targets: headlineTargets(own) });
    ctx?.progress(di + 1, docs.length, 'documents');
  });
  const messages: Message[] = [];
  const none = targets.filter((t, i) => docs[i]!.kind === 'report' && Object.keys(t.targets).length === 0);
  if (none.length) messages.push({ origin: 'indicators:targets', text: `${none.length} report(s) with no headline target found: ${none.map((t) => t.doc_id).join(', ')}` });
  return { rows, targets, messages, meta: { stage: 'indicators', params } };
}
