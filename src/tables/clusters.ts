import type { Clusters } from '../artifacts/clusters.js';
import type { Table } from '../artifacts/frame.js';

export const CLUSTER_COLUMNS = ['doc_id', 'cluster', 'cluster_label', 'silhouette', 'x', 'y'] as const;
export const CLUSTER_TERM_COLUMNS = ['cluster', 'rank', 'term', 'weight'] as const;
export const K_SELECTION_COLUMNS = ['k', 'silhouette', 'inertia', 'chosen'] as const;
export const THEME_COLUMNS = ['doc_id', 'theme', 'theme_label', 'paragraphs', 'share'] as const;
export const THEME_BY_SECTION_COLUMNS = ['doc_id', 'section', 'theme', 'theme_label', 'paragraphs', 'share'] as const;
export const THEME_TERM_COLUMNS = ['theme', 'rank', 'term', 'weight'] as const;

export function clustersTable(c: Clusters): Table {
  return {
    name: 'clusters',
    columns: CLUSTER_COLUMNS,
    rows: c.docIds.map((id, i) => [id, c.cluster[i], c.labels[c.cluster[i]! - 1] ?? '', c.silhouette[i], c.xy[i]![0], c.xy[i]![1]]),
  };
}

export function clusterTermsTable(c: Clusters): Table {
  return { name: 'cluster_terms', columns: CLUSTER_TERM_COLUMNS, rows: c.clusterTerms.map((t) => [t.cluster, t.rank, t.term, t.weight]) };
}

export function kSelectionTable(c: Clusters): Table {
  return { name: 'k_selection', columns: K_SELECTION_COLUMNS, rows: c.kSelection.map((r) => [r.k, r.silhouette, r.inertia, r.chosen]) };
}

/** themes.csv: each report's share of paragraphs per theme (all sections). */
export function themesTable(c: Clusters): Table {
  return {
    name: 'themes',
    columns: THEME_COLUMNS,
    rows: c.themeCounts.filter((t) => t.section === 'all').map((t) => [t.doc_id, t.theme, c.themeLabels[t.theme - 1], t.paragraphs, t.share]),
  };
}

/** themes_by_section.csv: the same per section (review, plan, other). */
export function themesBySectionTable(c: Clusters): Table {
  return {
    name: 'themes_by_section',
    columns: THEME_BY_SECTION_COLUMNS,
    rows: c.themeCounts.filter((t) => t.section !== 'all').map((t) => [t.doc_id, t.section, t.theme, c.themeLabels[t.theme - 1], t.paragraphs, t.share]),
  };
}

export function themeTermsTable(c: Clusters): Table {
  return { name: 'theme_terms', columns: THEME_TERM_COLUMNS, rows: c.themeTerms.map((t) => [t.theme, t.rank, t.term, t.weight]) };
}
