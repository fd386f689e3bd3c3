import { z } from 'zod';
import type { Message, SectionKind } from './corpus.js';

const kParam = z.union([z.literal('auto'), z.number().int().min(2)]);

/** Parameters of the cluster stage, with their defaults. */
export const clusterParams = z
  .object({
    k: kParam.default('auto').describe('number of report clusters, or auto: the k of highest silhouette in k_min..k_max'),
    k_min: z.number().int().min(2).default(2).describe('smallest k tried when k is auto'),
    k_max: z.number().int().min(2).default(8).describe('largest k tried when k is auto (never above documents - 1)'),
    features: z.number().int().min(10).default(2000).describe('report vectors use the terms of highest total tf-idf'),
    dims: z.number().int().min(0).default(100).describe('LSA dimensions the vectors are reduced to before k-means (randomized SVD; 0: none)'),
    lsa_power: z.number().int().min(0).default(1).describe('power iterations of the randomized SVD (more: closer to the exact SVD, each costs two passes over the vectors)'),
    restarts: z.number().int().min(1).default(10).describe('k-means++ restarts (seeds seed, seed+1 ...); the lowest inertia wins'),
    seed: z.number().int().default(42).describe('random seed of the k-means++ initialisation'),
    max_iterations: z.number().int().min(1).default(100).describe('k-means iterations per restart'),
    label_terms: z.number().int().min(1).default(5).describe('terms in a cluster or theme label'),
    label_min_share: z.number().min(0).max(1).default(0.3).describe('a cluster label term occurs in at least this share of the cluster\'s reports'),
    theme_label_min_share: z.number().min(0).max(1).default(0.02).describe('a theme label term occurs in at least this share of the theme\'s paragraphs'),
    label_min_lift: z.number().min(1).default(1.5).describe('a cluster label term\'s rate in its cluster is at least this many times its rate in the other clusters'),
    theme_label_min_lift: z.number().min(1).default(2).describe('a theme label term\'s rate in its theme is at least this many times its rate in the other themes'),
    silhouette_sample: z.number().int().min(10).default(2000).describe('documents whose silhouette is computed exactly; above, the simplified (centroid) silhouette'),
    themes: kParam.default(8).describe('number of paragraph themes, or auto (silhouette on the fitting sample)'),
    theme_features: z.number().int().min(10).default(500).describe('paragraph vectors use the terms in most paragraphs (below half of them)'),
    theme_restarts: z.number().int().min(1).default(3).describe('k-means++ restarts for the paragraph themes'),
    theme_sample: z.number().int().min(100).default(5000).describe('paragraphs the themes are fitted on (an even sample); all are then assigned'),
    theme_min_tokens: z.number().int().min(1).default(5).describe('shorter paragraphs (headings) get no theme'),
  })
  .strict();

export type ClusterParams = z.infer<typeof clusterParams>;

export interface KSelectionRow {
  k: number;
  silhouette: number;
  inertia: number;
  chosen: boolean;
}

/** What the cluster stage makes: report clusters and paragraph themes, with labels. */
export interface Clusters {
  docIds: string[];
  /** 1-based cluster of each document. */
  cluster: number[];
  silhouette: (number | null)[];
  xy: [number, number][];
  labels: string[];
  clusterTerms: { cluster: number; rank: number; term: string; weight: number }[];
  kSelection: KSelectionRow[];
  themeLabels: string[];
  themeTerms: { theme: number; rank: number; term: string; weight: number }[];
  /** Per document and theme (1-based), over all sections and per section. */
  themeCounts: { doc_id: string; section: SectionKind | 'all'; theme: number; paragraphs: number; share: number }[];
  messages: Message[];
  /** formulaParagraphs: opening-formula paragraphs left out of the themes. */
  meta: { stage: 'cluster'; params: ClusterParams; silhouette: 'exact' | 'simplified'; formulaParagraphs: number };
}
