import type { Clusters } from '../artifacts/clusters.js';
import type { PhraseSet } from '../artifacts/phrases.js';
import type { Weights } from '../artifacts/weights.js';
import type { Indicators } from '../artifacts/indicators.js';
import { HEADLINE_TARGETS } from '../indicators/names.js';
import type { Cell, Table } from '../artifacts/frame.js';
import { groupTable } from '../tables/groups.js';
import type { Corpus, Document } from '../artifacts/corpus.js';
import type { Digits } from './format.js';
import { per10k } from '../weigh/rate.js';

/**
 * Comparison tables for papers: small wide tables with a caption and notes
 * saying what was counted and over which denominator, built from the
 * artifacts of a run (reports only; `other` documents are left out).
 */
export interface PaperTable extends Table {
  caption: string;
  notes: string;
  digits?: Digits;
}

export interface PaperInputs {
  corpus: Corpus;
  phrases: PhraseSet;
  weights: Weights;
  clusters?: Clusters;
  indicators?: Indicators;
}

const PER_10K_NOTE =
  'per 10,000 = occurrences / counted tokens x 10,000, where counted tokens are the tokens of tokens.jsonl (after removing stopwords, numbers and punctuation); a group\'s rate is pooled: its occurrences over its counted tokens.';

/** Slogans and policy terms: lexicon terms and discovered quoted or numeral-led formulas (not statistical n-grams, which include filler). */
const isPolicyTerm = (category: string) => !category.startsWith('discovered:') || category === 'discovered:quoted' || category === 'discovered:numeric';

function reportsOf(corpus: Corpus): Document[] {
  return corpus.documents.filter((d) => d.kind === 'report');
}

function docvarsOf(docs: readonly Document[]): Map<string, Record<string, string>> {
  return new Map(docs.map((d) => [d.doc_id, { doc_id: d.doc_id, region: d.region || '(unknown)', level: d.level, province: d.province || '(unknown)', year: d.year === null ? '(unknown)' : String(d.year) }]));
}

export interface LeadingTerm {
  term: string;
  category: string;
  docs: number;
  count: number;
}

/**
 * What the policy-term tables take from the policy-term table, read once
 * from its columns (no row objects) and shared by them: the policy terms
 * found in most reports (then most often, then by term), and for the first
 * `top` of them their hits in each report (doc_id -> count, in the table's
 * order).
 */
export interface PolicyTermCounts {
  leading: LeadingTerm[];
  hits: Map<string, Map<string, number>>;
}

