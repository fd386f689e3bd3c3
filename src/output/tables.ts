import type { ArtifactName, Artifacts, MadeName } from '../artifacts/index.js';
import type { Cell, Table } from '../artifacts/frame.js';
import { PARQUET, type TableRecord } from '../artifacts/run.js';
import { policyTermsParquet, tfidfParquet } from './sources.js';
import type { WrittenRows } from '../artifacts/weights.js';
import { CORPUS_COLUMNS, corpusTable, SECTION_COLUMNS, sectionsTable } from '../tables/corpus.js';
import { ADOPTION_BY_YEAR_COLUMNS, ADOPTION_COLUMNS, adoptionByYearTable, adoptionRows, adoptionTable, PHRASE_COLUMNS, phrasesTable } from '../tables/phrases.js';
import { INDICATOR_COLUMNS, indicatorsTable, TARGET_COLUMNS, TARGET_OUTCOME_COLUMNS, targetOutcomesTable, targetsTable } from '../tables/indicators.js';
import {
  CLUSTER_COLUMNS,
  CLUSTER_TERM_COLUMNS,
  clustersTable,
  clusterTermsTable,
  K_SELECTION_COLUMNS,
  kSelectionTable,
  THEME_BY_SECTION_COLUMNS,
  THEME_COLUMNS,
  THEME_TERM_COLUMNS,
  themesBySectionTable,
  themesTable,
  themeTermsTable,
} from '../tables/clusters.js';
import {
  ATTENTION_COLUMNS,
  attentionTable,
  KEYNESS_COLUMNS,
  keynessTable,
  KEYWORD_COLUMNS,
  keywordsTable,
  POLICY_TERM_COLUMNS,
  policyTermsTable,
  SIMILARITY_COLUMNS,
  similarityTable,
  TFIDF_COLUMNS,
  writePolicyTermsCsv,
  writeTfidfCsv,
} from '../tables/weights.js';
import { keepPerDocument, keepWholeDocuments, type Cut } from './cut.js';
import { FRAME_MAX_ROWS, writeRows, writeTable } from './write-table.js';
import { DTM_DOCUMENT_COLUMNS, DTM_TERM_COLUMNS, tokensByDocument, writeCitation, writeCorpusDta, writeDtmFiles, writePanelFiles, type Written } from './research.js';
import { PANEL_COLUMNS } from '../tables/panel.js';

/** The artifacts whose tables are written as CSV files. */
export type TableArtifact = 'corpus' | 'phrases' | 'weights' | 'clusters' | 'indicators';

/** How a long table is cut for its sheet in tables.xlsx (its CSV stays whole). */
export interface SheetCut<A> {
  /** What a cut keeps, in words (the `about` sheet and the manifest say it). */
  holds(cut: Cut): string;
  /** The cut table; default: whole documents by doc_id (first rows when there is none). */
  cut?(artifact: A, cut: Cut): Table;
}

/**
 * One output table, declared once: its file, what a row is, its columns,
 * what the README says of it, how it is written (through a DataFrame, or
 * streamed when long; `write` for a file written its own way) and how it is
 * cut for its sheet in tables.xlsx (`sheet: false`: not in the workbook).
 * The CSV writer, tables.xlsx, the manifest's `tables` and the README's
 * output table (checked by test/readme.test.ts) all read {@link TABLES}.
 *
 * @example
 * // A new table: one declaration here, plus the function that computes its rows (src/tables/).
 * declareTable({ name: 'terms', of: 'weights', rowPer: 'term', columns: ['term', 'df'], about: 'document frequency',
 *   streams: 'when long', build: termsTable, rows: (w) => w.vocab.length, sheet: { holds: (c) => `the first ${c.rows} rows` } });
 */
