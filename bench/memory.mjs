#!/usr/bin/env node
// Memory over one govtext run, stage by stage: where the peak RSS comes from.
//
//   node bench/memory.mjs --input DIR --out DIR [--pipeline pipelines/default.yaml] [--every 500] [--set stage.param=value] [--series FILE.tsv]
//
// Samples process.memoryUsage() every --every ms (rss, V8 heap used, external,
// array buffers) and prints, per stage, the highest of each while the stage ran
// and the process's peak RSS (resourceUsage().maxRSS) at its end.
// Worker threads' heaps count in rss only; tree is the sum over this process and its
// children (the segmentation workers are processes). It runs with the V8 flags
// `govtext run` gives its run process (runNodeFlags), restarting itself with them.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { applyOverrides, loadPipeline, runPipeline } from '../dist/src/index.js';
import { treeRss } from './tree-rss.mjs';
import { runNodeFlags } from '../dist/src/cli/supervise.js';

const flags = runNodeFlags(process.execArgv);
if (flags.length !== process.execArgv.length) {
  const r = spawnSync(process.execPath, [...flags, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { values } = parseArgs({
  options: {
    input: { type: 'string' },
    out: { type: 'string' },
    pipeline: { type: 'string', default: 'pipelines/default.yaml' },
    every: { type: 'string', default: '500' },
    set: { type: 'string', multiple: true, default: [] },
    series: { type: 'string' },
  },
});
if (!values.input || !values.out) throw new Error('--input DIR and --out DIR are required');

const mb = (b) => Math.round(b / 2 ** 20);
const rows = [];
let current = { stage: 'start', rss: 0, tree: 0, heapUsed: 0, external: 0, arrayBuffers: 0, t0: performance.now() };
const series = [];
/** Resident memory by kind (kB in /proc/self/status): anonymous (heaps, buffers) and file-backed (mapped files, the page cache a process maps). */
const rssKinds = () => {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+) kB`, 'u').exec(status)?.[1] ?? 0) * 1024;
  return { anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem') };
};
const t0 = performance.now();
const sample = () => {
  const m = process.memoryUsage();
  const tree = treeRss(process.pid);
  const kinds = rssKinds();
  if (values.series) series.push([((performance.now() - t0) / 1000).toFixed(1), current.stage, mb(m.rss), mb(tree), mb(kinds.anon), mb(kinds.file), mb(m.heapUsed), mb(m.heapTotal), mb(m.external), mb(m.arrayBuffers)].join('\t'));
  current.tree = Math.max(current.tree, tree);
  for (const k of ['rss', 'heapUsed', 'external', 'arrayBuffers']) current[k] = Math.max(current[k], m[k]);
};
const close = () => {
  sample();
  rows.push({ ...current, peak: process.resourceUsage().maxRSS * 1024, s: (performance.now() - current.t0) / 1000 });
};
const timer = setInterval(sample, Number(values.every));
const progress = {
  forStage(stage) {
    close();
    current = { stage, rss: 0, tree: 0, heapUsed: 0, external: 0, arrayBuffers: 0, t0: performance.now() };
    return { progress() {}, done() {} };
  },
};
const pipeline = applyOverrides(loadPipeline(values.pipeline), values.set);
await runPipeline(pipeline, { inputs: [values.input], out: values.out, progress, onWarning: () => {} });
close();
clearInterval(timer);
if (values.series) (await import('node:fs')).writeFileSync(values.series, `s\tstage\trss\ttree_rss\trss_anon\trss_file\theap\theap_total\texternal\tarray_buffers\n${series.join('\n')}\n`);
console.log('stage        s   rss  tree  heap  external  arraybuffers  peak-rss-at-end (MB; tree: this process and its children, sampled)');
for (const r of rows) console.log(`${r.stage.padEnd(10)} ${r.s.toFixed(1).padStart(5)} ${String(mb(r.rss)).padStart(5)} ${String(mb(r.tree)).padStart(5)} ${String(mb(r.heapUsed)).padStart(5)} ${String(mb(r.external)).padStart(9)} ${String(mb(r.arrayBuffers)).padStart(13)} ${String(mb(r.peak)).padStart(8)}`);
