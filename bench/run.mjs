#!/usr/bin/env node
// The benchmark of issues 7 and 20: govtext against the Python peer (jieba +
// scikit-learn) on generated corpora, plus the segmentation floor and the
// start-up time. Writes bench/results.md and bench/results.json; progress on stderr.
//
//   npm run bench -- [--sizes 100,1000,10000] [--corpora bench/corpora] [--skip-generate]
//                    [--no-peer] [--no-floor] [--python /usr/bin/python3] [--work DIR] [--keep]
//                    [--cpu-prof [--cpu-prof-sizes 1000]] [--cpu-prof-interval 1000] [--top 10] [--results FILE]
//                    [--national DIR | --samples-only] [--seed 1] [--chars 30000]
//   npm run bench -- --from-json bench/results.json   # re-write results.md only
//
// Each corpus is DIR/N, made by bench/generate.mjs (sentences of the
// development corpus and the samples) when missing or made with other
// settings (DIR/N.json records them), unless --skip-generate. For each size,
// in one run and one after the other: govtext's default pipeline (child
// process; "without report" = up to the start of the report stage), the floor
// (nodejieba alone over the run's cleaned paragraphs, one core and all cores),
// and the peer (bench/peer.py). --cpu-prof runs govtext under V8's CPU
// profiler and adds each stage's top self-time functions (bench/profile.mjs)
// to the results; profiling slows the run a little, so its times are marked.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadLexicon } from '../dist/src/index.js';
import { runNodeFlags } from '../dist/src/cli/supervise.js';
import { profileMarkdown, summariseProfiles } from './profile.mjs';
import { treeRss } from './tree-rss.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,10000' },
    corpora: { type: 'string', default: path.join(ROOT, 'bench/corpora') },
    'skip-generate': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    peer: { type: 'boolean', default: true },
    'no-peer': { type: 'boolean', default: false },
    floor: { type: 'boolean', default: true },
    'no-floor': { type: 'boolean', default: false },
    python: { type: 'string', default: '/usr/bin/python3' },
    work: { type: 'string', default: path.join(os.tmpdir(), 'govtext-bench') },
    keep: { type: 'boolean', default: false },
    'help-runs': { type: 'string', default: '9' },
    'cpu-prof': { type: 'boolean', default: false },
    'cpu-prof-interval': { type: 'string', default: '1000' },
    'cpu-prof-sizes': { type: 'string' },
    top: { type: 'string', default: '10' },
    national: { type: 'string' },
    'samples-only': { type: 'boolean', default: false },
    chars: { type: 'string', default: '30000' },
    results: { type: 'string', default: path.join(ROOT, 'bench/results.md') },
    help: { type: 'boolean', default: false },
    'from-json': { type: 'string' },
  },
});
if (values.help) {
  process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 20).map((l) => l.replace(/^\/\/ ?/u, '')).join('\n') + '\n');
  process.exit(0);
}
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`--sizes: expected whole numbers of reports (2 or more) separated by commas, got ${values.sizes}`);
const wantPeer = values.peer && !values['no-peer'];
const wantFloor = values.floor && !values['no-floor'];
const cores = os.availableParallelism();