export interface TableDeclaration<K extends TableArtifact = TableArtifact> {
  /** File stem: NAME.csv, and the sheet's name. */
  name: string;
  /** The artifact the rows are computed from. */
  of: K;
  /** README: one row per … */
  rowPer: string;
  columns: readonly string[];
  /** README: the columns in words, when they depend on the run (targets.csv); default: the column names. */
  columnsText?: string;
  /** README: what the rows hold, after the columns ('' for nothing). */
  about: string;
  /** 'always': streamed row by row whatever its size; 'when long': through a danfojs DataFrame up to FRAME_MAX_ROWS rows, streamed beyond. */
  streams: 'always' | 'when long';
  /** The whole table; `all`: the run's other artifacts, for a table that takes a column from a later stage (corpus.csv's tokens). */
  build(artifact: NonNullable<Artifacts[K]>, all?: Artifacts): Table;
  /** Rows of the whole table, known without building it; default: built once and counted. */
  rows?(artifact: NonNullable<Artifacts[K]>): number;
  /** Writes the file its own way (a streamed or cut file); returns the output entries. Default: writeTable(build(artifact)). */
  write?(artifact: NonNullable<Artifacts[K]>, dir: string, record: (r: TableRecord) => void): string[];
  sheet: false | SheetCut<NonNullable<Artifacts[K]>>;
  /**
   * An artifact of a later stage that completes the table (corpus.csv's
   * tokens column): when the pipeline makes it, the table is written once,
   * after the last stage, from the whole run (`build(artifact, all)`); the
   * manifest lists it among its own artifact's files all the same.
   */
  completedBy?: MadeName;
}

/** A declaration with its artifact type checked, kept in a list of all. */
function declareTable<K extends TableArtifact>(d: TableDeclaration<K>): TableDeclaration {
  return d as unknown as TableDeclaration;
}

const wholeDocuments = (c: Cut) => `every row of the first documents (in the CSV's order) that fit in ${c.rows} rows`;
const firstRows = (c: Cut) => `the first ${c.rows} rows, in the CSV's order`;

/** Rows of a document that form a ranked list (keywords, neighbours): each document keeps its first, in the CSV's order. */
function perDocument(t: Table, c: Cut): Table {
  const j = t.columns.indexOf('doc_id');
  return { ...t, rows: keepPerDocument(t.rows, (r) => String(r[j] as Cell), c.perDocument).slice(0, c.rows) };
}

/** A table cut to whole documents by its doc_id column, or to its first rows when it has none. */
export function cutTable(table: Table, cut: Cut): Table {
  const j = table.columns.indexOf('doc_id');
  if (j < 0) return { ...table, rows: table.rows.slice(0, cut.rows) };
  return { ...table, rows: keepWholeDocuments(table.rows, (r) => String(r[j] as Cell), cut.rows).kept };
}

/** A file holding part of its table says so in its record (the stage has warned). */
const cutRecord = (r: WrittenRows): Pick<TableRecord, 'cut'> => (r.rows < r.of ? { cut: { of: r.of, per_document: r.perDocument, rule: r.rule, parameter: `weigh.${r.parameter}`, all: `--set weigh.${r.parameter}=all` } } : {});

/**
 * A table of the cluster stage: small (a row per document and theme at most), so its size is known by building
 * it; its sheet keeps whole documents.
 */
function clusterTable(name: string, rowPer: string, columns: readonly string[], build: (c: NonNullable<Artifacts['clusters']>) => Table, about: string): TableDeclaration {
  return declareTable({ name, of: 'clusters', rowPer, columns, about, streams: 'when long', build, sheet: { holds: wholeDocuments } });
}

