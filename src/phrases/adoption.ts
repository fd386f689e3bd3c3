/**
 * Diffusion of phrases across regions: for each phrase and each region, the
 * first year a report of that region used it (and which report), and for
 * each phrase how many regions had used it by each year (cumulative
 * adoption, the curve of policy-diffusion studies).
 */

export interface AdoptionRow {
  phrase: string;
  region: string;
  province: string;
  level: string;
  first_year: number;
  first_doc_id: string;
}

export interface AdoptionCurveRow {
  phrase: string;
  year: number;
  /** Regions using the phrase for the first time that year. */
  new_regions: number;
  /** Regions that had used it by the end of that year. */
  regions: number;
  /** Regions with a report that year or before (the possible adopters). */
  of: number;
}

export interface AdoptionDocument {
  doc_id: string;
  region: string;
  province: string | null;
  level: string;
  year: number | null;
}

/**
 * Tracks the first use of each phrase (by id) in each region: call
 * {@link AdoptionTracker.hit} once per (phrase, document) in any order.
 * Documents without a year or a region are not adoptions (no date or no
 * place to put them). The earliest year wins, ties by doc_id.
 */
export class AdoptionTracker {
  private readonly first = new Map<number, Map<string, number>>();
  constructor(private readonly docs: readonly AdoptionDocument[]) {}

  hit(phrase: number, doc: number): void {
    const d = this.docs[doc]!;
    if (d.year === null || !d.region) return;
    let byRegion = this.first.get(phrase);
    if (!byRegion) this.first.set(phrase, (byRegion = new Map()));
    const prev = byRegion.get(d.region);
    if (prev === undefined || earlier(d, this.docs[prev]!)) byRegion.set(d.region, doc);
  }

  /**
   * The adoption table and the cumulative curves for the phrases `names`
   * (name of each phrase id; ids not listed are left out), phrases in the
   * order given, regions by first year then region. Curves (with
   * `curveOf(id)` true, e.g. the recurring phrases: a phrase of one report
   * has no curve to speak of) run from the phrase's first year to the
   * corpus's last, one row per year in which the number of regions using
   * the phrase grows (a year of first use in at least one region): the
   * regions that had used it by any year are those of its last row at or
   * before that year (0 before its first row). With one region a phrase has
   * one row, the year of its first use.
   */
  tables(names: ReadonlyMap<number, string>, curveOf: (id: number) => boolean = () => true): { adoption: AdoptionRow[]; curves: AdoptionCurveRow[] } {
    const adoption: AdoptionRow[] = [];
    const curves: AdoptionCurveRow[] = [];
    // Regions with a report by each year: the possible adopters.
    const firstReport = new Map<string, number>();
    const reportYears = new Set<number>();
    for (const d of this.docs) {
      if (d.year === null || !d.region) continue;
      reportYears.add(d.year);
      const f = firstReport.get(d.region);
      if (f === undefined || d.year < f) firstReport.set(d.region, d.year);
    }
    const years = [...reportYears].sort((a, b) => a - b);
    const starts = [...firstReport.values()].sort((a, b) => a - b);
    const reportingBy = new Map<number, number>();
    const reporting = (year: number) => {
      let n = reportingBy.get(year);
      if (n === undefined) {
        n = 0;
        while (n < starts.length && starts[n]! <= year) n++;
        reportingBy.set(year, n);
      }
      return n;
    };
    for (const [id, phrase] of names) {
      const byRegion = this.first.get(id);
      if (!byRegion) continue;
      const rows = [...byRegion].map(([region, doc]) => {
        const d = this.docs[doc]!;
        return { phrase, region, province: d.province ?? '', level: d.level, first_year: d.year!, first_doc_id: d.doc_id };
      });
      rows.sort((a, b) => a.first_year - b.first_year || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
      for (const r of rows) adoption.push(r);
      if (!curveOf(id)) continue;
      let cumulative = 0;
      let k = 0;
      // Every first year is a report year (adoptions are reports), so no adopter falls between the rows.
      for (const year of years) {
        if (year < rows[0]!.first_year) continue;
        let added = 0;
        while (k < rows.length && rows[k]!.first_year === year) {
          added++;
          k++;
        }
        if (added === 0) continue;
        cumulative += added;
        curves.push({ phrase, year, new_regions: added, regions: cumulative, of: reporting(year) });
      }
    }
    return { adoption, curves };
  }
}

function earlier(a: AdoptionDocument, b: AdoptionDocument): boolean {
  return a.year! < b.year! || (a.year === b.year && a.doc_id < b.doc_id);
}

/** Adoption curves for a chart: the years on the x axis and, per phrase, regions using it by each year. */
export interface AdoptionChart {
  years: number[];
  /** Regions with a report by each year. */
  of: number[];
  series: { phrase: string; regions: number[] }[];
}

/**
 * The curves of the leading new slogans: phrases first used after the
 * corpus's first year (new in the period), in the order given (the ranking
 * of phrases.csv), the `n` reaching most regions (ties by that order).
 */
export function leadingCurves(ranked: readonly { phrase: string; first_year: number | null }[], curves: readonly AdoptionCurveRow[], n = 8): AdoptionChart | undefined {
  if (curves.length === 0) return undefined;
  const byPhrase = new Map<string, AdoptionCurveRow[]>();
  for (const c of curves) {
    const list = byPhrase.get(c.phrase);
    if (list) list.push(c);
    else byPhrase.set(c.phrase, [c]);
  }
  let first = Infinity;
  for (const p of ranked) if (p.first_year !== null && p.first_year < first) first = p.first_year;
  const reach = (p: string) => byPhrase.get(p)!.at(-1)!.regions;
  const chosen = ranked
    .filter((p) => p.first_year !== null && p.first_year > first && byPhrase.has(p.phrase))
    .slice(0, 200)
    .map((p, rank) => ({ p: p.phrase, rank, reach: reach(p.phrase) }))
    .sort((a, b) => b.reach - a.reach || a.rank - b.rank)
    .slice(0, n)
    .sort((a, b) => a.rank - b.rank);
  if (chosen.length === 0) return undefined;
  let lastYear = -Infinity;
  for (const c of curves) if (c.year > lastYear) lastYear = c.year;
  const from = chosen.reduce((m, c) => Math.min(m, byPhrase.get(c.p)![0]!.year), Infinity);
  const years = Array.from({ length: lastYear - from + 1 }, (_, i) => from + i);
  const ofByYear = new Map<number, number>();
  for (const c of curves) ofByYear.set(c.year, Math.max(ofByYear.get(c.year) ?? 0, c.of));
  const series = chosen.map(({ p }) => {
    const at = new Map(byPhrase.get(p)!.map((c) => [c.year, c.regions]));
    // Curves hold report years only: a year between keeps the count of the year before (0 before the first).
    let last = 0;
    return { phrase: p, regions: years.map((y) => (last = at.get(y) ?? last)) };
  });
  let of = 0;
  return { years, of: years.map((y) => (of = Math.max(of, ofByYear.get(y) ?? of))), series };
}
