import type { ReportModel } from './model.js';

/**
 * The methods section, as plain sentences (the Markdown and HTML writers
 * escape them): how each number in the report was computed, with the
 * parameters of this run read from the run record.
 */
export function methodsParagraphs(m: ReportModel): string[] {
  const stage = (name: string) => m.run.pipeline.stages.find((s) => s.name === name)?.params;
  const weigh = stage('weigh');
  const cluster = stage('cluster');
  const segment = stage('segment');
  const deps = m.run.dependencies;
  const out: string[] = [
    `Pipeline "${m.run.pipeline.name}" (${m.run.pipeline.file || 'built in'}${m.run.pipeline.sha256 ? `, sha256 ${m.run.pipeline.sha256.slice(0, 12)}…` : ''}): stages ${m.run.pipeline.stages.map((s) => s.name).join(' → ')}, run by govtext ${m.run.tool.version} on Node.js ${m.run.node}. Every parameter is listed in manifest.json; the input files and their sha256 digests too (${m.run.inputs.length} files).`,
    `Ingest: raw files are decoded (encoding detected per file), site chrome and repeated boilerplate are removed, hard-wrapped lines are joined into paragraphs, and files holding several reports are split. Region, level, year, meeting date and speaker come from the title and opening lines; sections (review of last year, plan for this year) from the headings.`,
    `Segmentation: nodejieba ${deps.nodejieba ?? ''} with the policy lexicon (${m.lexiconTerms} terms) and the discovered phrases as user words, so that each is one token${segment ? `; ${(segment as Record<string, unknown>).stopwords === false ? 'stopwords kept' : `stopwords-iso\'s Chinese stopwords${(segment as Record<string, unknown>).domain_stopwords ? ' and the report-filler list' : ''} removed`}, with numbers and punctuation` : ''}. The tokens counted are exactly those in tokens.jsonl.`,
  ];
  if (weigh) {
    const w = weigh as Record<string, unknown>;
    out.push(
      m.weighScheme === 'natural'
        ? 'TF-IDF: the natural package\'s definition, count × (1 + ln(N / (1 + df))), not normalised.'
        : `TF-IDF: scikit-learn\'s TfidfVectorizer definition: tf = ${w.sublinear_tf ? '1 + ln(count)' : 'the count'}, idf = ${w.smooth_idf === false ? 'ln(N / df) + 1' : 'ln((1 + N) / (1 + df)) + 1'}, tf-idf = tf × idf, ${w.norm === 'none' ? 'not normalised' : `${String(w.norm).toUpperCase()}-normalised per document`}. Keywords are each report\'s ${String(w.keywords)} terms of highest tf-idf. Rates "per 10,000" are occurrences per 10,000 counted tokens; a group\'s rate pools its reports (occurrences over tokens).`,
      `Keyness: each value of ${(w.keyness as string[] | undefined)?.join(', ') ?? 'the grouping variables'} against the rest of the corpus; G2 (log-likelihood, with Williams\' correction) and chi2 (with Yates\' correction), as quanteda\'s textstat_keyness computes them; log ratio = log2 of the ratio of relative frequencies.`,
    );
  }
  if (cluster && m.clusters) {
    const c = cluster as Record<string, unknown>;
    out.push(
      `Report clusters: spherical k-means (ml-kmeans ${deps['ml-kmeans'] ?? ''}, k-means++ with ${String(c.restarts)} restarts, seed ${String(c.seed)}) on the L2-normalised tf-idf of the ${String(c.features)} terms of highest tf-idf mass${Number(c.dims) > 0 ? `, reduced to ${String(c.dims)} LSA dimensions` : ''}; k = ${m.clusters.labels.length}${c.k === 'auto' ? `, chosen by the highest cosine silhouette among k = ${m.clusters.kSelection.map((r) => r.k).join(', ')}` : ' (given)'}. A cluster\'s label is its terms of highest c-TF-IDF among those used at least ${String(c.label_min_lift)} times as often in the cluster as in the others and found in ${String(Math.round(Number(c.label_min_share) * 100))}% of its reports. The map places reports by the first two principal components of their vectors.`,
      `Paragraph themes: paragraphs of at least ${String(c.theme_min_tokens)} tokens are clustered into ${m.themes?.labels.length ?? String(c.themes)} themes by the same method on the ${String(c.theme_features)} terms in most paragraphs, fitted on up to ${String(c.theme_sample)} paragraphs and assigned to all; a report\'s share of a theme is the share of its paragraphs in it.`,
    );
  }
  const indicators = stage('indicators');
  if (indicators) {
    const kinds = ((indicators as Record<string, unknown>).kinds as string[] | undefined)?.join(' and ') ?? 'report';
    out.push(`Indicators: every figure with a unit (增长7%以上, 107.2亿元) in the ${kinds} documents is read with its measure, value, unit, bounds and modifier (以上, 左右, 力争 …) into indicators.csv; a statement is a target when it carries a target cue (预期目标, 力争, 争取) and is not reported as met, when it stands in the plan section and does not look back (同比, 上年), or, outside both sections, when it commits to a bound (确保, 控制在, 左右, 以内); otherwise it is an achieved figure. A report\'s headline target of an indicator (targets.csv, the Targets table) is its first target for the year.`);
  }
  out.push(`Reproducibility: the same inputs and pipeline give the same files; only timings in manifest.json differ between runs. Versions: ${Object.entries(deps).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  return out;
}
