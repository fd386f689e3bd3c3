import type { z } from 'zod';
import type { Source } from '../io/sources.js';
import type { StageContext } from '../stages/context.js';
import { ingest, ingestParams } from '../stages/ingest.js';
import { phrases, phrasesParams, type PhraseSet } from '../stages/phrases.js';
import { releaseWarmSegment, segment, segmentParams, warmSegment, type Tokens } from '../stages/segment.js';
import { weigh, weighParams, type Weights } from '../stages/weigh.js';
import { cluster, clusterParams, type Clusters } from '../stages/cluster.js';
import { indicators, indicatorsParams, type Indicators } from '../stages/indicators.js';
import { report, reportParams, type Report } from '../stages/report.js';
import type { RunRecord } from '../report/model.js';
import type { Corpus, Message } from '../types.js';

/**
 * The artifacts a run holds, by name. `sources` is what the runner reads;
 * every other artifact is made by a stage and persisted by a writer.
 */
export interface Artifacts {
  sources: Source[];
  corpus?: Corpus;
  phrases?: PhraseSet;
  tokens?: Tokens;
  weights?: Weights;
  clusters?: Clusters;
  indicators?: Indicators;
  report?: Report;
  /** The run so far (pipeline, parameters, versions, inputs, warnings), kept current by the runner for the report. */
  run?: RunRecord;
}

export type ArtifactName = keyof Artifacts;

/** A stage: its parameters (schema with defaults), what it needs and makes, and the pure function. */
export interface StageDefinition<P extends z.ZodTypeAny = z.ZodTypeAny> {
  name: string;
  summary: string;
  params: P;
  needs: readonly ArtifactName[];
  makes: ArtifactName;
  /**
   * Reads the text of every paragraph, over and over: the corpus text stays
   * in memory until the last such stage is done; later stages read a
   * document's text back from clean/ when they touch it (pipeline/text.ts).
   */
  readsText?: boolean;
  run(artifacts: Artifacts, params: z.infer<P>, ctx: StageContext): Artifacts[ArtifactName] | Promise<Artifacts[ArtifactName]>;
  /**
   * Slow set-up that depends only on the corpus, started by the runner as
   * soon as the corpus exists so that it overlaps the stages before this one
   * (segment: worker threads loading nodejieba's dictionaries). `cool` undoes
   * it when the run ends without the stage having used it.
   */
  warm?(corpus: Corpus, params: z.infer<P>): void;
  cool?(): Promise<void>;
  /** Warnings the made artifact carries. */
  messagesOf(made: unknown): readonly Message[];
  /** What the manifest records about the made artifact beyond counts (e.g. which phrases became tokens). */
  details?(made: unknown): Record<string, unknown>;
}

function defineStage<P extends z.ZodTypeAny>(def: StageDefinition<P>): StageDefinition<P> {
  return def;
}

const corpusMessages = (made: unknown) => (made as Corpus).messages;

