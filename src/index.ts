/**
 * govtext as a library: the artifact types, the stages as pure functions,
 * the pipeline runner, the table builders and the algorithms behind them.
 *
 * @example
 * import { readSources, ingest, ingestParams, phrases, phrasesParams, policyTermRows } from 'govtext';
 * const { sources } = readSources(['data/raw'], process.cwd(), console.warn);
 * const corpus = ingest(sources, ingestParams.parse({}));
 * const set = phrases(corpus, phrasesParams.parse({}));
 *
 * @packageDocumentation
 */

// Artifacts: each one's type and its stage's parameter schema (src/artifacts/).
export type { Artifacts, ArtifactName, Made, MadeName } from './artifacts/index.js';
export type { Corpus, CorpusMeta, Document, DocVars, DocumentKind, Level, Message, Section, SectionKind, TextCounts, TextStore } from './artifacts/corpus.js';
export { documentChars, documentText, paragraphCount, sectionOf, ingestParams, type IngestParams } from './artifacts/corpus.js';
export { phrasesParams, type PhrasesParams, type Phrase, type PhraseKind, type PhraseSet } from './artifacts/phrases.js';
export { segmentParams, tokensOf, tokenCount, releaseTokenIds, type SegmentParams, type Tokens, type TokenizedDocument } from './artifacts/tokens.js';
export { weighParams, type WeighParams, type Weights, type KeywordRow, type KeynessTableRow, type PolicyTermRow, type PolicyTable, type WrittenRows } from './artifacts/weights.js';
export { clusterParams, type ClusterParams, type Clusters, type KSelectionRow } from './artifacts/clusters.js';
export { indicatorsParams, type IndicatorsParams, type Indicators, type IndicatorRow, type TargetRow, type HeadlineTarget, type TargetOutcome } from './artifacts/indicators.js';
export { reportParams, type ReportParams, type Report, type ReportInputs } from './artifacts/report.js';
export type { Manifest, RunRecord, TableRecord, SheetRecord } from './artifacts/run.js';
export type { Table, Cell, TableFrame } from './artifacts/frame.js';

// Stages: pure functions of their artifacts and parameters, and their definitions for the runner.
export { ingest } from './stages/ingest.js';
export { phrases } from './stages/phrases.js';
export { segment } from './stages/segment.js';
export { weigh } from './stages/weigh.js';
export { cluster } from './stages/cluster.js';
export { indicators, isHard } from './stages/indicators.js';
export { report } from './stages/report.js';
export { stageContext, RunScope, type RunState, type StageContext } from './pipeline/context.js';
export { STAGES, stageNamed, INGEST_STAGE, PHRASES_STAGE, SEGMENT_STAGE, WEIGH_STAGE, CLUSTER_STAGE, INDICATORS_STAGE, REPORT_STAGE, type StageDefinition } from './pipeline/registry.js';

// The runner and its inputs.
export { loadPipeline, parsePipeline, applyOverrides, type Pipeline, type PipelineStage } from './pipeline/spec.js';
export { runPipeline, type RunOptions, type RunResult } from './pipeline/runner.js';
export { FolderText } from './pipeline/text.js';
export type { ProgressReporter } from './pipeline/progress.js';
export { readSources } from './io/read.js';
export type { Source, SourceFormat, SourceRecord } from './io/sources.js';
export { listInputFiles, readSource } from './io/sources.js';
export { decodeBuffer, type Decoded } from './io/decode.js';
export { InputError, UsageError } from './errors.js';
export { stageParameterDocs } from './pipeline/describe.js';

// Output tables: the declarations, their row builders, and the CSV they are written as.
export { TABLES, RUN_OUTPUTS, type TableDeclaration, type SheetCut, type TableArtifact, type RunOutputDeclaration, type RunFile } from './output/tables.js';
export { corpusTable, sectionsTable } from './tables/corpus.js';
export { phrasesTable } from './tables/phrases.js';
export { keywordsTable, policyTermsTable, attentionTable, keynessTable, similarityTable } from './tables/weights.js';
export { clustersTable, clusterTermsTable, kSelectionTable, themesTable, themesBySectionTable, themeTermsTable } from './tables/clusters.js';
export { indicatorsTable, targetsTable, INDICATOR_COLUMNS, TARGET_COLUMNS } from './tables/indicators.js';
export { groupTable, type GroupSpec, type GroupInput } from './tables/groups.js';
export { toCsv, neutralizeFormula } from './output/csv.js';

// Weigh: the document-term matrix and what is computed from it.
export { buildDtm, documentFrequency, type Dtm } from './weigh/dtm.js';
export { tfidf, selectFeatures, type Tfidf, type TfidfOptions, type FeatureOptions } from './weigh/tfidf.js';
export { policyTermRows, buildPolicyTable, policyCategories } from './weigh/policy.js';
export { keywordRows } from './weigh/keywords.js';
export { keynessTables } from './weigh/keyness-tables.js';
export { per10k } from './weigh/rate.js';
export { keyness, keyness2x2, groupCounts, type KeynessRow, type KeynessStats, type KeynessOptions } from './weigh/keyness.js';
export { nearestNeighboursBounded, type NeighbourRow, type NeighbourMethod, type NeighbourOptions } from './weigh/similarity.js';
export { attention, readDictionary, type Dictionary, type AttentionRow } from './weigh/attention.js';
export { kwic, type KwicRow } from './weigh/kwic.js';

// Indicators.
export { statementsOf, sentencesOf, indicatorKindOf, type Statement, type IndicatorKind, type Horizon } from './indicators/extract.js';
export { INDICATOR_NAMES, HEADLINE_TARGETS, indicatorOf, type IndicatorName } from './indicators/names.js';
export { chineseNumeral, parseNumber } from './indicators/numbers.js';

// Lexicon and text.
export { loadLexicon, readLexiconFile, type Lexicon, type LexiconEntry } from './lexicon/lexicon.js';
export { loadStopwords } from './lexicon/stopwords.js';
export { TermTrie, type OccurrenceCounter } from './text/trie.js';
export { seededUniform } from './random.js';
