import type { z } from 'zod';
import type { RunScope, StageContext } from './context.js';
import { ingest } from '../stages/ingest.js';
import { ingestParams } from '../artifacts/corpus.js';
import { phrases } from '../stages/phrases.js';
import { phrasesParams } from '../artifacts/phrases.js';
import { segment, warmSegment } from '../stages/segment.js';
import { segmentParams, tokenCount } from '../artifacts/tokens.js';
import { weigh } from '../stages/weigh.js';
import { weighParams } from '../artifacts/weights.js';
import { cluster } from '../stages/cluster.js';
import { clusterParams } from '../artifacts/clusters.js';
import { indicators } from '../stages/indicators.js';
import { indicatorsParams } from '../artifacts/indicators.js';
import { report } from '../stages/report.js';
import { reportParams } from '../artifacts/report.js';
import type { Corpus, Message } from '../artifacts/corpus.js';
import type { ArtifactName, Artifacts } from '../artifacts/index.js';
import type { Made, MadeName } from '../artifacts/index.js';


/** A stage: its parameters (schema with defaults), what it needs and makes (K), and the pure function. */
export interface StageDefinition<P extends z.ZodTypeAny = z.ZodTypeAny, K extends MadeName = MadeName> {
  name: string;
  summary: string;
  params: P;
  needs: readonly ArtifactName[];
  makes: K;
  /**
   * Reads the text of every paragraph, over and over: the corpus text stays
   * in memory until the last such stage is done; later stages read a
   * document's text back from clean/ through `ctx.text` (pipeline/text.ts).
   */
  readsText?: boolean;
  run(artifacts: Artifacts, params: z.infer<P>, ctx: StageContext): Made<K> | Promise<Made<K>>;
  /**
   * Slow set-up that depends only on the corpus, started by the runner as
   * soon as the corpus exists so that it overlaps the stages before this one
   * (segment: worker threads loading nodejieba's dictionaries). What it
   * starts it keeps in the run's `scope`, where the stage finds it; the
   * runner disposes of the scope when the run ends (and with it what the
   * stage did not use).
   */
  warm?(corpus: Corpus, params: z.infer<P>, scope: RunScope): void;
  /** Warnings the made artifact carries. */
  messagesOf(made: Made<K>): readonly Message[];
  /** What the manifest records about the made artifact beyond counts (e.g. which phrases became tokens). */
  details?(made: Made<K>): Record<string, unknown>;
}

/**
 * A stage with its parameter schema P and its artifact K checked against
 * each other. In the list of all stages K is any artifact: the runner gives
 * each stage's functions only what that stage made.
 */
function defineStage<P extends z.ZodTypeAny, K extends MadeName>(def: StageDefinition<P, K>): StageDefinition<P, K> {
  return def;
}

/** The ingest stage. */
export const INGEST_STAGE = defineStage({
  name: 'ingest',
  summary: 'files -> corpus of documents with metadata, sections and paragraphs',
  params: ingestParams,
  needs: ['sources'],
  makes: 'corpus',
  run: (a, p, ctx) => ingest(a.sources, p, ctx),
  messagesOf: (made) => made.messages,
  details: (made) => made.meta.details ?? {},
});

/** The phrases stage. */
export const PHRASES_STAGE = defineStage({
  name: 'phrases',
  summary: 'policy lexicon + discovery of quoted, numeric and statistical phrases, with their recurrence',
  params: phrasesParams,
  needs: ['corpus'],
  makes: 'phrases',
  readsText: true,
  run: (a, p, ctx) => phrases(a.corpus!, p, ctx),
  messagesOf: (made) => made.messages,
  details: (set) => {
    const discovered = set.phrases.filter((p) => p.compound && p.kind !== 'lexicon');
    return {
      lexicon_terms: set.lexicon.entries.length,
      phrases: set.phrases.length,
      discovered_compounds: discovered.map((p) => p.phrase),
    };
  },
});