export const STAGES: readonly StageDefinition[] = [
  defineStage({
    name: 'ingest',
    summary: 'files -> corpus of documents with metadata, sections and paragraphs',
    params: ingestParams,
    needs: ['sources'],
    makes: 'corpus',
    run: (a, p, ctx) => ingest(a.sources, p, ctx),
    messagesOf: corpusMessages,
  }),
  defineStage({
    name: 'phrases',
    summary: 'policy lexicon + discovery of quoted, numeric and statistical phrases, with their recurrence',
    params: phrasesParams,
    needs: ['corpus'],
    makes: 'phrases',
    readsText: true,
    run: (a, p, ctx) => phrases(a.corpus!, p, ctx),
    messagesOf: (made) => (made as PhraseSet).messages,
    details: (made) => {
      const set = made as PhraseSet;
      const discovered = set.phrases.filter((p) => p.compound && p.kind !== 'lexicon');
      return {
        lexicon_terms: set.lexicon.entries.length,
        phrases: set.phrases.length,
        discovered_compounds: discovered.map((p) => p.phrase),
      };
    },
  }),
  defineStage({
    name: 'segment',
    summary: 'nodejieba tokens with lexicon terms and discovered phrases kept whole; stopwords, numbers, punctuation removed',
    params: segmentParams,
    needs: ['corpus', 'phrases'],
    makes: 'tokens',
    readsText: true,
    run: (a, p, ctx) => segment(a.corpus!, a.phrases!, p, ctx),
    warm: (corpus, p) => warmSegment(corpus, p),
    cool: releaseWarmSegment,
    messagesOf: (made) => (made as Tokens).messages,
    details: (made) => {
      const t = made as Tokens;
      return { workers: t.meta.workers, compounds: t.meta.compounds, vocabulary: t.vocab.length, tokens: t.documents.reduce((n, d) => n + d.ids.length, 0) };
    },
  }),
  defineStage({
    name: 'weigh',
    summary: 'sparse document-term matrix, TF-IDF (scikit-learn defaults), keywords, policy terms, attention, keyness, similarity',
    params: weighParams,
    needs: ['corpus', 'tokens', 'phrases'],
    makes: 'weights',
    run: (a, p, ctx) => weigh(a.corpus!, a.tokens!, a.phrases!, p, ctx),
    messagesOf: (made) => (made as Weights).messages,
    details: (made) => {
      const w = made as Weights;
      let features = 0;
      for (let t = 0; t < w.tfidf.df.length; t++) if (w.tfidf.df[t]! > 0) features++;
      return { scheme: w.meta.scheme, features, nonzero: w.features.indices.length, tfidf_rows: w.meta.params.tfidf_rows, policy_rows: w.meta.params.policy_rows, similarity: w.meta.similarity };
    },
  }),
  defineStage({
    name: 'cluster',
    summary: 'spherical k-means of reports (k by silhouette) and of paragraphs into themes, labelled by distinctive terms',
    params: clusterParams,
    needs: ['corpus', 'tokens', 'weights'],
    makes: 'clusters',
    run: (a, p, ctx) => cluster(a.corpus!, a.tokens!, a.weights!, p, ctx),
    messagesOf: (made) => (made as Clusters).messages,
    details: (made) => {
      const c = made as Clusters;
      return { k: c.labels.length, cluster_labels: c.labels, themes: c.themeLabels, silhouette: c.meta.silhouette, opening_formula_paragraphs: c.meta.formulaParagraphs };
    },
  }),
  defineStage({
    name: 'indicators',
    summary: 'targets and achieved figures (增长7%以上, 完成107.2亿元) of each report, and its headline targets as one row',
    params: indicatorsParams,
    needs: ['corpus'],
    makes: 'indicators',
    run: (a, p, ctx) => indicators(a.corpus!, p, ctx),
    messagesOf: (made) => (made as Indicators).messages,
    details: (made) => {
      const ind = made as Indicators;
      return {
        statements: ind.rows.length,
        targets: ind.rows.filter((r) => r.kind === 'target').length,
        achieved: ind.rows.filter((r) => r.kind === 'achieved').length,
        reports_with_gdp_target: ind.targets.filter((t) => t.targets.gdp_growth).length,
        target_outcomes: ind.outcomes.length,
        target_outcomes_with_achieved: ind.outcomes.filter((o) => o.achieved !== null).length,
      };
    },
  }),
  defineStage({
    name: 'report',
    summary: 'comparison tables for papers (danfojs DataFrames -> CSV, XLSX, Markdown, LaTeX), summary.md and a self-contained report.html',
    params: reportParams,
    needs: ['corpus', 'phrases', 'weights', 'run'],
    makes: 'report',
    run: (a, p, ctx) => report({ corpus: a.corpus!, phrases: a.phrases!, weights: a.weights!, clusters: a.clusters, indicators: a.indicators, run: a.run! }, p, ctx),
    messagesOf: (made) => (made as Report).messages,
    details: (made) => {
      const r = made as Report;
      return { paper_tables: r.tables.map((t) => t.name), html: r.html !== null, xlsx: r.xlsx };
    },
  }),
];

export function stageNamed(name: string): StageDefinition | undefined {
  return STAGES.find((s) => s.name === name);
}

export const STAGE_NAMES = STAGES.map((s) => s.name);
