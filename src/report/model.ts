import type { Clusters } from '../artifacts/clusters.js';
import type { PhraseSet } from '../artifacts/phrases.js';
import type { Weights } from '../artifacts/weights.js';
import { documentChars, paragraphCount, type Corpus, type Document } from '../artifacts/corpus.js';
import { leadingCurves, type AdoptionChart } from '../phrases/adoption.js';
import type { PaperTable } from './paper.js';
import type { RunRecord } from '../artifacts/run.js';

export interface ReportSettings {
  reports_listed: number;
  keywords: number;
}

export interface ListedReport {
  doc_id: string;
  /** Region and year, the name a reader knows the report by. */
  name: string;
  title: string;
  region: string;
  level: string;
  year: number | null;
  chars: number;
  paragraphs: number;
  cluster: number | null;
  keywords: string[];
}

/** Everything summary.md and report.html show, computed once from the artifacts. */
export interface ReportModel {
  run: RunRecord;
  overview: { documents: number; reports: number; other: number; regions: number; provinces: number; characters: number; paragraphs: number; years: [string, number][]; levels: [string, number][] };
  /** Reports shown one by one (the first reports_listed by doc_id); `reports` says how many there are. */
  listed: ListedReport[];
  paper: PaperTable[];
  clusters?: {
    labels: string[];
    sizes: number[];
    kSelection: Clusters['kSelection'];
    points: { doc_id: string; name: string; cluster: number; x: number; y: number }[];
  };
  themes?: { labels: string[]; shares: { doc_id: string; name: string; shares: number[] }[] };
  attention: { categories: string[]; rows: { doc_id: string; name: string; values: (number | null)[] }[] };
  keyness: { group_by: string; target: string; reference: string; terms: { term: string; g2: number; log_ratio: number; target_count: number; reference_count: number }[] }[];
  lexiconTerms: number;
  /** Adoption curves of the leading new slogans (phrase_adoption_by_year.csv), with two regions or more. */
  adoption?: AdoptionChart;
  /** Why there is no adoption chart, when the corpus has fewer than two regions (a curve would only step from 0 to 1). */
  adoptionNote?: string;
  weighScheme: string;
  settings: ReportSettings;
}

export interface ModelInputs {
  corpus: Corpus;
  phrases: PhraseSet;
  weights: Weights;
  clusters?: Clusters;
  run: RunRecord;
}

const nameOf = (d: Document) => `${d.region || d.title || d.doc_id}${d.year ? ` ${d.year}` : ''}`;

