import { corpusPhrase } from './overview.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../paths.js';
import type { Cell } from '../artifacts/frame.js';
import { displayCell, shortWarning, type Digits } from './format.js';
import { methodsParagraphs } from './methods.js';
import type { ReportModel } from './model.js';

const require = createRequire(import.meta.url);

/** Text as HTML: & < > " ' escaped, so text from the inputs is shown, never run. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON for a <script type="application/json"> block: < > & and the two
 * JavaScript line separators as \u escapes, so no input text can close the
 * block or start markup inside it.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An inlined script must not contain the sequence that ends a script element. */
function inlineScript(code: string, what: string): string {
  if (/<\/script|<!--/i.test(code)) throw new Error(`${what} contains '</script' or '<!--' and cannot be inlined safely`);
  return `<script>${code}</script>`;
}

let assets: { echarts: string; client: string; css: string } | undefined;
function reportAssets() {
  assets ??= {
    echarts: readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8'),
    client: readFileSync(path.join(packageRoot(), 'assets', 'report.js'), 'utf8'),
    css: readFileSync(path.join(packageRoot(), 'assets', 'report.css'), 'utf8'),
  };
  return assets;
}

interface HtmlTableOptions {
  digits?: Digits;
  caption?: string;
  notes?: string;
  /** Rows shown; the notes say how many there are. */
  limit?: number;
}

function htmlTable(columns: readonly string[], rows: readonly (readonly Cell[])[], o: HtmlTableOptions = {}): string {
  const shown = o.limit !== undefined ? rows.slice(0, o.limit) : rows;
  const numeric = columns.map((_, j) => shown.length > 0 && shown.every((r) => r[j] === null || r[j] === undefined || typeof r[j] === 'number'));
  const head = columns.map((c, j) => `<th${numeric[j] ? ' class="num"' : ''} title="sort">${escapeHtml(c)}</th>`).join('');
  const body = shown
    .map((r) => `<tr>${columns.map((c, j) => {
      const v = r[j];
      const sortKey = typeof v === 'number' && Number.isFinite(v) ? ` data-v="${v}"` : '';
      return `<td${numeric[j] ? ' class="num"' : c === 'doc_id' ? ' class="id"' : ''}${sortKey}>${escapeHtml(displayCell(v, o.digits?.[c]))}</td>`;
    }).join('')}</tr>`)
    .join('\n');
  const cut = shown.length < rows.length ? ` Showing ${shown.length} of ${rows.length} rows.` : '';
  const notes = (o.notes ?? '') + cut;
  return `<figure class="table">${o.caption ? `<figcaption>${escapeHtml(o.caption)}</figcaption>` : ''}<div class="scroll"><table class="sortable"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>${notes ? `<p class="notes">${escapeHtml(notes.trim())}</p>` : ''}</figure>`;
}

/**
 * The series the target/outcome chart draws: the region with most rows of the table (the national
 * series on a national corpus), one point per year from its first to its last, null where unknown.
 */
export function outcomeSeries(t: { columns: readonly string[]; rows: readonly (readonly unknown[])[] }): { region: string; years: number[]; target: (number | null)[]; upper: (number | null)[]; achieved: (number | null)[] } | undefined {
  const count = new Map<string, number>();
  for (const r of t.rows) count.set(String(r[0]), (count.get(String(r[0])) ?? 0) + 1);
  const region = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const rows = t.rows.filter((r) => String(r[0]) === region);
  if (region === undefined || rows.length === 0) return undefined;
  const at = (name: string) => t.columns.indexOf(name);
  const byYear = new Map(rows.map((r) => [Number(r[at('year')]), r]));
  const first = Math.min(...byYear.keys());
  const last = Math.max(...byYear.keys());
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const val = (y: number, col: string) => {
    const v = byYear.get(y)?.[at(col)];
    return typeof v === 'number' ? v : null;
  };
  return { region, years, target: years.map((y) => val(y, 'target (%)')), upper: years.map((y) => val(y, 'target upper (%)')), achieved: years.map((y) => val(y, 'achieved (%)')) };
}

const chart = (id: string, label: string, height = 420) => `<div class="chart" id="chart-${id}" data-chart="${id}" role="img" aria-label="${escapeHtml(label)}" style="height:${height}px"></div>`;

