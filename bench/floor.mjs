#!/usr/bin/env node
// The segmentation floor: nodejieba alone (govtext's loadJieba set-up, HMM on)
// over the cleaned paragraphs of a govtext run (its clean/ folder: one
// paragraph per line), no lexicon matching, no filtering, no counting.
//
//   node bench/floor.mjs --clean OUT/clean [--workers 1|2|...]
//
// --workers 1 cuts on the main thread; more splits the files over that many
// worker threads (each loads its own dictionary, as govtext's workers do).
// Prints JSON on stdout: wall_ms (dictionary loads included: the pipeline
// pays them too), load_ms, cut_ms, chars, chars_per_s (over wall_ms).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadJieba } from '../dist/src/segment/jieba.js';

/** Cuts every line of the files; returns characters cut and the time of load and of cutting. */
function cutFiles(files) {
  const t0 = performance.now();
  const jieba = loadJieba();
  const t1 = performance.now();
  let chars = 0;
  let tokens = 0;
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (line === '') continue;
      chars += line.length;
      tokens += jieba.cut(line, true).length;
    }
  }
  return { load_ms: t1 - t0, cut_ms: performance.now() - t1, chars, tokens };
}

if (!isMainThread) {
  parentPort.postMessage(cutFiles(workerData.files));
} else {
  const { values } = parseArgs({ options: { clean: { type: 'string' }, workers: { type: 'string', default: '1' } } });
  if (!values.clean) throw new Error('--clean DIR (the clean/ folder of a govtext run) is required');
  const workers = Number(values.workers);
  const files = readdirSync(values.clean).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(values.clean, f));
  const t0 = performance.now();
  let parts;
  if (workers <= 1) parts = [cutFiles(files)];
  else {
    // Round-robin by file: the generated reports are of similar length.
    const shares = Array.from({ length: workers }, (_, w) => files.filter((_, i) => i % workers === w));
    parts = await Promise.all(
      shares.map(
        (share) =>
          new Promise((resolve, reject) => {
            const w = new Worker(new URL(import.meta.url), { workerData: { files: share } });
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
  }
  const wall = performance.now() - t0;
  const chars = parts.reduce((n, p) => n + p.chars, 0);
  process.stdout.write(
    `${JSON.stringify({
      workers: Math.max(1, workers),
      wall_ms: Math.round(wall),
      load_ms: Math.round(Math.max(...parts.map((p) => p.load_ms))),
      cut_ms: Math.round(Math.max(...parts.map((p) => p.cut_ms))),
      chars,
      tokens: parts.reduce((n, p) => n + p.tokens, 0),
      chars_per_s: Math.round(chars / (wall / 1000)),
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    })}\n`,
  );
}