function tally(values: readonly string[]): [string, number][] {
  const n = new Map<string, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function reportModel(inputs: ModelInputs, paper: PaperTable[], settings: ReportSettings): ReportModel {
  const { corpus, weights, clusters } = inputs;
  const reports = corpus.documents.filter((d) => d.kind === 'report');
  const listedDocs = reports.slice(0, settings.reports_listed);
  const listedIds = new Set(listedDocs.map((d) => d.doc_id));
  const clusterOf = new Map<string, number>(clusters ? clusters.docIds.map((id, i) => [id, clusters.cluster[i]!]) : []);
  const keywords = new Map<string, string[]>();
  for (const k of weights.keywords) {
    if (!listedIds.has(k.doc_id) || k.rank > settings.keywords) continue;
    keywords.set(k.doc_id, [...(keywords.get(k.doc_id) ?? []), k.term]);
  }
  const listed: ListedReport[] = listedDocs.map((d) => ({
    doc_id: d.doc_id,
    name: nameOf(d),
    title: d.title,
    region: d.region,
    level: d.level,
    year: d.year,
    chars: documentChars(d),
    paragraphs: paragraphCount(d),
    cluster: clusterOf.get(d.doc_id) ?? null,
    keywords: keywords.get(d.doc_id) ?? [],
  }));

  const byId = new Map(corpus.documents.map((d) => [d.doc_id, d]));
  const docName = (id: string) => (byId.get(id) ? nameOf(byId.get(id)!) : id);

  const categories = [...new Set(weights.attention.map((a) => `${a.dictionary}/${a.category}`))].sort();
  const attentionRows = new Map<string, (number | null)[]>();
  for (const a of weights.attention) {
    const id = weights.docIds[a.doc]!;
    if (!listedIds.has(id)) continue;
    const row = attentionRows.get(id) ?? categories.map(() => null);
    row[categories.indexOf(`${a.dictionary}/${a.category}`)] = a.per_10k;
    attentionRows.set(id, row);
  }

  const keyness: ReportModel['keyness'] = [];
  for (const k of weights.keyness) {
    let group = keyness.find((g) => g.group_by === k.group_by && g.target === k.target && g.reference === k.reference);
    if (!group) keyness.push((group = { group_by: k.group_by, target: k.target, reference: k.reference, terms: [] }));
    if (group.terms.length < 10) group.terms.push({ term: k.term, g2: k.g2, log_ratio: k.log_ratio, target_count: k.target_count, reference_count: k.reference_count });
  }

  let clusterPart: ReportModel['clusters'];
  let themePart: ReportModel['themes'];
  if (clusters) {
    clusterPart = {
      labels: clusters.labels,
      sizes: clusters.labels.map((_, c) => clusters.cluster.filter((x) => x === c + 1).length),
      kSelection: clusters.kSelection,
      points: clusters.docIds.map((id, i) => ({ doc_id: id, name: docName(id), cluster: clusters.cluster[i]!, x: clusters.xy[i]![0], y: clusters.xy[i]![1] })),
    };
    const shares = new Map<string, number[]>();
    for (const t of clusters.themeCounts) {
      if (t.section !== 'all' || !listedIds.has(t.doc_id)) continue;
      const row = shares.get(t.doc_id) ?? clusters.themeLabels.map(() => 0);
      row[t.theme - 1] = t.share;
      shares.set(t.doc_id, row);
    }
    themePart = { labels: clusters.themeLabels, shares: listedDocs.filter((d) => shares.has(d.doc_id)).map((d) => ({ doc_id: d.doc_id, name: nameOf(d), shares: shares.get(d.doc_id)! })) };
  }

  // Lexicon categories by name; other dictionaries' categories with the dictionary in brackets.
  const categoryLabel = (key: string) => (key.startsWith('lexicon/') ? key.slice(8) : `${key.slice(key.indexOf('/') + 1)} (${key.slice(0, key.indexOf('/'))})`);
  return {
    run: inputs.run,
    overview: {
      documents: corpus.documents.length,
      reports: reports.length,
      other: corpus.documents.length - reports.length,
      regions: new Set(reports.map((d) => d.region).filter(Boolean)).size,
      provinces: new Set(reports.map((d) => d.province).filter(Boolean)).size,
      characters: corpus.documents.reduce((n, d) => n + documentChars(d), 0),
      paragraphs: corpus.documents.reduce((n, d) => n + paragraphCount(d), 0),
      years: tally(reports.map((d) => (d.year === null ? '(unknown)' : String(d.year)))),
      levels: tally(reports.map((d) => d.level)),
    },
    listed,
    paper,
    clusters: clusterPart,
    themes: themePart,
    attention: { categories: categories.map(categoryLabel), rows: listedDocs.filter((d) => attentionRows.has(d.doc_id)).map((d) => ({ doc_id: d.doc_id, name: nameOf(d), values: attentionRows.get(d.doc_id)! })) },
    keyness,
    lexiconTerms: inputs.phrases.lexicon.entries.length,
    ...adoptionPart(reports, inputs.phrases),
    weighScheme: weights.meta.scheme,
    settings,
  };
}

/**
 * The adoption chart, or a note instead of it: with fewer than two regions
 * reporting (a dated report with a region), a region-count curve only steps
 * from 0 to 1 in the year of first use, which phrases.csv's first_year says.
 */
function adoptionPart(reports: readonly Document[], phrases: PhraseSet): { adoption?: AdoptionChart; adoptionNote?: string } {
  const regions = new Set(reports.filter((d) => d.region && d.year !== null).map((d) => d.region)).size;
  if (regions >= 2) return { adoption: leadingCurves(phrases.phrases, phrases.adoption?.curves ?? []) };
  return { adoptionNote: `No adoption chart: the reports come from ${regions === 1 ? 'one region' : 'no dated region'}, so a curve of regions using a phrase would only step from 0 to 1 in its first year (first_year in phrases.csv).` };
}