export function policyTermCounts(w: Weights, reports: ReadonlySet<string>, top: number): PolicyTermCounts {
  const { ptr, term, count, terms, category } = w.policyTable;
  const isReport = Uint8Array.from(w.docIds, (id) => (reports.has(id) ? 1 : 0));
  const policy = Uint8Array.from(category, (c) => (isPolicyTerm(c) ? 1 : 0));
  const docs = new Float64Array(terms.length);
  const total = new Float64Array(terms.length);
  for (let d = 0; d + 1 < ptr.length; d++) {
    if (!isReport[d]) continue;
    for (let r = ptr[d]!; r < ptr[d + 1]!; r++) {
      const t = term[r]!;
      const c = count[r]!;
      if (!policy[t] || c <= 0) continue;
      docs[t]! += 1;
      total[t]! += c;
    }
  }
  const leading: LeadingTerm[] = [];
  for (let t = 0; t < docs.length; t++) if (docs[t]! > 0) leading.push({ term: terms[t]!, category: category[t]!, docs: docs[t]!, count: total[t]! });
  leading.sort((a, b) => b.docs - a.docs || b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const wanted = new Map<number, Map<string, number>>();
  const hits = new Map<string, Map<string, number>>();
  const ids = new Map(terms.map((t, i) => [t, i]));
  for (const l of leading.slice(0, top)) {
    const m = new Map<string, number>();
    wanted.set(ids.get(l.term)!, m);
    hits.set(l.term, m);
  }
  for (let d = 0; d + 1 < ptr.length; d++) {
    if (!isReport[d]) continue;
    for (let r = ptr[d]!; r < ptr[d + 1]!; r++) wanted.get(term[r]!)?.set(w.docIds[d]!, count[r]!);
  }
  return { leading, hits };
}

/** The policy terms found in most reports (then most often), at most `top`. */
export function leadingPolicyTerms(w: Weights, reports: ReadonlySet<string>, top: number): LeadingTerm[] {
  return policyTermCounts(w, reports, 0).leading.slice(0, top);
}

function tokenTotals(w: Weights, reports: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  w.docIds.forEach((id, d) => {
    if (reports.has(id)) out.set(id, w.tokenTotals[d]!);
  });
  return out;
}

/** Policy-term rate per report: one row per report, one column per leading term. */
export function policyTermsByReport(input: PaperInputs, top = 12, shared?: PolicyTermCounts): PaperTable {
  const docs = reportsOf(input.corpus);
  const ids = new Set(docs.map((d) => d.doc_id));
  // Only the leading terms' hits are kept: policy_terms has a row per (report, term), millions at 10,000 reports.
  const counted = shared ?? policyTermCounts(input.weights, ids, top);
  const terms = counted.leading.slice(0, top);
  const w = input.weights;
  const totalOf = new Map<string, number>();
  w.docIds.forEach((id, d) => totalOf.set(id, w.tokenTotals[d]!));
  // The rate as policy_terms.csv has it (per_10k).
  const rate = (id: string, term: string): number => {
    const c = counted.hits.get(term)!.get(id);
    if (c === undefined) return 0;
    const total = totalOf.get(id)!;
    return per10k(c, total);
  };
  const rows: Cell[][] = docs.map((d) => [d.doc_id, d.region, d.year, d.level, ...terms.map((t) => rate(d.doc_id, t.term))]);
  return {
    name: 'policy_terms_by_report',
    columns: ['doc_id', 'region', 'year', 'level', ...terms.map((t) => t.term)],
    rows,
    caption: `Policy terms per 10,000 counted tokens, by report (the ${terms.length} terms found in most reports)`,
    notes: `${PER_10K_NOTE} Terms: the policy lexicon and discovered slogans (quoted or numeral-led), ranked by the number of reports using them. Source: policy_terms.csv.`,
    digits: Object.fromEntries(terms.map((t) => [t.term, 2])),
  };
}

/** Policy-term rate by a document variable (year, level …): one row per term, one column per value, plus all. */
export function policyTermsBy(input: PaperInputs, variable: 'year' | 'level' | 'province', top = 20, shared?: PolicyTermCounts): PaperTable {
  const docs = reportsOf(input.corpus);
  const ids = new Set(docs.map((d) => d.doc_id));
  const docvars = docvarsOf(docs);
  const tokens = tokenTotals(input.weights, ids);
  const counted = shared ?? policyTermCounts(input.weights, ids, top);
  const terms = counted.leading.slice(0, top);
  const hitsOf = counted.hits;
  let columns: string[] = [];
  const rows: Cell[][] = [];
  for (const t of terms) {
    // rows '' gives the single row of the term: its pooled rate per value of the variable.
    const byCol = groupTable({ hits: hitsOf.get(t.term)!, tokens, docvars }, { rows: '', cols: variable, value: 'per_10k', name: '', caption: '' });
    columns = byCol.columns.slice(1).map(String);
    rows.push([t.term, t.category, ...byCol.rows[0]!.slice(1)]);
  }
  return {
    name: `policy_terms_by_${variable}`,
    columns: ['term', 'category', ...columns],
    rows,
    caption: `Policy terms per 10,000 counted tokens, by ${variable} (the ${terms.length} terms found in most reports)`,
    notes: `${PER_10K_NOTE} Column all: every report. Reports per ${variable}: ${reportsPerGroup(docs, variable)}. Source: policy_terms.csv and corpus.csv.`,
    digits: Object.fromEntries(columns.map((c) => [c, 2])),
  };
}

function reportsPerGroup(docs: readonly Document[], variable: 'year' | 'level' | 'province' | 'region'): string {
  const n = new Map<string, number>();
  for (const d of docs) {
    const v = d[variable] === null || d[variable] === '' ? '(unknown)' : String(d[variable]);
    n.set(v, (n.get(v) ?? 0) + 1);
  }
  return [...n].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([v, c]) => `${v} ${c}`).join(', ');
}