const t0 = Date.now();
const log = (msg) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${msg}\n`);


/**
 * Runs a child to its end; returns its stdout's last JSON line, the wall
 * time seen from here, and the peak RSS of its whole process tree
 * (tree_peak_rss_bytes: the sum over the child and its own children, e.g.
 * govtext's segmentation workers, sampled every 100 ms).
 */
function child(cmd, args, label) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let treePeak = 0;
    const sampler = setInterval(() => (treePeak = Math.max(treePeak, treeRss(p.pid))), 100);
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => {
      err += d;
      for (const line of String(d).split('\n')) if (line.trim() && /^  govtext: |^peer: |^(phrases|segment|weigh|cluster|indicators|report|ingest): /u.test(line)) log(`${label}: ${line.trim()}`);
    });
    p.on('error', reject);
    p.on('close', (code) => {
      clearInterval(sampler);
      const outer_ms = Math.round(performance.now() - start);
      if (code !== 0) return reject(new Error(`${label} failed (exit ${code}): ${err.trim().split('\n').slice(-5).join('\n')}`));
      const last = out.trim().split('\n').pop();
      try {
        resolve({ ...JSON.parse(last), outer_ms, tree_peak_rss_bytes: treePeak });
      } catch {
        reject(new Error(`${label}: no JSON result on stdout: ${out.slice(-300)}`));
      }
    });
  });
}

/** lscpu's fields (model, sockets, cores, threads, caches), when lscpu is there. */
function lscpu() {
  const r = spawnSync('lscpu', [], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.error || r.status !== 0) return {};
  return Object.fromEntries(r.stdout.split('\n').map((l) => /^([^:]+):\s*(.*)$/u.exec(l)).filter(Boolean).map((m) => [m[1].trim(), m[2].trim()]));
}

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const ls = lscpu();
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '';
  const require = createRequire(import.meta.url);
  return {
    cores,
    model: ls['Model name'] ?? /model name\s*:\s*(.*)/u.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    lscpu: Object.fromEntries(['Architecture', 'CPU(s)', 'Thread(s) per core', 'Core(s) per socket', 'Socket(s)', 'Hypervisor vendor', 'Virtualization type', 'L2 cache', 'L3 cache', 'CPU max MHz', 'BogoMIPS'].filter((k) => ls[k]).map((k) => [k, ls[k]])),
    memory_gb: Number(/MemTotal:\s*(\d+)/u.exec(meminfo)?.[1] ?? 0) / 1024 / 1024,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    nodejieba: JSON.parse(readFileSync(path.join(path.dirname(require.resolve('nodejieba')), 'package.json'), 'utf8')).version,
    commit: git ? `${git}${dirty ? ' (uncommitted changes)' : ''}` : 'unknown',
    date: new Date().toISOString().replace(/\.\d+Z$/u, 'Z'),
    load_start: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

/** Is the peer runnable? Versions, or the reason it is not. */
function detectPeer() {
  const r = spawnSync(values.python, ['-c', 'import sys, jieba, sklearn; print(sys.version.split()[0], jieba.__version__, sklearn.__version__)'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    return { ok: false, reason: `${values.python} cannot import jieba and scikit-learn (${(r.error?.message ?? r.stderr.trim().split('\n').pop()) || 'unknown error'}); install them with: apt-get install python3-jieba python3-sklearn (or pip install jieba scikit-learn and pass --python)` };
  }
  const [python, jieba, sklearn] = r.stdout.trim().split(' ');
  return { ok: true, python, jieba, sklearn };
}

/** The corpus DIR/N: reused when DIR/N.json says it was generated with this run's settings, else generated. */
function ensureCorpus(n) {
  const dir = path.resolve(values.corpora, String(n));
  const metaFile = `${dir}.json`;
  const count = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).length : 0;
  if (values['skip-generate']) {
    if (count !== n) throw new Error(`corpus ${dir}: expected ${n} .txt files, found ${count} (run without --skip-generate to generate it, or point --corpora at a folder holding ${n}/)`);
    return { dir, meta: existsSync(metaFile) ? compactMeta(JSON.parse(readFileSync(metaFile, 'utf8'))) : null };
  }
  const args = ['--reports', String(n), '--out', dir, '--seed', values.seed, '--chars', values.chars, '--meta', metaFile];
  if (values.national) args.push('--national', values.national);
  if (values['samples-only']) args.push('--samples-only');
  const old = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : null;
  const same = old && count === n && old.seed === Number(values.seed) && old.chars_per_report === Number(values.chars) && (values['samples-only'] ? old.national === null : old.national !== null);
  if (!same) {
    log(`generating ${n} reports in ${dir} (seed ${values.seed})`);
    const r = spawnSync(process.execPath, ['bench/generate.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`bench/generate.mjs failed for ${n} reports`);
  }
  return { dir, meta: compactMeta(JSON.parse(readFileSync(metaFile, 'utf8'))) };
}
const compactMeta = (meta) => ({ national: meta.national, sources: meta.sources.length, seed: meta.seed, chars_per_report: meta.chars_per_report, years: meta.years });

function helpStartup(runs) {
  const times = [];
  for (let i = 0; i <= runs; i++) {
    const s = performance.now();
    const r = spawnSync(process.execPath, ['bin/govtext.js', '--help'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`govtext --help failed: ${r.stderr}`);
    if (i > 0) times.push(performance.now() - s); // the first run only warms the file cache
  }
  times.sort((a, b) => a - b);
  return { runs, median_ms: Math.round(times[Math.floor(times.length / 2)]), min_ms: Math.round(times[0]), max_ms: Math.round(times.at(-1)) };
}

async function benchSize(n, peer) {
  const { dir: corpus, meta } = ensureCorpus(n);
  const work = path.join(values.work, String(n));
  mkdirSync(work, { recursive: true });
  const out = path.join(work, 'govtext-out');
  const r = { reports: n, corpus, generator: meta };

  const profDir = path.join(work, 'cpu-prof');
  // --cpu-prof-sizes 1000: only those sizes run under the profiler (a 10,000-report profile is gigabytes).
  const profiled = values['cpu-prof'] && (!values['cpu-prof-sizes'] || values['cpu-prof-sizes'].split(',').map(Number).includes(n));
  const prof = profiled ? ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-interval', values['cpu-prof-interval']] : [];
  log(`${n}: govtext default pipeline on ${corpus}${prof.length ? ' (under --cpu-prof)' : ''}`);
  // With the V8 flags `govtext run` gives its run process (runNodeFlags).
  r.govtext = await child(process.execPath, [...runNodeFlags(prof), 'bench/govtext-run.mjs', '--input', corpus, '--out', out], `govtext ${n}`);
  r.govtext.cpu_prof = prof.length > 0;
  // The whole tree's peak as sampled from here too (govtext-run.mjs samples it when its thread is free).
  r.govtext.peak_rss_bytes = Math.max(r.govtext.peak_rss_bytes, r.govtext.tree_peak_rss_bytes);
  if (prof.length) {
    r.profile = summariseProfiles(profDir, r.govtext.marks, r.govtext.end_us, Number(values.top));
    log(`${n}: profile of ${r.profile.files} thread(s): ${r.profile.stages.map((w) => `${w.stage} ${(w.busy_ms / 1000).toFixed(1)} s`).join(', ')}`);
  }
  r.chars = r.govtext.counts.characters;
  const missing = r.govtext.outputs.map((o) => o.replace(/ \(.*\)$/u, '')).filter((o) => !existsSync(path.join(out, o)));
  r.govtext.outputs_missing = missing;
  log(`${n}: govtext ${(r.govtext.without_report.wall_ms / 1000).toFixed(1)} s without report (report ${(r.govtext.timings_ms.report / 1000).toFixed(1)} s), peak RSS ${gb(r.govtext.peak_rss_bytes)}`);

  if (wantFloor) {
    const clean = path.join(out, 'clean');
    log(`${n}: floor, nodejieba alone on one core`);
    r.floor1 = await child(process.execPath, ['bench/floor.mjs', '--clean', clean, '--workers', '1'], `floor ${n}`);
    log(`${n}: floor, nodejieba alone on ${cores} cores`);
    r.floorN = await child(process.execPath, ['bench/floor.mjs', '--clean', clean, '--workers', String(cores)], `floor ${n}`);
    log(`${n}: floor ${(r.floor1.wall_ms / 1000).toFixed(1)} s on one core, ${(r.floorN.wall_ms / 1000).toFixed(1)} s on ${cores}`);
  }

  if (peer.ok) {
    // The same user words as the run: lexicon terms and the phrases it made into tokens.
    const { lexicon } = loadLexicon({ builtin: true, files: [] });
    const userdict = path.join(work, 'userdict.txt');
    writeFileSync(userdict, `${[...new Set([...lexicon.entries.map((e) => e.term), ...r.govtext.discovered_compounds])].join('\n')}\n`);
    const stopwords = path.join(work, 'stopwords_zh.txt');
    writeFileSync(stopwords, `${createRequire(import.meta.url)('stopwords-iso').zh.join('\n')}\n`);
    const k = r.govtext.cluster_k ?? 3;
    log(`${n}: Python peer (jieba + scikit-learn, k = ${k}, n_init = ${r.govtext.restarts})`);
    r.peer = await child(values.python, ['bench/peer.py', '--input', corpus, '--k', String(k), '--n-init', String(r.govtext.restarts ?? 10), '--seed', String(r.govtext.seed ?? 42), '--userdict', userdict, '--stopwords', stopwords], `peer ${n}`);
    log(`${n}: peer ${(r.peer.wall_ms / 1000).toFixed(1)} s, peak RSS ${gb(r.peer.peak_rss_bytes)}`);
  }
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  return r;
}

const gb = (bytes) => `${(bytes / 2 ** 30).toFixed(2)} GB`;
const sec = (ms) => (ms == null ? '-' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const rate = (chars, ms) => (ms ? `${Math.round(chars / (ms / 1000)).toLocaleString('en-US')}` : '-');
const x = (v) => (v == null || !Number.isFinite(v) ? '-' : `${v.toFixed(2)}x`);
const met = (ok) => (ok == null ? 'not measured' : ok ? '**met**' : '**not met**');

function sizeSection(r) {
  const g = r.govtext;
  const e2e = g.without_report.wall_ms;
  const lines = [`### ${r.reports.toLocaleString('en-US')} reports (${r.chars.toLocaleString('en-US')} characters after cleaning)`, ''];
  if (g.cpu_prof) lines.push('govtext ran under `--cpu-prof` here: its times include the profiler\'s cost.', '');
  lines.push('| | govtext | Python peer | peer / govtext |', '| --- | ---: | ---: | ---: |');
  const p = r.peer;
  const row = (name, a, b) => lines.push(`| ${name} | ${sec(a)} | ${p ? sec(b) : '-'} | ${p && a && b != null ? x(b / a) : '-'} |`);
  row('end to end, report included (peer: whole script)', g.wall_ms, p?.wall_ms);
  row('end to end without the report stage', e2e, p?.wall_ms);
  lines.push(`| characters per second (report included) | ${rate(r.chars, g.wall_ms)} | ${p ? rate(r.chars, p.wall_ms) : '-'} | |`);
  lines.push(`| peak RSS (report included) | ${gb(g.peak_rss_bytes)} | ${p ? gb(p.peak_rss_bytes) : '-'} | |`);
  row('read + clean (govtext read + ingest; peer read)', g.timings_ms.read + g.timings_ms.ingest, p?.steps_ms.read);
  row('segmentation (govtext phrases + segment; peer dictionary + segment)', g.timings_ms.phrases + g.timings_ms.segment, p ? p.steps_ms.dictionary + p.steps_ms.segment : null);
  row('TF-IDF (govtext weigh: all its tables; peer TfidfVectorizer)', g.timings_ms.weigh, p?.steps_ms.tfidf);
  row('k-means (govtext cluster: k search, themes, map; peer KMeans at k)', g.timings_ms.cluster, p?.steps_ms.kmeans);
  lines.push('');
  lines.push(`govtext stages (manifest timings_ms; ${g.segment_workers} segment worker(s); k = ${g.cluster_k}):`, '');
  lines.push('| stage | wall | share of the run (report included) |', '| --- | ---: | ---: |');
  const onThread = g.on_thread ?? [];
  for (const [stage, ms] of Object.entries(g.timings_ms)) {
    if (stage === 'total') continue;
    const share = onThread.includes(stage) ? '(on a thread of its own, beside the stages after segment)' : `${((100 * ms) / g.wall_ms).toFixed(1)} %`;
    lines.push(`| ${stage} | ${sec(ms)} | ${share} |`);
  }
  lines.push(`| start-up, manifest, publish | ${sec(g.wall_ms - Object.entries(g.timings_ms).filter(([s]) => s !== 'total' && !onThread.includes(s)).reduce((a, [, v]) => a + v, 0))} | |`);
  lines.push(`| **whole default pipeline with report** | ${sec(g.wall_ms)} | peak RSS ${gb(g.peak_rss_bytes)} |`);
  lines.push('');
  if (p) {
    lines.push(`Python peer steps: ${Object.entries(p.steps_ms).map(([s, ms]) => `${s} ${sec(ms)}`).join(', ')}; ${p.tokens.toLocaleString('en-US')} tokens (govtext counted ${g.segment_tokens?.toLocaleString('en-US') ?? '?'}), vocabulary ${p.vocabulary.toLocaleString('en-US')}.`, '');
  }
  if (r.floor1) {
    lines.push('| floor: nodejieba alone | wall (dictionary load included) | characters per second | pipeline (report included) / floor |', '| --- | ---: | ---: | ---: |');
    lines.push(`| one core | ${sec(r.floor1.wall_ms)} | ${rate(r.chars, r.floor1.wall_ms)} | ${x(g.wall_ms / r.floor1.wall_ms)} |`);
    lines.push(`| ${r.floorN.workers} cores (worker_threads) | ${sec(r.floorN.wall_ms)} | ${rate(r.chars, r.floorN.wall_ms)} | ${x(g.wall_ms / r.floorN.wall_ms)} |`);
    lines.push('');
  }
  if (g.outputs_missing.length) lines.push(`Outputs listed in the manifest but missing: ${g.outputs_missing.join(', ')}`, '');
  if (r.profile) lines.push(profileMarkdown(r.profile, r.reports), '');
  return lines.join('\n');
}

