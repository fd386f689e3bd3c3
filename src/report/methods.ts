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
    out.push(`Indicators: every figure with a unit (增长7%以上, 107.2亿元, 百分之八至九, 8 %) in the ${kinds} documents is read with its measure, value, unit, bounds and modifier (以上, 左右, 以内, 力争 …) into indicators.csv, the subject trimmed to the indicator (国家计划要求今年的国民生产总值 -> 国民生产总值; a national report's 经济增长 is 国内生产总值, and GNP stays 国民生产总值). Whether a figure is a target or an achieved figure is read from its sentence first: the plan year named (今年, 本年, the report's year) with a target word (预期目标, 调控目标, 定为, 计划, 力争, 控制在) makes a target whatever the section; a look back (去年, 过去一年, a past year opening the sentence, 实现了, 超过预期目标, 年初确定) makes an achieved figure; then the sentence before it (or the paragraph that opens its list), then the section (a review section reports results and never yields a one-year target on its own; a plan section sets targets unless the sentence compares with 同比), then the heading. A report's headline target of an indicator (targets.csv, with the paragraph and sentence it came from) is its first one-year target, from the plan section when there is one. target_outcomes.csv pairs the target of year t with the figure that the same region's report of year t+1 gives for year t (an achieved one-year figure of the same indicator and unit, from the review section first, not from a sentence naming other years only); gap = achieved − target (a range: its lower end); met: achieved ≥ the lower end for growth and jobs, achieved ≤ the upper end for CPI and unemployment; 左右 is read as the figure itself.`);
  }
  out.push(`Reproducibility: the same inputs and pipeline give the same files; only timings in manifest.json differ between runs. Versions: ${Object.entries(deps).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  return out;
}
