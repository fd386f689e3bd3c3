import { stating, statementsOf, type Statement } from '../indicators/extract.js';
import { HEADLINE_TARGETS, nationalName } from '../indicators/names.js';
import { listLeads, sentenceLead, unreadTargets } from '../indicators/context.js';
import { targetOutcomes } from '../indicators/outcomes.js';
import type { Corpus, Message } from '../artifacts/corpus.js';
import { stageContext, type StageContext } from '../pipeline/context.js';
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
      if (!h.names.includes(r.indicator)) continue;
      // Growth columns take growth figures (or the level of a rate such as CPI); jobs take people.
      if (h.unit === '%' && r.value !== null && r.measure === 'level' && !/价格|失业率/u.test(h.name)) continue;
      const v = inUnit(r, h.unit);
      if (v === undefined) continue;
      const upper = r.upper !== null && r.lower !== null && r.upper !== r.lower ? (inUnit({ ...r, value: r.upper }, h.unit) ?? null) : null;
      out[h.column] = { value: v, upper, modifier: r.modifier, hard: isHard(r.modifier, r.value), indicator: r.indicator, paragraph: r.paragraph, sentence: r.sentence };
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
export function indicators(corpus: Corpus, params: IndicatorsParams, ctx: StageContext = stageContext()): Indicators {
  const rows: IndicatorRow[] = [];
  const targets: TargetRow[] = [];
  const docs = corpus.documents.filter((d) => params.kinds.includes(d.kind));
  const unread: { doc_id: string; paragraph: number }[] = [];
  docs.forEach((doc, di) => {
    const own: IndicatorRow[] = [];
    const paragraphs = ctx.text.paragraphs(doc);
    // The paragraph that opens a list (…主要目标是：) leads into each of its items.
    const leads = listLeads(paragraphs);
    paragraphs.forEach((text, p) => {
      // Most sentences hold no figure: only those that may state one are split off and read.
      const sentences = stating(text);
      if (sentences.length === 0) return;
      const section = doc.sections.find((s) => p + 1 >= s.first_paragraph && p + 1 <= s.last_paragraph);
      for (const sentence of sentences) {
        const context = { heading: section?.heading ?? '', year: doc.year, lead: sentenceLead(text, sentence) || leads[p] };
        for (const s of statementsOf(sentence, section?.kind ?? 'other', context)) {
          if (!s.recognised && !params.unlisted) continue;
          // A national report's 经济增长 is 国内生产总值 (not 地区生产总值).
          const indicator = doc.level === 'national' ? nationalName(s.indicator, s.raw) : s.indicator;
          own.push({ doc_id: doc.doc_id, section: section?.kind ?? 'other', paragraph: p + 1, ...s, indicator });
        }
      }
    });
    for (const r of own) rows.push(r); // not push(...own): a long report has more figures than the call stack has room for
    const found = headlineTargets(own);
    targets.push({ doc_id: doc.doc_id, region: doc.region, year: doc.year, targets: found });
    if (doc.kind === 'report' && Object.keys(found).length === 0) {
      const at = unreadTargets(paragraphs, doc.year);
      if (at !== undefined) unread.push({ doc_id: doc.doc_id, paragraph: at });
    }
    ctx.progress(di + 1, docs.length, 'documents');
  });
  const messages: Message[] = [];
  const none = targets.filter((t, i) => docs[i]!.kind === 'report' && Object.keys(t.targets).length === 0 && !unread.some((u) => u.doc_id === t.doc_id));
  // Two different things: a report that sets no headline target for its year, and one whose target wording was not read.
  if (none.length) messages.push({ origin: 'indicators:targets', text: `${none.length} report(s) state no headline target for their year (no sentence names the year with a target word and a figure): ${none.map((t) => t.doc_id).join(', ')}` });
  if (unread.length) messages.push({ origin: 'indicators:targets', text: `${unread.length} report(s) have target wording with figures that gave no headline target (check by hand; first such paragraph given): ${unread.map((u) => `${u.doc_id} (paragraph ${u.paragraph})`).join(', ')}` });
  const outcomes = targetOutcomes(docs, rows, targets);
  return { rows, targets, outcomes, messages, meta: { stage: 'indicators', params } };
}