/** Every output table, in the order they are written and appear in tables.xlsx and the README. */
export const TABLES: readonly TableDeclaration[] = [
  declareTable({
    name: 'corpus',
    of: 'corpus',
    rowPer: 'document',
    columns: CORPUS_COLUMNS,
    about: "tokens: the document's counted tokens (those of tokens.jsonl, the denominator of every per_10k; empty when segment did not run)",
    streams: 'when long',
    build: (c, all) => corpusTable(c, all && tokensByDocument(all)),
    rows: (c) => c.documents.length,
    sheet: { holds: wholeDocuments },
    completedBy: 'tokens',
  }),
  declareTable({
    name: 'sections',
    of: 'corpus',
    rowPer: 'section',
    columns: SECTION_COLUMNS,
    about: '',
    streams: 'when long',
    build: sectionsTable,
    rows: (c) => c.documents.reduce((n, d) => n + d.sections.length, 0),
    sheet: { holds: wholeDocuments },
  }),
  declareTable({
    name: 'phrases',
    of: 'phrases',
    rowPer: 'phrase',
    columns: PHRASE_COLUMNS,
    about: 'ranked by distinctiveness (see Phrases below)',
    streams: 'when long',
    build: phrasesTable,
    rows: (p) => p.phrases.length,
    sheet: { holds: (c) => `the first ${c.rows} phrases, in the CSV's order` },
  }),
  declareTable({
    name: 'phrase_adoption',
    of: 'phrases',
    rowPer: '(phrase, region)',
    columns: ADOPTION_COLUMNS,
    about: 'the first report of each region that used each phrase of phrases.csv (earliest year, ties by doc_id; reports without a year or region are not adoptions)',
    streams: 'when long',
    build: (p) => adoptionTable(p),
    rows: (p) => p.adoption.first.phrase.length,
    // Streamed from its columns, and cut before its rows are built: millions of rows at 10,000 reports.
    write: (p, dir, record) => [writeRows(adoptionRows(p), dir, record)],
    sheet: { holds: firstRows, cut: (p, c) => adoptionTable(p, c.rows) },
  }),
  declareTable({
    name: 'phrase_adoption_by_year',
    of: 'phrases',
    rowPer: '(phrase, year)',
    columns: ADOPTION_BY_YEAR_COLUMNS,
    about: "regions using the phrase for the first time that year, regions that had used it by then (cumulative adoption), and regions with a report by then; for the phrases of phrases.csv in `phrases.min_docs` reports or more, one row per year in which at least one region uses the phrase for the first time (the regions that had used it by any year are those of its last row at or before that year; with one region, one row: the year of first use)",
    streams: 'when long',
    build: adoptionByYearTable,
    rows: (p) => p.adoption.curves.length,
    sheet: { holds: firstRows },
  }),
  declareTable({
    name: 'tfidf',
    of: 'weights',
    rowPer: '(document, term)',
    columns: TFIDF_COLUMNS,
    about: "every feature term of every document, by tf-idf; over 1,000,000 rows, each document's top N (`weigh.tfidf_rows`, see Weigh; the manifest's record says so)",
    streams: 'always',
    build: () => {
      throw new Error('tfidf.csv is only streamed to its file');
    },
    write: (w, dir, record) => {
      const tfidfRows = w.meta.rows.tfidf;
      const rows = writeTfidfCsv(w, dir, tfidfRows.perDocument === Infinity ? 'all' : tfidfRows.perDocument);
      const top = tfidfRows.perDocument === Infinity ? 'all' : tfidfRows.perDocument;
      // tfidf.parquet holds the rows of tfidf.csv (cut the same way; --set weigh.tfidf_rows=all writes every row to both).
      record({ file: 'tfidf.csv', rows, built: 'streamed', ...cutRecord(tfidfRows), [PARQUET]: tfidfParquet(w, dir, top, rows) });
      return [`tfidf.csv (${rows}${rows < tfidfRows.of ? ` of ${tfidfRows.of}` : ''} rows)`];
    },
    sheet: false,
  }),
  declareTable({
    name: 'keywords',
    of: 'weights',
    rowPer: '(document, rank)',
    columns: KEYWORD_COLUMNS,
    about: 'the `weigh.keywords` terms of highest tf-idf (ties by term), report filler left out (`weigh.keyword_filler`: data/lexicon/stopwords_domain.txt and data/lexicon/keyword_filler.txt: 加快, 推进, 发展, 建设 …; they remain tokens everywhere else); numeral dates and years (一九五八年) and applause marks (鼓掌, 热烈鼓掌) are never tokens (`segment.remove_dates`, `segment.remove_applause`)',
    streams: 'when long',
    build: keywordsTable,
    rows: (w) => w.keywords.length,
    sheet: { holds: (c) => `each document's ${c.perDocument} keywords of highest rank`, cut: (w, c) => perDocument(keywordsTable(w), c) },
  }),
  declareTable({
    name: 'policy_terms',
    of: 'weights',
    rowPer: '(document, lexicon term)',
    columns: POLICY_TERM_COLUMNS,
    about:
      "every lexicon term and compounded phrase in the document (category `discovered:<kind>` for discoveries outside the lexicon, `study` for `phrases.terms`), terms with most hits first; `count` is the term's count in the cleaned text (see Counting), `tfidf` its tf-idf as a token (0 when it only occurs inside a longer term); over 1,000,000 rows, each document's first N (`weigh.policy_rows`, see Weigh; the manifest's record says so)",
    streams: 'when long',
    build: (w) => policyTermsTable(w),
    rows: (w) => w.policyTable.term.length,
    write: (w, dir, record) => {
      const policyRows = w.meta.rows.policy_terms;
      if (policyRows.rows > FRAME_MAX_ROWS) {
        const n = writePolicyTermsCsv(w, dir, policyRows.perDocument);
        record({ file: 'policy_terms.csv', rows: n, built: 'streamed', ...cutRecord(policyRows), [PARQUET]: policyTermsParquet(w, dir, policyRows.perDocument, n) });
        return [n < policyRows.of ? `policy_terms.csv (${n} of ${policyRows.of} rows)` : 'policy_terms.csv'];
      }
      // writeTable records the file: the cut, if any, is added to its record.
      const file = writeTable(policyTermsTable(w, policyRows.perDocument), dir, (r) => record({ ...r, ...cutRecord(policyRows), [PARQUET]: policyTermsParquet(w, dir, policyRows.perDocument, r.rows) }));
      return [policyRows.rows < policyRows.of ? `${file} (${policyRows.rows} of ${policyRows.of} rows)` : file];
    },
    // Cut before its rows are built: at 10,000 reports the full table has millions of rows.
    sheet: {
      holds: (c) => `each document's ${c.perDocument} policy terms with most hits (ties in the CSV's order), in the CSV's order`,
      cut: (w, c) => {
        const t = policyTermsTable(w, c.perDocument);
        return { ...t, rows: t.rows.slice(0, c.rows) };
      },
    },
  }),
  declareTable({
    name: 'attention',
    of: 'weights',
    rowPer: '(document, dictionary category)',
    columns: ATTENTION_COLUMNS,
    about: 'attention indices (see below)',
    streams: 'when long',
    build: attentionTable,
    rows: (w) => w.attention.length,
    sheet: { holds: wholeDocuments },
  }),
  declareTable({
    name: 'keyness',
    of: 'weights',
    rowPer: '(comparison, term)',
    columns: KEYNESS_COLUMNS,
    about: 'for each value of each `weigh.keyness` variable against the rest (`rest`, or the other value when there are two), the `keyness_top` terms it over-uses most',
    streams: 'when long',
    build: keynessTable,
    rows: (w) => w.keyness.length,
    sheet: { holds: firstRows },
  }),
  declareTable({
    name: 'similarity',
    of: 'weights',
    rowPer: '(document, neighbour)',
    columns: SIMILARITY_COLUMNS,
    about: "each report's `weigh.similarity` nearest reports by cosine of tf-idf",
    streams: 'when long',
    build: similarityTable,
    rows: (w) => w.similarity.length,
    sheet: { holds: (c) => `each document's ${c.perDocument} nearest neighbours`, cut: (w, c) => perDocument(similarityTable(w), c) },
  }),
  clusterTable('clusters', 'document', CLUSTER_COLUMNS, clustersTable,
    'report clusters (1-based), labelled by their most distinctive terms; per-report silhouette (cosine; simplified, to centroids, above `silhouette_sample` reports); x, y: first two principal components'),
  clusterTable('cluster_terms', '(cluster, rank)', CLUSTER_TERM_COLUMNS, clusterTermsTable,
    "weight = the term's c-TF-IDF in the cluster (rate in the cluster × log(1 + mean tokens per cluster / the term's count)), among terms over-used in the cluster (see Cluster below)"),
  clusterTable('k_selection', 'k tried', K_SELECTION_COLUMNS, kSelectionTable,
    'inertia = Σ (1 − cosine to the cluster\'s mean direction)'),
  clusterTable('themes', '(document, theme)', THEME_COLUMNS, themesTable,
    "each report's paragraphs per paragraph theme (paragraphs of `theme_min_tokens`+ tokens, without the opening dateline and address; manifest: `opening_formula_paragraphs`)"),
  clusterTable('themes_by_section', '(document, section, theme)', THEME_BY_SECTION_COLUMNS, themesBySectionTable,
    'the same within review, plan and other sections'),
  clusterTable('theme_terms', '(theme, rank)', THEME_TERM_COLUMNS, themeTermsTable,
    "the themes' distinctive terms, weighted as in cluster_terms.csv over the paragraphs of each theme"),
  declareTable({
    name: 'indicators',
    of: 'indicators',
    rowPer: 'quantitative statement',
    columns: INDICATOR_COLUMNS,
    about: 'every figure a report states for an indicator (see below)',
    streams: 'when long',
    build: indicatorsTable,
    rows: (ind) => ind.rows.length,
    sheet: {
      holds: (c) => `each document's first ${c.perDocument} statements, in text order`,
      cut: (ind, c) => indicatorsTable({ ...ind, rows: keepPerDocument(ind.rows, (r) => r.doc_id, c.perDocument).slice(0, c.rows) }),
    },
  }),
  declareTable({
    name: 'targets',
    of: 'indicators',
    rowPer: 'document',
    columns: TARGET_COLUMNS,
    columnsText: 'doc_id, region, year, then for each headline target X: X, X_upper, X_modifier, X_hard, X_paragraph, X_sentence (and gdp_growth_indicator) (see below)',
    about: '',
    streams: 'when long',
    build: targetsTable,
    rows: (ind) => ind.targets.length,
    sheet: { holds: wholeDocuments },
  }),
  declareTable({
    name: 'target_outcomes',
    of: 'indicators',
    rowPer: '(region, year, headline target)',
    columns: TARGET_OUTCOME_COLUMNS,
    about: 'the target year t\'s report sets against the figure the same region\'s t+1 report gives for t (see below)',
    streams: 'when long',
    build: targetOutcomesTable,
    rows: (ind) => ind.outcomes.length,
    sheet: { holds: (c) => `the first ${c.rows} rows` },
  }),
];

