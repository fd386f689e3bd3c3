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
 * phrase_adoption.csv in columns: row i is the first use of
 * `phrases[phrase[i]]` in the region of `docs[doc[i]]`. Four bytes a cell
 * where row objects took about a hundred: at 10,000 reports from 3,000
 * places the table has millions of rows.
 */
export interface FirstUses {
  phrases: readonly string[];
  docs: readonly AdoptionDocument[];
  phrase: Int32Array;
  doc: Int32Array;
}

/** Row `i` of a {@link FirstUses} table. */
export function firstUseRow(f: FirstUses, i: number): AdoptionRow {
  const d = f.docs[f.doc[i]!]!;
  return { phrase: f.phrases[f.phrase[i]!]!, region: d.region, province: d.province ?? '', level: d.level, first_year: d.year!, first_doc_id: d.doc_id };
}

/** Rows `from` to `to` (default: all) of a {@link FirstUses} table, as objects. */
export function firstUseRows(f: FirstUses, from = 0, to = f.phrase.length): AdoptionRow[] {
  const out: AdoptionRow[] = [];
  for (let i = from; i < Math.min(to, f.phrase.length); i++) out.push(firstUseRow(f, i));
  return out;
}

/** A growable Int32Array (doubling). */
class Int32List {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The values, in an array of their own length. */
  take(): Int32Array {
    const out = this.data.slice(0, this.length);
    this.data = new Int32Array(0);
    this.length = 0;
    return out;
  }
}

/**
 * Tracks the first use of each phrase (by id) in each region: call
 * {@link AdoptionTracker.hit} once per (phrase, document) in any order.
 * Documents without a year or a region are not adoptions (no date or no
 * place to put them). The earliest year wins, ties by doc_id. Hits are kept
 * as pairs of integers (8 bytes each) and grouped by phrase in `tables`.
 */
export class AdoptionTracker {
  /** Region of each document, numbered in the order of the regions' names; -1: not an adoption. */
  private readonly regionOf: Int32Array;
  /** Each document's place by (year, doc_id): the lower, the earlier. */
  private readonly rank: Int32Array;
  private readonly regions: number;
  private phrases = new Int32List();
  private hitDocs = new Int32List();

  constructor(private readonly docs: readonly AdoptionDocument[]) {
    const adopts = (d: AdoptionDocument) => d.year !== null && d.region !== '';
    const names = [...new Set(docs.filter(adopts).map((d) => d.region))].sort();
    const index = new Map(names.map((r, i) => [r, i]));
    this.regions = names.length;
    this.regionOf = Int32Array.from(docs, (d) => (adopts(d) ? index.get(d.region)! : -1));
    const order = docs.map((_, i) => i).filter((i) => this.regionOf[i]! >= 0);
    order.sort((a, b) => (earlier(docs[a]!, docs[b]!) ? -1 : earlier(docs[b]!, docs[a]!) ? 1 : 0));
    this.rank = new Int32Array(docs.length).fill(-1);
    order.forEach((doc, r) => (this.rank[doc] = r));
  }

  hit(phrase: number, doc: number): void {
    if (this.regionOf[doc]! < 0) return;
    this.phrases.push(phrase);
    this.hitDocs.push(doc);
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
   * one row, the year of its first use. Call once: the hits are let go.
   */
  tables(names: ReadonlyMap<number, string>, curveOf: (id: number) => boolean = () => true): { first: FirstUses; curves: AdoptionCurveRow[] } {
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
    // The hits grouped by phrase id (a counting sort): each phrase's documents side by side.
    const phraseOfHit = this.phrases.take();
    const docOfHit = this.hitDocs.take();
    let maxId = -1;
    for (const id of names.keys()) if (id > maxId) maxId = id;
    const start = new Int32Array(maxId + 2);
    for (const id of phraseOfHit) if (id <= maxId) start[id + 1]!++;
    for (let id = 0; id <= maxId; id++) start[id + 1]! += start[id]!;
    const grouped = new Int32Array(start[maxId + 1]!);
    const fill = start.slice(0, maxId + 1);
    for (let h = 0; h < phraseOfHit.length; h++) {
      const id = phraseOfHit[h]!;
      if (id <= maxId) grouped[fill[id]!++] = docOfHit[h]!;
    }

    const phraseNames: string[] = [];
    const rowPhrase = new Int32List();
    const rowDoc = new Int32List();
    // Per region, for the phrase at hand: its first document (stamped with the phrase's place, so nothing is cleared between phrases).
    const stamp = new Int32Array(this.regions).fill(-1);
    const best = new Int32Array(this.regions);
    const used: number[] = [];
    for (const [id, phrase] of names) {
      const p = phraseNames.length;
      used.length = 0;
      for (let h = start[id]!; h < start[id + 1]!; h++) {
        const doc = grouped[h]!;
        const r = this.regionOf[doc]!;
        if (stamp[r] !== p) {
          stamp[r] = p;
          best[r] = doc;
          used.push(r);
        } else if (this.rank[doc]! < this.rank[best[r]!]!) best[r] = doc;
      }
      if (used.length === 0) continue;
      phraseNames.push(phrase);
      // Regions by first year, then by name (regions are numbered in name order).
      const yearOf = (r: number) => this.docs[best[r]!]!.year!;
      used.sort((a, b) => yearOf(a) - yearOf(b) || a - b);
      for (const r of used) {
        rowPhrase.push(p);
        rowDoc.push(best[r]!);
      }
      if (!curveOf(id)) continue;
      let cumulative = 0;
      let k = 0;
      // Every first year is a report year (adoptions are reports), so no adopter falls between the rows.
      for (const year of years) {
        if (year < yearOf(used[0]!)) continue;
        let added = 0;
        while (k < used.length && yearOf(used[k]!) === year) {
          added++;
          k++;
        }
        if (added === 0) continue;
        cumulative += added;
        curves.push({ phrase, year, new_regions: added, regions: cumulative, of: reporting(year) });
      }
    }
    return { first: { phrases: phraseNames, docs: this.docs, phrase: rowPhrase.take(), doc: rowDoc.take() }, curves };
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