/** Attention indices (hits per 10,000 counted tokens) by region: one row per region, one column per category. */
export function attentionByRegion(input: PaperInputs): PaperTable {
  const docs = reportsOf(input.corpus);
  const ids = new Set(docs.map((d) => d.doc_id));
  const docvars = docvarsOf(docs);
  const tokens = tokenTotals(input.weights, ids);
  const categories = [...new Set(input.weights.attention.map((a) => `${a.dictionary}/${a.category}`))].sort();
  const regionRows = new Map<string, Cell[]>();
  categories.forEach((key, c) => {
    const hits = new Map<string, number>();
    for (const a of input.weights.attention) if (`${a.dictionary}/${a.category}` === key && ids.has(input.weights.docIds[a.doc]!)) hits.set(input.weights.docIds[a.doc]!, a.hits);
    const g = groupTable({ hits, tokens, docvars }, { rows: 'region', cols: '', value: 'per_10k', name: '', caption: '' });
    for (const r of g.rows) {
      const row = regionRows.get(String(r[0])) ?? [String(r[0]), ...categories.map(() => null)];
      row[c + 1] = r[1] ?? null;
      regionRows.set(String(r[0]), row);
    }
  });
  const columns = categories.map((k) => (k.startsWith('lexicon/') ? k.slice('lexicon/'.length) : k));
  return {
    name: 'attention_by_region',
    columns: ['region', ...columns],
    rows: [...regionRows.values()].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    caption: 'Attention indices by region: dictionary hits per 10,000 counted tokens',
    notes: `${PER_10K_NOTE} Columns: the categories of the policy lexicon (data/lexicon/policy_terms.csv) and of the attention dictionaries (dictionary/category). A region with several reports pools them. Source: attention.csv.`,
    digits: Object.fromEntries(columns.map((c) => [c, 2])),
  };
}

/** Cluster membership: one row per report cluster with its label, size, mean silhouette and members. */
export function clusterMembership(input: PaperInputs, listed = 12): PaperTable {
  const c = input.clusters!;
  const docs = new Map(input.corpus.documents.map((d) => [d.doc_id, d]));
  const rows: Cell[][] = c.labels.map((label, i) => {
    const members = c.docIds.map((id, j) => ({ id, j })).filter(({ j }) => c.cluster[j] === i + 1);
    const sil = members.map(({ j }) => c.silhouette[j]).filter((s): s is number => s !== null);
    const names = members.map(({ id }) => {
      const d = docs.get(id);
      return d ? `${d.region || id}${d.year ? ` ${d.year}` : ''}` : id;
    });
    const shown = names.slice(0, listed).join('; ') + (names.length > listed ? `; … ${names.length - listed} more` : '');
    return [i + 1, label, members.length, sil.length ? sil.reduce((a, b) => a + b, 0) / sil.length : null, shown];
  });
  return {
    name: 'cluster_membership',
    columns: ['cluster', 'label', 'reports', 'mean_silhouette', 'members'],
    rows,
    caption: `Report clusters (spherical k-means, k = ${c.labels.length}) with their distinctive terms`,
    notes: 'Label: the cluster\'s terms of highest class-based tf-idf (c-TF-IDF) among those used distinctly more often in the cluster than in the others (cluster_terms.csv; README, Cluster). Silhouette: cosine, from -1 to 1 (higher = better separated). Members: region and year; every report\'s cluster is in clusters.csv.',
    digits: { mean_silhouette: 3 },
  };
}