/**
 * One file written after the last stage, from the whole run (the panel, the
 * .dta files, the document-term matrix, the citation files), declared
 * once: its name, what a row is (tables) and what it holds, for the docs
 * (docs/outputs.md) and the tests. Not in tables.xlsx.
 */
export interface RunFile {
  /** File name in the output folder (NAME.csv for a table). */
  file: string;
  /** docs: one row per … ('-' for a file that is no table). */
  rowPer: string;
  /** The columns of a table, or what the file holds in words. */
  columns: readonly string[] | string;
  /** What the rows hold, after the columns ('' for nothing). */
  about: string;
}

/**
 * A group of files written after the last stage from one computation (one
 * panel gives panel.csv, panel.dta, panel_wide.csv …), when the run made
 * every artifact it `needs`. `write` writes the files in their declared
 * order; a table's Parquet twin follows from its record.
 *
 * @example
 * // A new whole-run table: one entry here, plus the function that writes it (src/output/research.ts).
 * { needs: ['corpus', 'weights'], files: [{ file: 'terms_by_year.csv', rowPer: '(term, year)', columns: ['term', 'year', 'hits'], about: '' }], write: writeTermsByYear }
 */
export interface RunOutputDeclaration {
  needs: readonly ArtifactName[];
  files: readonly RunFile[];
  write(a: Artifacts, dir: string, record: (r: TableRecord) => void): Written;
}

