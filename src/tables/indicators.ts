import { HEADLINE_TARGETS } from '../indicators/names.js';
import type { Indicators } from '../artifacts/indicators.js';
import type { Cell, Table } from '../artifacts/frame.js';

/** The SPEC's columns, then measure (growth | decline | level) and horizon (year | multi-year). */
export const INDICATOR_COLUMNS = ['doc_id', 'section', 'indicator', 'raw', 'kind', 'value', 'unit', 'lower', 'upper', 'modifier', 'sentence', 'paragraph', 'measure', 'horizon'] as const;

/** indicators.csv: one row per quantitative statement, in document and text order. */
export function indicatorsTable(ind: Indicators): Table {
  return {
    name: 'indicators',
    columns: INDICATOR_COLUMNS,
    rows: ind.rows.map((r) => [r.doc_id, r.section, r.indicator, r.raw, r.kind, r.value, r.unit, r.lower, r.upper, r.modifier, r.sentence, r.paragraph, r.measure, r.horizon]),
  };
}

/** Per headline target filled by more than one indicator (gdp_growth: 地区/国内/国民生产总值), the indicator as the text names it. */
const NAMED = new Set(HEADLINE_TARGETS.filter((h) => h.names.length > 1).map((h) => h.column));

/**
 * Per headline target: the value, the upper end of a range, the modifier, whether it is hard,
 * the indicator as written where several fill the column (gdp_growth_indicator: 国民生产总值 when
 * the text says GNP), and the paragraph and sentence the value came from.
 */
export const TARGET_COLUMNS = ['doc_id', 'region', 'year', ...HEADLINE_TARGETS.flatMap((h) => [h.column, `${h.column}_upper`, `${h.column}_modifier`, `${h.column}_hard`, ...(NAMED.has(h.column) ? [`${h.column}_indicator`] : []), `${h.column}_paragraph`, `${h.column}_sentence`])] as const;

/** targets.csv: one row per document, the year's headline targets as columns (empty when not stated). */
export function targetsTable(ind: Indicators): Table {
  return {
    name: 'targets',
    columns: TARGET_COLUMNS,
    rows: ind.targets.map((t) => {
      const cells: Cell[] = [t.doc_id, t.region, t.year];
      for (const h of HEADLINE_TARGETS) {
        const v = t.targets[h.column];
        cells.push(v?.value, v?.upper, v?.modifier, v?.hard);
        if (NAMED.has(h.column)) cells.push(v?.indicator);
        cells.push(v?.paragraph, v?.sentence);
      }
      return cells;
    }),
  };
}

/** target_outcomes.csv columns: the target of year t, the outcome for t from the t+1 report, gap and met, both sentences. */
export const TARGET_OUTCOME_COLUMNS = ['region', 'year', 'indicator', 'target', 'target_upper', 'target_modifier', 'achieved', 'gap', 'met', 'target_doc_id', 'target_paragraph', 'target_sentence', 'achieved_doc_id', 'achieved_paragraph', 'achieved_sentence'] as const;

/** target_outcomes.csv: one row per (region, year, headline target) with a value; the outcome empty when the next year's report gives none. */
export function targetOutcomesTable(ind: Indicators): Table {
  return {
    name: 'target_outcomes',
    columns: TARGET_OUTCOME_COLUMNS,
    rows: ind.outcomes.map((o) => TARGET_OUTCOME_COLUMNS.map((c) => o[c])),
  };
}
