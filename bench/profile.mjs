#!/usr/bin/env node
// Where a govtext run's CPU time goes, per stage: reads the V8 CPU profiles
// that `node --cpu-prof --cpu-prof-dir DIR bench/govtext-run.mjs …` wrote (one
// file per thread) and the stage marks that govtext-run printed, and sums the
// self time of each function.
//
//   node bench/profile.mjs --dir PROFILE_DIR --run RUN.json [--top 10]
//
// - Main thread: each sample goes to the stage whose window holds it (a
//   stage's window runs from its start to the next stage's start, so it holds
//   the stage's work, its table writing and the set-up it starts for later
//   stages; "start-up and read" is what comes before the first stage).
// - Other threads (segmentation workers, a stage on a thread, the similarity
//   search): summed per kind of thread, named by the govtext module it runs,
//   with the stages its samples overlap.
// Self time is a function's own samples (not its callees'); "(garbage
// collector)" and "(program)" (V8 and native code outside any JS function)
// are listed like functions; "(idle)" is left out. Shares are of a window's
// busy samples. Exports summariseProfiles() for bench/run.mjs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The file and line a call frame points at, relative to the package (node:internal … as V8 names it). */
function where(cf) {
  if (!cf.url) return '';
  let u = cf.url.replace(/^file:\/\//u, '');
  const i = u.search(/\/(?:dist\/src|node_modules)\//u);
  if (i >= 0) u = u.slice(i + 1);
  return `${u}:${cf.lineNumber + 1}`;
}
// Long names (a regular expression's source) are cut: the table is read by people.
const fnName = (cf) => {
  const name = cf.functionName || (cf.url ? '(anonymous)' : '(native)');
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
};

/** Self time (ms) per function of one profile, for the samples whose timestamp passes `keep`. */
function selfTimes(profile, keep = () => true) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map(); // key -> { fn, where, ms }
  let t = profile.startTime;
  let busy = 0;
  const n = profile.samples.length;
  for (let i = 0; i < n; i++) {
    t += profile.timeDeltas[i];
    // A sample stands for the time until the next one.
    const dt = i + 1 < n ? profile.timeDeltas[i + 1] : 0;
    if (!keep(t)) continue;
    const cf = byId.get(profile.samples[i]).callFrame;
    if (cf.functionName === '(idle)') continue;
    busy += dt;
    const key = `${cf.functionName}|${cf.url}|${cf.lineNumber}`;
    const e = totals.get(key);
    if (e) e.us += dt;
    else totals.set(key, { fn: fnName(cf), where: where(cf), us: dt });
  }
  return { busy_us: busy, totals };
}

function topOf({ busy_us, totals }, top) {
  return [...totals.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ fn: e.fn, where: e.where, self_ms: Math.round(e.us / 1000), share: busy_us ? e.us / busy_us : 0 }));
}