/** The segment stage. */
export const SEGMENT_STAGE = defineStage({
  name: 'segment',
  summary: 'nodejieba tokens with lexicon terms and discovered phrases kept whole; stopwords, numbers, punctuation removed',
  params: segmentParams,
  needs: ['corpus', 'phrases'],
  makes: 'tokens',
  readsText: true,
  run: (a, p, ctx) => segment(a.corpus!, a.phrases!, p, ctx),
  warm: warmSegment,
  messagesOf: (made) => made.messages,
  details: (t) => {
    return { workers: t.meta.workers, compounds: t.meta.compounds, vocabulary: t.vocab.length, tokens: t.documents.reduce((n, d) => n + tokenCount(d), 0) };
  },
});

/** The weigh stage. */
export const WEIGH_STAGE = defineStage({
  name: 'weigh',
  summary: 'sparse document-term matrix, TF-IDF (scikit-learn defaults), keywords, policy terms, attention, keyness, similarity',
  params: weighParams,
  needs: ['corpus', 'tokens', 'phrases'],
  makes: 'weights',
  run: (a, p, ctx) => weigh(a.corpus!, a.tokens!, a.phrases!, p, ctx),
  messagesOf: (made) => made.messages,
  details: (w) => {
    let features = 0;
    for (let t = 0; t < w.tfidf.df.length; t++) if (w.tfidf.df[t]! > 0) features++;
    return { scheme: w.meta.scheme, features, nonzero: w.features.indices.length, tfidf_rows: w.meta.params.tfidf_rows, policy_rows: w.meta.params.policy_rows, similarity: w.meta.similarity };
  },
});

/** The cluster stage. */
export const CLUSTER_STAGE = defineStage({
  name: 'cluster',
  summary: 'spherical k-means of reports (k by silhouette) and of paragraphs into themes, labelled by distinctive terms',
  params: clusterParams,
  needs: ['corpus', 'tokens', 'weights'],
  makes: 'clusters',
  run: (a, p, ctx) => cluster(a.corpus!, a.tokens!, a.weights!, p, ctx),
  messagesOf: (made) => made.messages,
  details: (c) => {
    return { k: c.labels.length, cluster_labels: c.labels, themes: c.themeLabels, silhouette: c.meta.silhouette, opening_formula_paragraphs: c.meta.formulaParagraphs };
  },
});

/** The indicators stage. */
export const INDICATORS_STAGE = defineStage({
  name: 'indicators',
  summary: 'targets and achieved figures (增长7%以上, 完成107.2亿元) of each report, and its headline targets as one row',
  params: indicatorsParams,
  needs: ['corpus'],
  makes: 'indicators',
  run: (a, p, ctx) => indicators(a.corpus!, p, ctx),
  messagesOf: (made) => made.messages,
  details: (ind) => {
    return {
      statements: ind.rows.length,
      targets: ind.rows.filter((r) => r.kind === 'target').length,
      achieved: ind.rows.filter((r) => r.kind === 'achieved').length,
      reports_with_gdp_target: ind.targets.filter((t) => t.targets.gdp_growth).length,
      target_outcomes: ind.outcomes.length,
      target_outcomes_with_achieved: ind.outcomes.filter((o) => o.achieved !== null).length,
    };
  },
});

/** The report stage. */
export const REPORT_STAGE = defineStage({
  name: 'report',
  summary: 'comparison tables for papers (danfojs DataFrames -> CSV, XLSX, Markdown, LaTeX), summary.md and a self-contained report.html',
  params: reportParams,
  needs: ['corpus', 'phrases', 'weights', 'run'],
  makes: 'report',
  run: (a, p, ctx) => report({ corpus: a.corpus!, phrases: a.phrases!, weights: a.weights!, clusters: a.clusters, indicators: a.indicators, run: a.run! }, p, ctx),
  messagesOf: (made) => made.messages,
  details: (r) => {
    return { paper_tables: r.tables.map((t) => t.name), html: r.html !== null, xlsx: r.xlsx };
  },
});

/** Every stage, in pipeline order. */
export const STAGES: readonly StageDefinition[] = [INGEST_STAGE, PHRASES_STAGE, SEGMENT_STAGE, WEIGH_STAGE, CLUSTER_STAGE, INDICATORS_STAGE, REPORT_STAGE];

export function stageNamed(name: string): StageDefinition | undefined {
  return STAGES.find((s) => s.name === name);
}

export const STAGE_NAMES = STAGES.map((s) => s.name);