/** The leading recurring phrases (in the order of phrases.csv: most distinctive first), with the regions and years using them. */
export function topPhrases(input: PaperInputs, top = 30): PaperTable {
  const nReports = reportsOf(input.corpus).length;
  const ranked = input.phrases.phrases.filter((p) => p.kind !== 'statistical' || p.in_lexicon).slice(0, top);
  const rows: Cell[][] = ranked.map((p) => [
    p.phrase,
    p.kind,
    p.doc_freq,
    p.count,
    p.first_year === null ? '' : p.first_year === p.last_year ? String(p.first_year) : `${p.first_year}–${p.last_year}`,
    p.regions.slice(0, 6).join('、') + (p.regions.length > 6 ? ` … (${p.regions.length})` : ''),
  ]);
  return {
    name: 'top_phrases',
    columns: ['phrase', 'kind', 'reports', 'occurrences', 'years', 'regions'],
    rows,
    caption: `Recurring policy phrases: the ${rows.length} most distinctive in the ${nReports} reports`,
    notes: 'Phrases of the policy lexicon and slogans discovered in the text (quoted “…” or numeral-led formulas such as 六新), in the order of phrases.csv (distinctiveness: usage, spread over reports and lead in a period, each against general Chinese; README, Phrases); statistical n-grams are in phrases.csv. Occurrences: the phrase\'s string in the cleaned text, as Ctrl-F finds it (README, Counting). Source: phrases.csv.',
  };
}

/** Most year columns a table shows before years are grouped into periods (a wider table squeezes its labels). */
export const MAX_YEAR_COLUMNS = 12;

/**
 * Column label for each year: the year itself when there are at most
 * `max` distinct years, else its decade, labelled by the years present in it
 * (1954–1959, 1960–1964, 2010–2017).
 *
 * @example yearColumns(['2022', '2023']) // Map { '2022' => '2022', '2023' => '2023' }
 */
export function yearColumns(years: readonly string[], max = MAX_YEAR_COLUMNS): Map<string, string> {
  const distinct = [...new Set(years)].sort();
  if (distinct.length <= max) return new Map(distinct.map((y) => [y, y]));
  const decade = (y: string) => (/^\d{4}$/u.test(y) ? y.slice(0, 3) : y);
  const members = new Map<string, string[]>();
  for (const y of distinct) members.set(decade(y), [...(members.get(decade(y)) ?? []), y]);
  const label = new Map<string, string>();
  for (const ys of members.values()) {
    const l = ys.length === 1 ? ys[0]! : `${ys[0]}–${ys[ys.length - 1]}`;
    for (const y of ys) label.set(y, l);
  }
  return label;
}