/** What every .dta file is (docs). */
const STATA =
  "Stata format 118 (Stata 14+, UTF-8: the Chinese survives), written by `src/output/stata.ts`; variable labels on every column, a data label; empty numbers are Stata's `.`; text over 2,045 bytes is a strL (never truncated)";

/** Every output written after the last stage, in the order written (after the declared tables completed by a later stage: corpus.csv). */
export const RUN_OUTPUTS: readonly RunOutputDeclaration[] = [
  {
    needs: ['corpus'],
    files: [{ file: 'corpus.dta', rowPer: 'document', columns: 'as corpus.csv (with its tokens column when segment ran)', about: STATA }],
    write: writeCorpusDta,
  },
  {
    needs: ['corpus', 'weights'],
    files: [
      {
        file: 'panel.csv',
        rowPer: '(report, variable)',
        columns: PANEL_COLUMNS,
        about:
          'the tidy long panel with explicit zeros: for every report (kind = report), every lexicon category (`kind` category; hits as in attention.csv), every category of the other attention dictionaries (`dictionary`, variable `dictionary:category`), every lexicon term (`term`; hits as in policy_terms.csv, 0 where absent) and every headline target (`target`: only `value`, empty when the report states none). `value` is per_10k for counts',
      },
      { file: 'panel.dta', rowPer: '(report, variable)', columns: 'as panel.csv', about: STATA },
      {
        file: 'panel_wide.csv',
        rowPer: '(region, year)',
        columns: 'region, year, reports, tokens, then one column per panel variable with a valid Stata name (`cat_rural`, `dict_env_attention_chen2018_envi`, `term_092`, `gdp_growth`)',
        about: "a count is the pooled rate (the region's reports of the year: Σ hits / Σ tokens × 10,000), a target the first report's that states one",
      },
      {
        file: 'panel_wide_variables.csv',
        rowPer: 'column of panel_wide.csv',
        columns: ['column', 'variable', 'kind', 'label', 'definition'],
        about: 'each column with its variable, kind, label (≤ 80 characters, the Stata variable label: 乡村振兴 (rural), per 10k tokens) and definition',
      },
      { file: 'panel_wide.dta', rowPer: '(region, year)', columns: 'as panel_wide.csv', about: `${STATA}; each column's label carries the Chinese term and what is measured` },
    ],
    write: writePanelFiles,
  },
  {
    needs: ['tokens'],
    files: [
      {
        file: 'dtm.mtx',
        rowPer: '-',
        columns: 'the document-term counts of tokens.jsonl as a Matrix Market file (coordinate integer general)',
        about: 'row *i* = line *i* of tokens.jsonl and of dtm_documents.csv; column *j* = row *j* of dtm_terms.csv',
      },
      { file: 'dtm_documents.csv', rowPer: 'row of dtm.mtx', columns: DTM_DOCUMENT_COLUMNS, about: '' },
      { file: 'dtm_terms.csv', rowPer: 'column of dtm.mtx', columns: DTM_TERM_COLUMNS, about: '' },
    ],
    write: writeDtmFiles,
  },
  {
    needs: ['run'],
    files: [
      { file: 'CITATION.cff', rowPer: '-', columns: 'how to cite govtext (Citation File Format)', about: '' },
      { file: 'how_to_cite.md', rowPer: '-', columns: 'what to report in a methods section about this run (version, pipeline sha256, corpus, denominators, dictionaries), generated from the run', about: '' },
    ],
    write: writeCitation,
  },
];

/** The CSV tables among the files written after the last stage. */
export function runTables(): RunFile[] {
  return RUN_OUTPUTS.flatMap((o) => o.files.filter((f) => f.file.endsWith('.csv')));
}

/** The declared tables computed from an artifact, in their order. */
export function tablesOf(artifact: TableArtifact): TableDeclaration[] {
  return TABLES.filter((t) => t.of === artifact);
}

/** The docs' row for a table or a file written after the last stage: | `NAME.csv` | one row per | columns — about |. */
export function readmeRow(t: TableDeclaration | RunFile): string {
  const [file, columns] = 'file' in t ? [t.file, typeof t.columns === 'string' ? t.columns : t.columns.join(', ')] : [`${t.name}.csv`, t.columnsText ?? t.columns.join(', ')];
  return `| \`${file}\` | ${t.rowPer} | ${columns}${t.about ? ` — ${t.about}` : ''} |`;
}
