#!/usr/bin/env node
// Benchmark corpus generator: N synthetic reports resampled from the sample
// reports' paragraphs, deterministically from a seed.
//
//   node bench/generate.mjs --reports 1000 --out bench/corpora/1000 [--seed 1] [--chars 30000]
//
// Each report gets a region (county or city of the gazetteer), a year, an
// opening line, and review / plan / self-building sections whose paragraphs
// are drawn from the same kind of section in the samples. Every report leans
// to one of three themes (rural, industry, ecology): paragraphs naming the
// theme are drawn three times as often, so clustering has structure to find.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingest, ingestParams, listInputFiles, readSource, seededUniform } from '../dist/src/index.js';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '100' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    chars: { type: 'string', default: '30000' },
    input: { type: 'string', default: 'data/raw' },
  },
});
const N = Number(values.reports);
const charsPerReport = Number(values.chars);
const out = values.out ?? `bench/corpora/${N}`;
if (!Number.isInteger(N) || N < 1) throw new Error(`--reports: expected a positive whole number, got ${values.reports}`);

const rand = seededUniform(Number(values.seed));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const corpus = ingest(listInputFiles([values.input]).map((f) => readSource(f).source).filter(Boolean), ingestParams.parse({}));
const pools = { review: [], plan: [], other: [] };
for (const d of corpus.documents) {
  if (d.kind !== 'report') continue;
  for (const s of d.sections) {
    for (let p = s.first_paragraph + 1; p <= s.last_paragraph; p++) {
      const text = d.paragraphs[p - 1];
      if (text.length >= 40) pools[s.kind].push(text);
    }
  }
}
const THEMES = [/乡村|农业|粮食|农村|农民/u, /工业|项目|企业|产业|园区/u, /生态|环境|污染|绿色|治理/u];
const REGIONS = ['交城县', '文水县', '灵石县', '闻喜县', '稷山县', '襄汾县', '静乐县', '榆社县', '朝阳县', '长治市', '运城市', '朔州市', '武功县', '桐庐县', '临安区', '仁怀市', '寿光市', '昆山市', '义乌市', '晋江市', '宁乡市', '瑞安市', '平遥县', '介休市', '孝义市', '汾阳市', '定襄县', '代县', '忻州市', '吕梁市'];

function draw(pool, theme, target) {
  const out = [];
  let n = 0;
  while (n < target) {
    let p = pick(pool);
    if (!THEMES[theme].test(p) && rand() < 0.67) p = pick(pool); // lean to the theme
    out.push(p);
    n += p.length;
  }
  return out;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let total = 0;
for (let i = 0; i < N; i++) {
  const region = pick(REGIONS);
  const year = 2018 + Math.floor(rand() * 7);
  const theme = Math.floor(rand() * 3);
  const level = region.endsWith('县') || region.endsWith('区') ? '县' : '市';
  const lines = [
    `${region}${year}年政府工作报告`,
    `——${year}年${1 + Math.floor(rand() * 4)}月${1 + Math.floor(rand() * 28)}日在${region}第十七届人民代表大会第${pick(['一', '二', '三', '四', '五'])}次会议上`,
    '各位代表:',
    `现在,我代表${level}人民政府向大会报告工作,请予审议,并请政协委员和其他列席人员提出意见。`,
    `一、${year - 1}年工作回顾`,
    ...draw(pools.review, theme, charsPerReport * 0.45),
    `二、${year}年工作安排`,
    ...draw(pools.plan, theme, charsPerReport * 0.45),
    '三、加强政府自身建设',
    ...draw(pools.other.length ? pools.other : pools.plan, theme, charsPerReport * 0.1),
  ];
  const text = `${lines.join('\n')}\n`;
  total += text.length;
  writeFileSync(path.join(out, `r${String(i).padStart(5, '0')}_${region}_${year}.txt`), text);
}
process.stderr.write(`generated ${N} reports, ${total} characters, in ${out}\n`);
