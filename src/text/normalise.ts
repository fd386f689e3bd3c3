/**
 * The ignored characters of matching (src/text/count.ts) and the
 * normalisation of a paragraph: the ignored characters removed, with where
 * each kept character stood in the original.
 */
/**
 * Characters ignored when matching (default): the enumeration comma 、, the
 * middle dots · ・ • and spaces. (ASCII ',' — the corpus's folded ， — is not
 * in the default: 发展经济,发展 would count as 经济发展; add it with
 * `phrases.match_ignore` if you want it.)
 */
export const DEFAULT_IGNORED = '、·・• \t';

/** A set of ignored characters, as code units, ready for scanning. */
export class Ignored {
  readonly chars: string;
  /** 1 at each ignored code unit: a table lookup per character, where a Set lookup cost a tenth of the counting. */
  private readonly table = new Uint8Array(65536);
  constructor(chars: string = DEFAULT_IGNORED) {
    this.chars = chars;
    for (let i = 0; i < chars.length; i++) this.table[chars.charCodeAt(i)] = 1;
  }
  has(code: number): boolean {
    return this.table[code] === 1;
  }
  /** The string with the ignored characters removed (how terms are matched). */
  key(s: string): string {
    const table = this.table;
    let out = '';
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      if (table[s.charCodeAt(i)] === 0) continue;
      out += s.slice(from, i);
      from = i + 1;
    }
    return from === 0 ? s : out + s.slice(from);
  }
  /** The ignored-character table (1 at each ignored code unit), for scans that inline the test. */
  get codes(): Uint8Array {
    return this.table;
  }
}

export const defaultIgnored = new Ignored();

/** Normalised text of a paragraph, and for each of its positions (and its end) the position in the original. */
export interface Normalised {
  text: string;
  /** map[i]: offset in the original of normalised position i; map[text.length] = original length. Undefined when nothing was removed (identity). */
  map?: Int32Array;
}

/** Removes the ignored characters of a paragraph, keeping where each remaining character stood. */
export function normalise(paragraph: string, ignored: Ignored = defaultIgnored): Normalised {
  const table = ignored.codes;
  const n = paragraph.length;
  let first = 0;
  while (first < n && table[paragraph.charCodeAt(first)] === 0) first++;
  if (first === n) return { text: paragraph };
  // Something is removed: one pass keeps the map and the kept runs (one slice per run, not per character).
  const map = new Int32Array(n + 1);
  for (let i = 0; i < first; i++) map[i] = i;
  let k = first;
  let out = '';
  let from = 0;
  for (let i = first; i < n; i++) {
    if (table[paragraph.charCodeAt(i)] === 0) map[k++] = i;
    else {
      out += paragraph.slice(from, i);
      from = i + 1;
    }
  }
  out += paragraph.slice(from);
  map[k] = n;
  return { text: out, map: map.subarray(0, k + 1) };
}

