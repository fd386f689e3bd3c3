import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { foldWidth } from '../ingest/normalize.js';
import { packageRoot } from '../paths.js';
import { TermTrie } from '../text/trie.js';
import type { Dtm } from './dtm.js';
import { per10k } from './rate.js';

/**
 * Dictionary-based attention indices: hits of a category's words per 10,000
 * counted tokens of a report. A dictionary matches words as whole tokens
 * (match: token) or also inside longer tokens (match: substring: 生态 in
 * 生态修复, as text-search measures in the literature count them).
 */
export interface Dictionary {
  name: string;
  match: 'token' | 'substring';
  categories: Map<string, string[]>;
}

const dictionaryFile = z
  .object({
    name: z.string().min(1),
    match: z.enum(['token', 'substring']).default('token'),
    categories: z.record(z.string(), z.array(z.coerce.string()).min(1)),
  })
  .strict();

/** Built-in presets: data/dictionaries/NAME.yaml. */
export function presetPath(name: string): string {
  return path.join(packageRoot(), 'data', 'dictionaries', `${name}.yaml`);
}

/** Reads a dictionary: YAML (name, match, categories: {category: [words]}) or CSV (category,word[,match]). */
export function readDictionary(file: string): Dictionary {
  let text: string;
  try {
    text = foldWidth(readFileSync(file, 'utf8').replace(/^\ufeff/u, ''));
  } catch {
    throw new InputError(`dictionary file not found: ${file}`);
  }
  if (/\.ya?ml$/iu.test(file)) {
    let raw: unknown;
    try {
      raw = parseYaml(text);
    } catch (err) {
      throw new InputError(`dictionary ${file}: malformed YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    const r = dictionaryFile.safeParse(raw);
    if (!r.success) throw new InputError(`dictionary ${file}: expected name, match (token|substring) and categories: {category: [words]}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { name: r.data.name, match: r.data.match, categories: new Map(Object.entries(r.data.categories)) };
  }
  const rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  if (rows.length > 0 && !('category' in rows[0]! && 'word' in rows[0]!)) throw new InputError(`dictionary ${file}: expected columns category,word (found ${Object.keys(rows[0]!).join(', ')})`);
  const categories = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.word) continue;
    const list = categories.get(r.category!) ?? [];
    list.push(r.word);
    categories.set(r.category!, list);
  }
  const match = rows.some((r) => r.match === 'substring') ? 'substring' : 'token';
  return { name: path.basename(file).replace(/\.[^.]+$/u, ''), match, categories };
}

export interface AttentionRow {
  doc: number;
  dictionary: string;
  category: string;
  hits: number;
  tokens: number;
  per_10k: number;
}

/**
 * Hits of every category of every dictionary in every document (`counts`,
 * when given, is the documents' term-count matrix over `vocab`: the hits are
 * then summed over distinct terms instead of tokens). With
 * match: substring, a token holding several dictionary words counts each
 * (leftmost-longest, not overlapping); tokens = counted tokens of the
 * document; per_10k = hits / tokens · 10,000.
 */
export function attention(docs: readonly { ids: Uint32Array }[], vocab: readonly string[], dictionaries: readonly Dictionary[], counts?: Dtm): AttentionRow[] {
  const rows: AttentionRow[] = [];
  for (const dict of dictionaries) {
    const categoryOf = new Map<string, string>();
    for (const [cat, words] of dict.categories) for (const w of words) categoryOf.set(w, cat);
    const trie = new TermTrie(categoryOf.keys());
    // Hits of each vocabulary entry per category, computed once per distinct token.
    const hitsOf = new Map<number, Map<string, number>>();
    const perToken = (id: number): Map<string, number> => {
      let h = hitsOf.get(id);
      if (h) return h;
      h = new Map();
      const tok = vocab[id]!;
      if (dict.match === 'token') {
        const cat = categoryOf.get(tok);
        if (cat !== undefined) h.set(cat, 1);
      } else {
        for (const [, w] of trie.matches(tok)) h.set(categoryOf.get(w)!, (h.get(categoryOf.get(w)!) ?? 0) + 1);
      }
      hitsOf.set(id, h);
      return h;
    };
    const cats = [...dict.categories.keys()];
    const catIndex = new Map(cats.map((c, i) => [c, i]));
    // Per vocabulary id, its hits as (category index, hits) pairs: flat, so the loop over ~10^7 tokens touches no Map.
    const pairsOf: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(vocab.length);
    const pairs = (id: number): Int32Array => {
      let a = pairsOf[id];
      if (a === undefined) {
        const flat: number[] = [];
        for (const [c, n] of perToken(id)) flat.push(catIndex.get(c)!, n);
        pairsOf[id] = a = Int32Array.from(flat);
      }
      return a;
    };
    const hits = new Float64Array(cats.length);
    docs.forEach((d, di) => {
      hits.fill(0);
      if (counts) {
        // From the document's distinct terms and their counts (the hits are whole numbers: the same sums).
        for (let k = counts.indptr[di]!; k < counts.indptr[di + 1]!; k++) {
          const a = pairs(counts.indices[k]!);
          for (let x = 0; x < a.length; x += 2) hits[a[x]!]! += a[x + 1]! * counts.counts[k]!;
        }
      } else {
        for (const id of d.ids) {
          const a = pairs(id);
          for (let x = 0; x < a.length; x += 2) hits[a[x]!]! += a[x + 1]!;
        }
      }
      const n = d.ids.length;
      cats.forEach((c, ci) => rows.push({ doc: di, dictionary: dict.name, category: c, hits: hits[ci]!, tokens: n, per_10k: per10k(hits[ci]!, n) }));
    });
  }
  return rows;
}
