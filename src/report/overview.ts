import type { ReportModel } from './model.js';

/**
 * The corpus in one phrase, worded for what the corpus holds: "49 national
 * reports, 1954–2017" rather than "from 1 regions in 0 provinces";
 * "13 reports from 13 regions in 2 provinces, 2022–2023" for local ones.
 * Counts of 1 take the singular.
 *
 * @example corpusPhrase({ reports: 2, other: 0, regions: 1, provinces: 0, levels: [['national', 2]], years: [['2016', 1], ['2017', 1]] }) // '2 national reports, 2016–2017'
 */
export function corpusPhrase(o: Pick<ReportModel['overview'], 'reports' | 'other' | 'regions' | 'provinces' | 'levels' | 'years'>): string {
  const n = (k: number, one: string, many: string) => `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
  const known = o.years.map(([y]) => y).filter((y) => /^\d{4}$/u.test(y)).sort();
  const span = known.length === 0 ? '' : known[0] === known[known.length - 1] ? `, ${known[0]}` : `, ${known[0]}–${known[known.length - 1]}`;
  const other = o.other > 0 ? ` (and ${n(o.other, 'other document', 'other documents')})` : '';
  const levels = o.levels.filter(([, k]) => Number(k) > 0).map(([l]) => String(l));
  if (levels.length === 1 && levels[0] === 'national') return `${n(o.reports, 'national report', 'national reports')}${span}${other}`;
  const where = o.regions > 0 ? ` from ${n(o.regions, 'region', 'regions')}${o.provinces > 0 ? ` in ${n(o.provinces, 'province', 'provinces')}` : ''}` : '';
  return `${n(o.reports, 'report', 'reports')}${where}${span}${other}`;
}