/** What a worker thread runs: the govtext module its profile spends most of its busy time in, by folder. */
function threadKind(profile) {
  const { totals } = selfTimes(profile);
  const scripts = new Set(profile.nodes.map((nd) => nd.callFrame.url).filter((u) => /dist\/src\/.*(?:worker|candidates)\.js$/u.test(u)));
  const entry = [...scripts].map((u) => u.replace(/^.*dist\/src\//u, '')).sort()[0];
  if (entry) return entry;
  const byFolder = new Map();
  for (const e of totals.values()) {
    const m = /dist\/src\/([^/]+)\//u.exec(e.where);
    if (m) byFolder.set(m[1], (byFolder.get(m[1]) ?? 0) + e.us);
  }
  return [...byFolder].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'thread';
}

/**
 * Per-stage self-time summary of a run's profiles.
 * @param dir folder of the run's .cpuprofile files (CPU.date.time.pid.thread.seq.cpuprofile)
 * @param marks [{ stage, start_us }] in process.hrtime microseconds (the profiles' clock), and end_us
 */
export function summariseProfiles(dir, marks, endUs, top = 10) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const parsed = files.map((f) => ({ file: f, thread: Number(f.split('.').at(-3)), profile: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
  const main = parsed.find((p) => p.thread === 0);
  if (!main) throw new Error(`${dir}: no main-thread profile (CPU.*.0.*.cpuprofile) among ${files.length} file(s)`);
  const windows = [{ stage: 'start-up and read', from: main.profile.startTime, to: marks[0]?.start_us ?? endUs }];
  marks.forEach((m, i) => windows.push({ stage: m.stage, from: m.start_us, to: marks[i + 1]?.start_us ?? endUs }));
  windows.push({ stage: 'after the last stage (manifest, publish, exit)', from: endUs, to: Infinity });
  const stages = windows.map((w) => {
    const s = selfTimes(main.profile, (t) => t >= w.from && t < w.to);
    return { stage: w.stage, wall_ms: Number.isFinite(w.to) ? Math.round((w.to - w.from) / 1000) : null, busy_ms: Math.round(s.busy_us / 1000), top: topOf(s, top) };
  });
  const overlapped = (p) => windows.filter((w) => p.startTime < w.to && p.endTime > w.from && selfTimes(p, (t) => t >= w.from && t < w.to).busy_us > 50_000).map((w) => w.stage);
  const kinds = new Map();
  for (const p of parsed) {
    if (p === main) continue;
    const kind = threadKind(p.profile);
    const s = selfTimes(p.profile);
    const k = kinds.get(kind) ?? { kind, threads: 0, busy_us: 0, totals: new Map(), stages: new Set() };
    k.threads++;
    k.busy_us += s.busy_us;
    for (const [key, e] of s.totals) {
      const o = k.totals.get(key);
      if (o) o.us += e.us;
      else k.totals.set(key, { ...e });
    }
    for (const st of overlapped(p.profile)) k.stages.add(st);
    kinds.set(kind, k);
  }
  const threads = [...kinds.values()].map((k) => ({ kind: k.kind, threads: k.threads, busy_ms: Math.round(k.busy_us / 1000), beside: [...k.stages], top: topOf(k, top) }));
  return { files: files.length, interval_us: Math.round((main.profile.endTime - main.profile.startTime) / Math.max(1, main.profile.samples.length)), stages, threads };
}

/** Markdown of a summary: one table per stage window and per kind of thread. */
export function profileMarkdown(summary, reports) {
  const pct = (x) => `${(100 * x).toFixed(1)} %`;
  const lines = [`### CPU profile at ${reports.toLocaleString('en-US')} reports`, ''];
  lines.push(`\`node --cpu-prof\` of the govtext run (${summary.files} thread profile(s), a sample about every ${summary.interval_us} µs). Self time: a function's own samples, not its callees'. Shares are of the window's busy (non-idle) samples on that thread.`, '');
  const table = (title, busy, rows) => {
    lines.push(`**${title}** (busy ${(busy / 1000).toFixed(2)} s)`, '', '| function | where | self | share |', '| --- | --- | ---: | ---: |');
    for (const r of rows) lines.push(`| ${(r.fn.length > 60 ? `${r.fn.slice(0, 59)}…` : r.fn).replace(/\|/gu, '\\|')} | ${r.where || '-'} | ${(r.self_ms / 1000).toFixed(2)} s | ${pct(r.share)} |`);
    lines.push('');
  };
  lines.push('Main thread, per stage window (from the stage\'s start to the next one\'s):', '');
  const total = summary.stages.reduce((s, w) => s + w.busy_ms, 0);
  lines.push('| window | wall | busy on the main thread | share of main-thread busy |', '| --- | ---: | ---: | ---: |');
  for (const w of summary.stages) lines.push(`| ${w.stage} | ${w.wall_ms == null ? '-' : `${(w.wall_ms / 1000).toFixed(2)} s`} | ${(w.busy_ms / 1000).toFixed(2)} s | ${total ? pct(w.busy_ms / total) : '-'} |`);
  lines.push('');
  for (const w of summary.stages) if (w.busy_ms >= 50) table(`main thread: ${w.stage}`, w.busy_ms, w.top);
  for (const t of summary.threads) table(`${t.threads} thread(s) running ${t.kind} (beside: ${t.beside.join(', ') || '-'})`, t.busy_ms, t.top);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, run: { type: 'string' }, top: { type: 'string', default: '10' }, json: { type: 'boolean', default: false } } });
  if (!values.dir || !values.run) throw new Error('usage: node bench/profile.mjs --dir PROFILE_DIR --run RUN.json (govtext-run.mjs stdout) [--top 10] [--json]');
  const run = JSON.parse(readFileSync(values.run, 'utf8').trim().split('\n').pop());
  const summary = summariseProfiles(values.dir, run.marks, run.end_us, Number(values.top));
  process.stdout.write(values.json ? `${JSON.stringify(summary, null, 1)}\n` : `${profileMarkdown(summary, run.counts?.documents ?? 0)}\n`);
}
