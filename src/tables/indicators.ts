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

/** Per headline target: the value, the upper end of a range, the modifier and whether it is hard. */
export const TARGET_COLUMNS = ['doc_id', 'region', 'year', ...HEADLINE_TARGETS.flatMap((h) => [h.column, `${h.column}_upper`, `${h.column}_modifier`, `${h.column}_hard`])] as const;

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
      }
      return cells;
    }),
  };
}
