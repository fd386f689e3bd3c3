import type { RunRecord } from '../artifacts/run.js';

/** Lexicon, dictionaries and the denominator of this run, read from its parameters. */
function measures(run: RunRecord): { dictionaries: string[]; stopwords: boolean } {
  const params = (name: string) => run.pipeline.stages.find((s) => s.name === name)?.params as Record<string, unknown> | undefined;
  return {
    dictionaries: (params('weigh')?.attention as string[] | undefined) ?? [],
    stopwords: params('segment')?.stopwords !== false,
  };
}

/**
 * "How to cite and report": what to write in a paper's methods section about
 * this run (tool and version, pipeline and its digest, inputs, how counts and
 * rates are defined, the dictionaries with their sources) and how to cite
 * govtext, as plain sentences generated from the run record.
 */
export function citeParagraphs(run: RunRecord): string[] {
  const { dictionaries, stopwords } = measures(run);
  const reports = run.counts.reports ?? run.counts.documents ?? 0;
  const dictText = dictionaries.map((d) => (d === 'lexicon' ? "the policy lexicon's categories" : d === 'env_attention_chen2018' ? 'env_attention_chen2018 (陈诗一、陈登科 2018, 经济研究 53(2))' : d));
  return [
    `Cite the software as: govtext contributors. govtext: text-as-data for Chinese government work reports, version ${run.tool.version} [computer software] (CITATION.cff in this folder holds the same in Citation File Format).`,
    `In the methods section, report: the tool and version (govtext ${run.tool.version}, Node.js ${run.node}, nodejieba ${run.dependencies.nodejieba ?? ''}); the pipeline "${run.pipeline.name}"${run.pipeline.sha256 ? ` (sha256 ${run.pipeline.sha256})` : ''} and any parameter you changed (manifest.json lists them all); the corpus (${reports} reports from ${run.inputs.length} input files, each with its sha256 in manifest.json); and how each measure is defined. A rate "per 10,000" is a count over the report's counted tokens (tokens.jsonl, the tokens column of corpus.csv${stopwords ? ', after stopword removal' : ', stopwords kept'}) times 10,000.${dictText.length ? ` Attention indices use ${dictText.join(' and ')}.` : ''}`,
    'For replication, deposit manifest.json with the paper: the same inputs and pipeline give the same files (only timings differ). panel.csv / panel.dta hold every measure per report with explicit zeros; panel_wide.csv / panel_wide.dta the region × year means (pooled rates); dtm.mtx the document-term counts for re-analysis.',
  ];
}

const yamlText = (s: string) => JSON.stringify(s);

/** CITATION.cff (Citation File Format 1.2.0) for govtext at the version that made the run. */
export function citationCff(version: string): string {
  return [
    'cff-version: 1.2.0',
    'message: "If you use govtext in research, please cite it as below, and report the version, pipeline and manifest.json of your run."',
    'type: software',
    `title: ${yamlText('govtext: text-as-data for Chinese government work reports (政府工作报告)')}`,
    'authors:',
    '  - name: "govtext contributors"',
    `version: ${yamlText(version)}`,
    'license: MIT',
    'keywords:',
    ...['text as data', 'Chinese government work reports', '政府工作报告', 'policy attention', 'document-term matrix'].map((k) => `  - ${yamlText(k)}`),
    '',
  ].join('\n');
}
