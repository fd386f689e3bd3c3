#!/usr/bin/env node
// One govtext run for the bench, in a process of its own so that its wall
// time and peak RSS are the run's alone.
//
//   node bench/govtext-run.mjs --input DIR --out DIR [--pipeline pipelines/default.yaml]
//
// Runs the pipeline through the library's runPipeline (as the CLI does) and
// prints one JSON object on stdout: wall time from process start, peak RSS,
// manifest timings_ms, and the same two figures taken at the moment the
// report stage starts, i.e. the pipeline "without the HTML report" (issue 7)
// measured in the same run. Progress lines go to stderr. With
// `node --cpu-prof`, the stage marks (start of each stage, process.hrtime µs)
// let bench/profile.mjs cut the profile per stage.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadPipeline, runPipeline } from '../dist/src/index.js';
import { createProgress } from '../dist/src/pipeline/progress.js';
import { treeRss } from './tree-rss.mjs';

const { values } = parseArgs({
  options: {
    input: { type: 'string' },
    out: { type: 'string' },
    pipeline: { type: 'string', default: 'pipelines/default.yaml' },
    quiet: { type: 'boolean', default: false },
  },
});
if (!values.input || !values.out) throw new Error('--input DIR and --out DIR are required');

// The segmentation workers are processes of their own: the peak is that of the whole tree, sampled every 100 ms
// (while this thread is free), and never below this process's own peak (resourceUsage, exact).
let treePeak = 0;
const sampler = setInterval(() => (treePeak = Math.max(treePeak, treeRss(process.pid))), 100);
sampler.unref();
const maxRssBytes = () => Math.max(process.resourceUsage().maxRSS * 1024, treePeak); // maxRSS is in kilobytes
const inner = createProgress(process.stderr, values.quiet);
let beforeReport; // { ms, peak_rss_bytes } when the report stage starts
// Stage starts on the clock of V8's CPU profiles (process.hrtime, µs): bench/profile.mjs cuts a --cpu-prof profile by them.
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const marks = [];
const progress = {
  forStage(stage) {
    marks.push({ stage, start_us: nowUs() });
    if (stage === 'report') beforeReport = { ms: performance.now(), peak_rss_bytes: maxRssBytes() };
    process.stderr.write(`  govtext: ${stage}\n`);
    return inner.forStage(stage);
  },
};

const result = await runPipeline(loadPipeline(values.pipeline), { inputs: [values.input], out: values.out, progress, onWarning: () => {} });
const end = { ms: performance.now(), peak_rss_bytes: maxRssBytes() };
const endUs = nowUs();
const m = result.manifest;
const details = m.details ?? {};
process.stdout.write(
  `${JSON.stringify({
    // performance.now() counts from the start of this process (module loading included).
    wall_ms: Math.round(end.ms),
    peak_rss_bytes: end.peak_rss_bytes,
    without_report: beforeReport ? { wall_ms: Math.round(beforeReport.ms), peak_rss_bytes: beforeReport.peak_rss_bytes } : { wall_ms: Math.round(end.ms), peak_rss_bytes: end.peak_rss_bytes },
    timings_ms: m.timings_ms,
    marks,
    end_us: endUs,
    counts: m.counts,
    outputs: m.outputs,
    stages: m.pipeline.stages.map((s) => s.name),
    // Stages run on a thread of their own: their time overlaps the stages they ran beside.
    on_thread: Object.entries(details).filter(([, d]) => d?.on_thread).map(([s]) => s),
    segment_workers: details.segment?.workers ?? null,
    segment_tokens: details.segment?.tokens ?? null,
    cluster_k: readChosenK(result.out),
    restarts: m.pipeline.stages.find((s) => s.name === 'cluster')?.params?.restarts ?? null,
    seed: m.pipeline.stages.find((s) => s.name === 'cluster')?.params?.seed ?? null,
    discovered_compounds: details.phrases?.discovered_compounds ?? [],
    node: process.version,
    dependencies: m.dependencies,
  })}\n`,
);

/** The k the run chose (k_selection.csv, chosen = true). */
function readChosenK(out) {
  try {
    const lines = readFileSync(`${out}/k_selection.csv`, 'utf8').replace(/^\ufeff/u, '').trim().split(/\r?\n/u);
    const head = lines[0].split(',');
    const [ki, ci] = [head.indexOf('k'), head.indexOf('chosen')];
    const row = lines.slice(1).map((l) => l.split(',')).find((r) => r[ci] === 'true');
    return row ? Number(row[ki]) : null;
  } catch {
    return null;
  }
}
