/**
 * govtext as a library: the artifact types, the stages as pure functions,
 * and the pipeline runner.
 */
export type { Corpus, CorpusMeta, Document, DocVars, DocumentKind, Level, Message, Section, SectionKind } from './types.js';
export { documentChars, paragraphCount, sectionOf } from './types.js';
export { InputError, UsageError } from './errors.js';
export type { Source, SourceFormat } from './io/sources.js';
export { listInputFiles, readSource } from './io/sources.js';
export { decodeBuffer } from './io/decode.js';
export { ingest, ingestParams, type IngestParams } from './stages/ingest.js';
export type { StageContext } from './stages/context.js';
export { phrases, phrasesParams, type PhrasesParams, type Phrase, type PhraseKind, type PhraseSet } from './stages/phrases.js';
export { segment, segmentParams, tokensOf, type SegmentParams, type Tokens, type TokenizedDocument } from './stages/segment.js';
export { weigh, weighParams, type WeighParams, type Weights, type KeywordRow, type PolicyTermRow } from './stages/weigh.js';
export { buildDtm, documentFrequency, type Dtm } from './weigh/dtm.js';
export { tfidf, selectFeatures, type Tfidf, type TfidfOptions } from './weigh/tfidf.js';
export { keyness, keyness2x2, groupCounts, type KeynessRow, type KeynessStats } from './weigh/keyness.js';
export { nearestNeighbours, type NeighbourRow } from './weigh/similarity.js';
export { attention, readDictionary, type Dictionary, type AttentionRow } from './weigh/attention.js';
export { kwic, type KwicRow } from './weigh/kwic.js';
export { groupTable, type GroupSpec } from './tables/groups.js';
export { cluster, clusterParams, type ClusterParams, type Clusters } from './stages/cluster.js';
export { sphericalKmeans, sphericalInertia, cosineDistance } from './cluster/spherical.js';
export { silhouette } from './cluster/silhouette.js';
export { pca2 } from './cluster/pca.js';
export { indicators, indicatorsParams, isHard, type IndicatorsParams, type Indicators, type IndicatorRow, type TargetRow, type HeadlineTarget } from './stages/indicators.js';
export { statementsOf, sentencesOf, kindOf, type Statement, type IndicatorKind, type Horizon } from './indicators/extract.js';
export { INDICATOR_NAMES, HEADLINE_TARGETS, indicatorOf, type IndicatorName } from './indicators/names.js';
export { chineseNumeral, parseNumber } from './indicators/numbers.js';
export { indicatorsTable, targetsTable, INDICATOR_COLUMNS, TARGET_COLUMNS } from './tables/indicators.js';
export { loadLexicon, readLexiconFile, type Lexicon, type LexiconEntry } from './lexicon/lexicon.js';
export { loadStopwords } from './lexicon/stopwords.js';
export { TermTrie } from './text/trie.js';
export { STAGES, stageNamed, type Artifacts, type StageDefinition } from './pipeline/registry.js';
export { loadPipeline, parsePipeline, applyOverrides, type Pipeline, type PipelineStage } from './pipeline/spec.js';
export { runPipeline, type RunOptions, type RunResult } from './pipeline/runner.js';
export type { Manifest } from './pipeline/manifest.js';
export { readSources } from './io/read.js';
export { toCsv, neutralizeFormula, type Table, type Cell } from './tables/csv.js';
export { corpusTable, sectionsTable } from './tables/corpus.js';
export { phrasesTable } from './tables/phrases.js';
export { stageParameterDocs } from './pipeline/describe.js';
export { seededUniform } from './random.js';
