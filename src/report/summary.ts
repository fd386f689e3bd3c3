import { displayCell, shortWarning } from './format.js';
import { escapeMarkdown, toMarkdown } from './markdown.js';
import { methodsParagraphs } from './methods.js';
import { corpusPhrase } from './overview.js';
import { citeParagraphs } from './cite.js';
import type { ReportModel } from './model.js';

const md = escapeMarkdown;

/** summary.md: the human summary of a run, in the order a researcher reads it. */
export function summaryMarkdown(m: ReportModel): string {
  const o = m.overview;
  const out: string[] = [];
  const h = (t: string) => out.push(`## ${t}\n`);
  out.push(`# govtext summary: ${md(m.run.pipeline.name)}\n`);
  out.push(`${corpusPhrase(o)}; ${o.characters.toLocaleString('en-US')} characters in ${o.paragraphs.toLocaleString('en-US')} paragraphs. Tables: the CSV files, tables.xlsx and tables/ (Markdown, LaTeX). Methods at the end.\n`);

  h('Corpus');
  out.push(toMarkdown({ columns: ['year', 'reports'], rows: o.years }));
  out.push(toMarkdown({ columns: ['level', 'reports'], rows: o.levels }));
  const more = o.reports > m.listed.length ? `\nThe first ${m.listed.length} of ${o.reports} reports by doc_id; all are in corpus.csv.\n` : '';
  out.push(toMarkdown({ columns: ['doc_id', 'region', 'level', 'year', 'characters', 'paragraphs', 'cluster'], rows: m.listed.map((r) => [r.doc_id, r.region, r.level, r.year, r.chars, r.paragraphs, r.cluster]) }) + more);

  for (const t of m.paper) {
    if (t.name === 'top_phrases' || t.name === 'cluster_membership' || t.name === 'policy_terms_by_year' || t.name === 'themes_by_year' || t.name === 'headline_targets' || t.name === 'gdp_target_outcomes') {
      h(t.caption);
      out.push(toMarkdown({ ...t, rows: t.rows.slice(0, 40) }));
      out.push(`${md(t.notes)}${t.rows.length > 40 ? ` The first 40 of ${t.rows.length} rows; all are in ${t.name}.csv.` : ''}\n`);
      if (t.name === 'cluster_membership') out.push('The map of the reports (x and y of clusters.csv: the first two principal components of their tf-idf vectors, coloured by cluster) is drawn in report.html.\n');
    }
  }

  h('Keywords per report (highest tf-idf)');
  out.push(toMarkdown({ columns: ['report', 'keywords'], rows: m.listed.map((r) => [r.name, r.keywords.join('、')]) }) + more);

  if (m.clusters) {
    h('How k was chosen');
    out.push(toMarkdown({ columns: ['k', 'silhouette', 'inertia', 'chosen'], rows: m.clusters.kSelection.map((r) => [r.k, r.silhouette, r.inertia, r.chosen ? 'chosen' : '']) }));
  }
  if (m.themes) {
    h('Theme shares per report');
    out.push(toMarkdown({ columns: ['report', ...m.themes.labels.map((l, i) => `${i + 1} ${l}`)], rows: m.themes.shares.map((s) => [s.name, ...s.shares]), digits: Object.fromEntries(m.themes.labels.map((l, i) => [`${i + 1} ${l}`, 2])) }) + more);
  }

  h('Attention indices (hits per 10,000 counted tokens)');
  out.push(toMarkdown({ columns: ['report', ...m.attention.categories], rows: m.attention.rows.map((r) => [r.name, ...r.values]), digits: Object.fromEntries(m.attention.categories.map((c) => [c, 1])) }) + more);

  if (m.keyness.length) {
    h('Keyness between groups (top terms by G2)');
    for (const k of m.keyness) {
      out.push(`**${md(k.group_by)}: ${md(k.target)} vs ${md(k.reference)}** — ${k.terms.map((t) => `${md(t.term)} (${displayCell(t.g2, 1)})`).join('、')}\n`);
    }
  }

  h(`Warnings (${m.run.warnings.length})`);
  out.push(m.run.warnings.length ? `${m.run.warnings.map((w) => `- ${md(`${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${shortWarning(w.text)} [${w.origin}]`)}`).join('\n')}\n` : 'None.\n');

  h('Methods');
  out.push(`${methodsParagraphs(m).map(md).join('\n\n')}\n`);
  h('How to cite and report');
  out.push(`${citeParagraphs(m.run).map(md).join('\n\n')}\n`);
  return out.join('\n');
}
