#!/usr/bin/env node
// How wide is a corpus's vocabulary? Distinct characters and distinct token
// types (nodejieba as govtext loads it, HMM on) in successive windows of the
// corpus's text, files in name order, lines as they stand.
//
//   node bench/vocab.mjs DIR [DIR ...] [--window 1000000] [--windows 3]
//
// Prints one JSON line per folder: per window, its characters, distinct CJK
// characters and distinct token types (tokens holding a CJK character or a
// letter: punctuation, numbers and spaces are not vocabulary), and the means.
// Used to check that bench corpora have the vocabulary of real reports.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadJieba } from '../dist/src/segment/jieba.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { window: { type: 'string', default: '1000000' }, windows: { type: 'string', default: '3' } },
});
if (positionals.length === 0) throw new Error('usage: node bench/vocab.mjs DIR [DIR ...] [--window CHARS] [--windows N]');
const size = Number(values.window);
const most = Number(values.windows);
const jieba = loadJieba();
const WORD = /[\p{Script=Han}\p{L}]/u;
const HAN = /\p{Script=Han}/u;

for (const dir of positionals) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const windows = [];
  let w = { chars: 0, characters: new Set(), types: new Set() };
  const close = () => {
    windows.push({ chars: w.chars, distinct_characters: w.characters.size, token_types: w.types.size });
    w = { chars: 0, characters: new Set(), types: new Set() };
  };
  outer: for (const f of files) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const text = line.trim();
      if (!text) continue;
      for (const c of text) if (HAN.test(c)) w.characters.add(c);
      for (const t of jieba.cut(text, true)) if (WORD.test(t)) w.types.add(t);
      w.chars += text.length;
      if (w.chars >= size) {
        close();
        if (windows.length >= most) break outer;
      }
    }
  }
  if (w.chars >= size / 2 && windows.length < most) close(); // a last window of at least half the size counts
  const mean = (k) => Math.round(windows.reduce((s, x) => s + x[k], 0) / windows.length);
  process.stdout.write(`${JSON.stringify({ corpus: dir, window: size, windows, mean_distinct_characters: mean('distinct_characters'), mean_token_types: mean('token_types') })}\n`);
}