function targets(results, help) {
  const at = (n) => results.find((r) => r.reports === n);
  const e2e = (r) => r.govtext.wall_ms; // issue 20: report included
  const lines = ['## Targets of issue 20', '', '| target | measured | status |', '| --- | --- | --- |'];
  const speed = [1000, 10000].map((n) => at(n)).filter((r) => r?.peer);
  const ratio = (r) => r.peer.wall_ms / e2e(r);
  const speedOk = speed.length === 2 ? speed.every((r) => ratio(r) >= 5) : speed.some((r) => ratio(r) < 5) ? false : null;
  lines.push(`| end to end, report included, >= 5x faster than the peer at 1,000 and 10,000 | ${results.filter((r) => r.peer).map((r) => `${r.reports}: ${x(ratio(r))} (${sec(e2e(r))} vs ${sec(r.peer.wall_ms)})`).join('; ') || 'peer not run'} | ${met(speedOk)}${speed.length < 2 && speedOk !== false ? ' (needs both sizes)' : ''} |`);
  const withFloor = results.filter((r) => r.floorN);
  const largest = withFloor.at(-1);
  const floorRatio = (r) => e2e(r) / r.floorN.wall_ms;
  lines.push(`| whole pipeline within 2x of the two-core segmentation floor | ${withFloor.map((r) => `${r.reports}: ${x(floorRatio(r))} (${sec(e2e(r))} vs ${sec(r.floorN.wall_ms)})`).join('; ') || 'floor not run'} | ${met(largest ? floorRatio(largest) <= 2 : null)}${largest ? ` at ${largest.reports}` : ''} |`);
  const perChar = (r) => e2e(r) / r.chars;
  const lin = at(10000) && at(1000) ? perChar(at(10000)) / perChar(at(1000)) : null;
  const pairs = results.slice(1).map((r, i) => `${r.reports}/${results[i].reports}: ${x(perChar(r) / perChar(results[i]))}`);
  lines.push(`| time per character at 10,000 <= 1.2x that at 1,000 | ${lin != null ? `${x(lin)}` : 'needs 1,000 and 10,000'}${pairs.length ? ` (consecutive sizes: ${pairs.join('; ')})` : ''} | ${met(lin == null ? null : lin <= 1.2)} |`);
  const big = at(10000);
  lines.push(`| peak RSS at 10,000 < 3 GB, every output written | ${big ? `${gb(big.govtext.peak_rss_bytes)} with report (${gb(big.govtext.without_report.peak_rss_bytes)} without); ${big.govtext.outputs_missing.length ? `missing: ${big.govtext.outputs_missing.join(', ')}` : `all ${big.govtext.outputs.length} outputs written`}` : `not at 10,000; ${results.map((r) => `${r.reports}: ${gb(r.govtext.peak_rss_bytes)}`).join('; ')}`} | ${met(big ? big.govtext.peak_rss_bytes < 3 * 2 ** 30 && big.govtext.outputs_missing.length === 0 : null)} |`);
  lines.push(`| \`govtext --help\` < 0.5 s (issue 7) | median ${sec(help.median_ms)} of ${help.runs} runs (${sec(help.min_ms)} to ${sec(help.max_ms)}) | ${met(help.median_ms < 500)} |`);
  if (results.some((r) => r.govtext.cpu_prof)) lines.push('', `Sizes run under \`--cpu-prof\` (${results.filter((r) => r.govtext.cpu_prof).map((r) => r.reports).join(', ')}): their govtext times include the profiler's cost.`);
  const last = results.at(-1);
  if (last) {
    const t = last.govtext.timings_ms;
    const stages = Object.entries(t).filter(([s]) => s !== 'total').sort((a, b) => b[1] - a[1]);
    const threaded = last.govtext.on_thread ?? [];
    lines.push('', `Where the time goes at ${last.reports.toLocaleString('en-US')} reports (report included: ${sec(e2e(last))}): ${stages.map(([s, ms]) => `${s} ${sec(ms)}${threaded.includes(s) ? ' (on a thread, overlapped)' : ''}`).join(', ')}${last.floorN ? `; the parallel floor is ${sec(last.floorN.wall_ms)}, so everything but the segment stage costs ${sec(e2e(last) - t.segment)} and the segment stage is ${x(t.segment / last.floorN.wall_ms)} the floor` : ''}${last.peer ? `. The peer spends ${((100 * last.peer.steps_ms.segment) / last.peer.wall_ms).toFixed(0)} % of its time in jieba` : ''}.`);
  }
  return lines.join('\n');
}