/**
 * report.html: one self-contained file (ECharts and the page's own script
 * and style inlined; no network), every text from the inputs escaped, the
 * chart data in a JSON block the inlined script reads.
 */
export function reportHtml(m: ReportModel): string {
  const o = m.overview;
  const { echarts, client, css } = reportAssets();
  const paper = new Map(m.paper.map((t) => [t.name, t]));
  const sections: { id: string; title: string; body: string }[] = [];
  const more = o.reports > m.listed.length ? ` The first ${m.listed.length} of ${o.reports} reports (by doc_id) are shown one by one; every report is in the CSV files.` : '';

  sections.push({
    id: 'overview',
    title: 'Corpus',
    body: [
      `<p class="lead">${escapeHtml(corpusPhrase(o))}: ${o.characters.toLocaleString('en-US')} characters, ${o.paragraphs.toLocaleString('en-US')} paragraphs.</p>`,
      `<div class="pair">${htmlTable(['year', 'reports'], o.years, { caption: 'Reports by year' })}${htmlTable(['level', 'reports'], o.levels, { caption: 'Reports by level' })}</div>`,
      htmlTable(['doc_id', 'title', 'region', 'level', 'year', 'characters', 'paragraphs', 'cluster'], m.listed.map((r) => [r.doc_id, r.title, r.region, r.level, r.year, r.chars, r.paragraphs, r.cluster]), { caption: 'Reports', notes: more }),
    ].join('\n'),
  });
  const phrases = paper.get('top_phrases');
  if (phrases) sections.push({ id: 'phrases', title: 'Recurring policy phrases', body: `${chart('phrases', 'bar chart: reports using each phrase', 520)}\n${htmlTable(phrases.columns, phrases.rows, { caption: phrases.caption, notes: phrases.notes, digits: phrases.digits })}` });
  if (m.adoption) {
    const a = m.adoption;
    sections.push({
      id: 'adoption',
      title: 'Adoption of new slogans',
      body: `${chart('adoption', 'line chart: regions that have used each new slogan by each year', 420)}\n<p class="notes">${escapeHtml(`Regions whose reports had used each phrase by each year (cumulative; phrase_adoption_by_year.csv, first uses in phrase_adoption.csv), for the ${a.series.length} leading phrases first found after the corpus's first year, of the ${a.of.at(-1)} regions with a report.`)}</p>`,
    });
  } else if (m.adoptionNote) sections.push({ id: 'adoption', title: 'Adoption of new slogans', body: `<p class="notes">${escapeHtml(m.adoptionNote)}</p>` });
  sections.push({ id: 'keywords', title: 'Keywords per report', body: htmlTable(['report', 'doc_id', 'keywords (highest tf-idf first)'], m.listed.map((r) => [r.name, r.doc_id, r.keywords.join('、')]), { notes: `Each report\'s ${m.settings.keywords} terms of highest tf-idf (keywords.csv has more).${more}` }) });
  if (m.clusters) {
    const mem = paper.get('cluster_membership')!;
    sections.push({
      id: 'clusters',
      title: 'Report clusters',
      body: [
        chart('clusters', 'scatter map of the reports coloured by cluster', 460),
        htmlTable(mem.columns, mem.rows, { caption: mem.caption, notes: mem.notes, digits: mem.digits }),
        htmlTable(['k', 'silhouette', 'inertia', 'chosen'], m.clusters.kSelection.map((r) => [r.k, r.silhouette, r.inertia, r.chosen ? 'chosen' : '']), { caption: 'k tried (k_selection.csv)', notes: 'Silhouette: mean cosine silhouette of the reports; inertia: sum of squared distances to the centroids.' }),
      ].join('\n'),
    });
  }
  if (m.themes) {
    const byYear = paper.get('themes_by_year');
    sections.push({
      id: 'themes',
      title: 'Theme shares per report',
      body: [chart('themes', 'stacked bars: share of each report\'s paragraphs per theme', Math.max(320, 28 * m.themes.shares.length + 100) + 24 * Math.ceil(m.themes.labels.length / 3)), `<p class="notes">${escapeHtml(`Share of each report\'s paragraphs in each paragraph theme (themes.csv).${more}`)}</p>`, byYear ? htmlTable(byYear.columns, byYear.rows, { caption: byYear.caption, notes: byYear.notes, digits: byYear.digits }) : ''].join('\n'),
    });
  }
  sections.push({
    id: 'attention',
    title: 'Attention indices',
    body: [chart('attention', 'heat map: hits per 10,000 counted tokens by report and category', Math.max(360, 30 * m.attention.rows.length + 200)), `<p class="notes">${escapeHtml(`Dictionary hits per 10,000 counted tokens (attention.csv): lexicon categories and attention dictionaries.${more}`)}</p>`, ...['attention_by_region', 'policy_terms_by_year', 'policy_terms_by_level'].map((n) => paper.get(n)).filter((t) => t !== undefined).map((t) => htmlTable(t.columns, t.rows, { caption: t.caption, notes: t.notes, digits: t.digits, limit: 200 }))].join('\n'),
  });
  const targets = paper.get('headline_targets');
  const outcomes = paper.get('gdp_target_outcomes');
  const series = outcomes ? outcomeSeries(outcomes) : undefined;
  if (targets) {
    const chartPart = series ? [chart('outcomes', `line chart: GDP growth target and outcome by year, ${series.region}`, 380), htmlTable(outcomes!.columns, outcomes!.rows, { caption: outcomes!.caption, notes: outcomes!.notes, digits: outcomes!.digits, limit: 200 })] : [];
    sections.push({ id: 'targets', title: 'Targets', body: [...chartPart, htmlTable(targets.columns, targets.rows, { caption: targets.caption, notes: targets.notes, limit: m.settings.reports_listed })].join('\n') });
  }
  if (m.keyness.length) {
    sections.push({
      id: 'keyness',
      title: 'Keyness between groups',
      body: chart('keyness', 'bar charts: terms of highest G2 in each comparison', 300 * Math.ceil(m.keyness.length / 2) + 10) + m.keyness.map((k) => htmlTable(['term', 'G2', 'log ratio', 'target count', 'reference count'], k.terms.map((t) => [t.term, t.g2, t.log_ratio, t.target_count, t.reference_count]), { caption: `${k.group_by}: ${k.target} vs ${k.reference}`, digits: { G2: 1, 'log ratio': 2 } })).join('\n').replace(/^/, '<div class="pair">').replace(/$/, '</div>') + `<p class="notes">${escapeHtml('Terms over-used in the target group, by G2 (log-likelihood); keyness.csv has every comparison in full.')}</p>`,
    });
  }
  sections.push({ id: 'warnings', title: `Warnings (${m.run.warnings.length})`, body: m.run.warnings.length ? `<ul class="warnings">${m.run.warnings.map((w) => `<li><code>${escapeHtml(w.origin)}</code> ${escapeHtml(`${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${shortWarning(w.text)}`)}</li>`).join('\n')}</ul>` : '<p>None.</p>' });
  sections.push({ id: 'methods', title: 'Methods', body: methodsParagraphs(m).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n') });

  const data = {
    phrases: phrases ? phrases.rows.slice(0, 25).map((r) => ({ phrase: r[0], reports: r[2] })) : [],
    adoption: m.adoption ?? null,
    clusters: m.clusters ? { labels: m.clusters.labels, points: m.clusters.points.map((p) => [p.x, p.y, p.cluster, p.name, p.doc_id]) } : null,
    themes: m.themes ?? null,
    attention: m.attention,
    outcomes: series ?? null,
    keyness: m.keyness.map((k) => ({ group_by: k.group_by, target: k.target, reference: k.reference, terms: k.terms.map((t) => ({ term: t.term, g2: t.g2 })) })),
  };
  const title = `govtext report: ${m.run.pipeline.name}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govtext ${escapeHtml(m.run.tool.version)}">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(m.run.pipeline.description)}</p></header>
<nav><ol>${sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ol></nav>
<main>
${sections.map((s) => `<section id="${s.id}"><h2>${escapeHtml(s.title)}</h2>\n${s.body}\n</section>`).join('\n')}
</main>
<script type="application/json" id="govtext-data">${scriptJson(data)}</script>
${inlineScript(echarts, 'echarts.min.js')}
${inlineScript(client, 'assets/report.js')}
</body>
</html>
`;
}