/** Paragraph themes by year (by decade when there are more than MAX_YEAR_COLUMNS years): the share of all paragraphs of those reports given to each theme. */
export function themesByYear(input: PaperInputs): PaperTable {
  const c = input.clusters!;
  const docs = reportsOf(input.corpus);
  const rawYear = new Map(docs.map((d) => [d.doc_id, d.year === null ? '(unknown)' : String(d.year)]));
  const column = yearColumns([...rawYear.values()]);
  const grouped = new Set(column.values()).size < column.size;
  const yearOf = new Map([...rawYear].map(([id, y]) => [id, column.get(y)!]));
  const years = [...new Set(yearOf.values())].sort();
  const counts = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const t of c.themeCounts) {
    if (t.section !== 'all' || !yearOf.has(t.doc_id)) continue;
    for (const y of [yearOf.get(t.doc_id)!, 'all']) {
      counts.set(`${t.theme}\u0000${y}`, (counts.get(`${t.theme}\u0000${y}`) ?? 0) + t.paragraphs);
      totals.set(y, (totals.get(y) ?? 0) + t.paragraphs);
    }
  }
  const cols = [...years, 'all'];
  const rows: Cell[][] = c.themeLabels.map((label, i) => [i + 1, label, ...cols.map((y) => (totals.get(y) ? (counts.get(`${i + 1}\u0000${y}`) ?? 0) / totals.get(y)! : null))]);
  return {
    name: 'themes_by_year',
    columns: ['theme', 'label', ...cols],
    rows,
    caption: grouped ? 'Paragraph themes by decade: share of the paragraphs of each period\'s reports' : 'Paragraph themes by year: share of the paragraphs of each year\'s reports',
    notes: `Paragraphs are clustered into themes by spherical k-means on their tf-idf (themes.csv has each report\'s shares). Share = paragraphs of the theme / all paragraphs of the ${grouped ? `period\'s reports (years grouped by decade: more than ${MAX_YEAR_COLUMNS} years)` : 'year\'s reports'}; each column sums to 1. Reports per year: ${reportsPerGroup(docs, 'year')}.`,
    digits: Object.fromEntries(cols.map((y) => [y, 3])),
  };
}

/** Headline targets per report, as a reader writes them (7 以上, 6–6.5): one column per target, the modifier kept. */
export function headlineTargets(input: PaperInputs): PaperTable {
  const ind = input.indicators!;
  const shown = HEADLINE_TARGETS.filter((h) => ind.targets.some((t) => t.targets[h.column]));
  const text = (v: { value: number | null; upper: number | null; modifier: string } | undefined): string => {
    if (!v) return '';
    if (v.value === null) return v.modifier;
    const num = v.upper !== null ? `${v.value}–${v.upper}` : String(v.value);
    const mod = v.modifier.split(/[;,，、+\s]+/).filter((m) => m && m !== 'range').join(' ');
    return mod ? `${num} ${mod}` : num;
  };
  return {
    name: 'headline_targets',
    columns: ['doc_id', 'region', 'year', ...shown.map((h) => `${h.column}${h.unit ? ` (${h.unit})` : ''}`)],
    rows: ind.targets.map((t) => [t.doc_id, t.region, t.year, ...shown.map((h) => text(t.targets[h.column]))]),
    caption: 'Headline targets set in each report (the year\'s plan)',
    notes: 'The first target for the year of each indicator, from the plan section when there is one; modifiers as written (以上, 左右, 以内, 力争, 确保); a range as lower–upper; "与经济增长同步" and other targets without a number are given by their wording. Every statement, with its sentence and paragraph, is in indicators.csv; targets.csv has the same values as numbers, with a hard/soft flag, for panel regressions.',
  };
}

/**
 * GDP growth target of each year against the growth that the next year's report of the same region
 * states for it (target_outcomes.csv): the national reports' series when there are national reports,
 * else every region's. Undefined when no target has a next-year report to pair with.
 */
export function gdpTargetOutcomes(input: PaperInputs): PaperTable | undefined {
  const ind = input.indicators!;
  const national = new Set(reportsOf(input.corpus).filter((d) => d.level === 'national').map((d) => d.doc_id));
  const gdp = ind.outcomes.filter((o) => o.indicator === 'gdp_growth' && (national.size === 0 || national.has(o.target_doc_id)));
  if (!gdp.some((o) => o.achieved !== null)) return undefined;
  return {
    name: 'gdp_target_outcomes',
    columns: ['region', 'year', 'target (%)', 'target upper (%)', 'modifier', 'achieved (%)', 'gap', 'met'],
    rows: gdp.map((o) => [o.region, o.year, o.target, o.target_upper, o.target_modifier, o.achieved, o.gap, o.met === null ? '' : o.met ? 'yes' : 'no']),
    caption: national.size ? 'National GDP growth target and outcome by year' : 'GDP growth target and outcome by region and year',
    notes: 'Target: the GDP (or GNP) growth target year t\'s report sets (a range as its lower end, its upper end beside it). Achieved: the growth for year t that the same region\'s report of year t+1 states; empty when there is no such report or it states none. Gap = achieved − target. Met: achieved ≥ the target\'s lower end (左右 read as the figure itself). Sentences and paragraphs are in target_outcomes.csv.',
    digits: { 'target (%)': 1, 'target upper (%)': 1, 'achieved (%)': 1, gap: 1 },
  };
}

/** Every comparison table the artifacts allow. */
export function paperTables(input: PaperInputs, sizes: { phrases: number; policyTerms: number } = { phrases: 30, policyTerms: 12 }): PaperTable[] {
  // The policy-term table is read once for the three tables that rank its terms.
  const counted = policyTermCounts(input.weights, new Set(reportsOf(input.corpus).map((d) => d.doc_id)), Math.max(sizes.policyTerms, 20));
  const tables = [topPhrases(input, sizes.phrases), policyTermsByReport(input, sizes.policyTerms, counted), policyTermsBy(input, 'year', 20, counted), policyTermsBy(input, 'level', 20, counted), attentionByRegion(input)];
  if (input.clusters) tables.push(clusterMembership(input), themesByYear(input));
  if (input.indicators) {
    tables.push(headlineTargets(input));
    const outcomes = gdpTargetOutcomes(input);
    if (outcomes) tables.push(outcomes);
  }
  return tables;
}