function writeResults(m, peer, help, results) {
  const lines = [
    '# govtext benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.mjs) on ${m.date}, commit ${m.commit}, sizes ${results.map((r) => r.reports).join(', ')}. Raw numbers: bench/results.json.`,
    '',
    '## Machine',
    '',
    `- CPU: ${m.model}, ${m.cores} cores; memory ${m.memory_gb.toFixed(1)} GB; ${m.os}`,
    ...(m.lscpu && Object.keys(m.lscpu).length ? [`- lscpu: ${Object.entries(m.lscpu).map(([k, v]) => `${k} ${v}`).join('; ')}`] : []),
    `- Node.js ${m.node}, nodejieba ${m.nodejieba}; ${peer.ok ? `Python ${peer.python}, jieba ${peer.jieba}, scikit-learn ${peer.sklearn} (${values.python})` : `peer not run: ${peer.reason}`}`,
    `- Load average (1, 5, 15 min) at the start: ${m.load_start}; at the end: ${m.load_end}. Timings are wall clock: on a busy machine they are noisy, but both sides of a ratio were measured in the same run, one after the other.`,
    '',
    targets(results, help),
    '',
    '## Per corpus size',
    '',
    ...results.map(sizeSection),
    '## What is measured',
    '',
    `- Corpora: bench/generate.mjs (seed ${results[0]?.generator?.seed ?? 1}), N reports of about ${(results[0]?.generator?.chars_per_report ?? 30000).toLocaleString('en-US')} characters whose paragraphs are recombined from the sentences of ${results[0]?.generator ? (results[0].generator.national ? `the development corpus (49 national reports 1954-2017) and the samples, ${results[0].generator.sources} source files` : 'the samples alone (the development corpus was absent)') : 'real reports'}: review sentences under review headings, plan under plan, no paragraph written twice; places of every level (provincial, prefecture, county) and years ${results[0]?.generator?.years?.join('-') ?? ''}.`,
    '- Per-stage CPU profile (with --cpu-prof): V8\'s sampling profiler on every thread of the govtext run; bench/profile.mjs cuts the main thread\'s samples at the stage starts govtext-run.mjs records and sums each function\'s self time; worker threads are summed by the module they run.',
    '- govtext: `pipelines/default.yaml` run by bench/govtext-run.mjs (the library\'s runPipeline, in a child process with the V8 flags `govtext run` gives its run process: `--heap-growing-percent=20`). "Report included" is the wall time from process start to the end of the run. "Without report" is the wall time from process start (module loading included) to the start of the report stage, and the peak RSS at that moment: of the whole process tree, the govtext process (its worker threads included) and its segmentation worker processes, the larger of process.resourceUsage().maxRSS and the sum of VmRSS over the tree sampled every 100 ms (by govtext-run.mjs and by this harness); the report stage is then timed on its own and the whole run\'s peak RSS given as well. Per-stage times are manifest.json timings_ms.',
    '- Python peer: bench/peer.py with the Debian packages, timed from the first line of the script (imports included) to the end; peak RSS from getrusage. It reads the same files, adds govtext\'s lexicon terms and the phrases this govtext run made into tokens (manifest details.phrases.discovered_compounds) to jieba with `add_word`, segments every non-empty line with HMM, drops stopwords-iso zh, numbers, punctuation and single characters as govtext\'s segment stage does, fits TfidfVectorizer (defaults, on these tokens) and KMeans(k = the k govtext chose, n_init = cluster.restarts, random_state = cluster.seed).',
    '- How the peer differs: it does less work than govtext. No cleaning of boilerplate (page numbers, scraped footers) and no metadata; no phrase discovery (it is handed govtext\'s phrases); jieba\'s user words are cut by its own dictionary logic, so the tokens differ slightly from govtext\'s leftmost-longest lexicon match (token counts above); one k-means at a known k on the full sparse matrix, where govtext tries k = 2..8 with silhouettes in LSA space and also fits paragraph themes; no keywords, keyness, similarity, attention, indicators; it writes no files, where govtext writes every table. The ratio compares govtext\'s whole default analysis and its report with the peer\'s core steps only.',
    '- Floor: bench/floor.mjs, nodejieba `cut` (HMM on, govtext\'s loadJieba) over the run\'s clean/ paragraphs, nothing else, on one core and on worker_threads (one per core, each loading its dictionary, included in the time). "pipeline / floor" divides govtext\'s time, report included, by it.',
    '- Characters per second: the corpus characters after cleaning (manifest counts.characters), the same number for every column, divided by the wall time.',
    '- Start-up: `node bin/govtext.js --help`, median of the runs after one warm-up.',
    '',
  ];
  mkdirSync(path.dirname(path.resolve(values.results)), { recursive: true });
  writeFileSync(values.results, lines.join('\n'));
  if (values['from-json']) return;
  writeFileSync(values.results.replace(/\.md$/u, '.json'), `${JSON.stringify({ machine: m, peer, help, results: results.map(({ govtext, ...r }) => ({ ...r, govtext: { ...govtext, discovered_compounds: govtext.discovered_compounds.length } })) }, null, 2)}\n`);
}

if (values['from-json']) {
  // Re-writes results.md from a results.json (e.g. after changing the tables here), measuring nothing.
  const saved = JSON.parse(readFileSync(values['from-json'], 'utf8'));
  writeResults(saved.machine, saved.peer, saved.help, saved.results);
  log(`wrote ${path.relative(ROOT, values.results)} from ${values['from-json']}`);
  process.exit(0);
}
const m = machine();
log(`machine: ${m.model}, ${m.cores} cores, ${m.memory_gb.toFixed(1)} GB; load ${m.load_start}; sizes ${sizes.join(', ')}`);
const peer = wantPeer ? detectPeer() : { ok: false, reason: 'skipped (--no-peer)' };
if (wantPeer && !peer.ok) log(`peer: ${peer.reason}; continuing without it`);
else if (peer.ok) log(`peer: Python ${peer.python}, jieba ${peer.jieba}, scikit-learn ${peer.sklearn}`);
log('govtext --help start-up');
const help = helpStartup(Number(values['help-runs']));
log(`govtext --help: median ${help.median_ms} ms`);
const results = [];
for (const n of sizes) {
  results.push(await benchSize(n, peer));
  m.load_end = os.loadavg().map((v) => v.toFixed(2)).join(' ');
  writeResults(m, peer, help, results); // after every size, so a long run leaves its numbers so far
}
log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s; wrote ${path.relative(ROOT, values.results)} and results.json`);
