/**
 * Character-level normalisation applied to every line of input text, so that
 * counts do not depend on which width or white space a site used.
 *
 * - Full-width ASCII variants (U+FF01-U+FF5E: ，：（）０-９Ａ-Ｚ) fold to their
 *   half-width forms, the convention of most scraped report text; CJK
 *   punctuation without an ASCII twin (。、“”《》) is kept.
 * - Every kind of space (ideographic U+3000, no-break, zero-width, tabs)
 *   becomes an ASCII space; runs collapse to one; ends are trimmed.
 * - Control characters other than line breaks are removed.
 * - A lone surrogate (not Unicode: a JSON "\ud800" escape can make one)
 *   becomes U+FFFD, as the segmenter would otherwise turn it into one behind
 *   the text's back.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\u00ad]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const LONE_SURROGATE = /\p{Cs}/gu;

/** The normalisation as a chain of replacements: the definition that {@link normalizeLine} computes in one pass. */
export function normalizeLineByRegex(line: string): string {
  return foldWidth(line).replace(CONTROL, '').replace(INVISIBLE, '').replace(LONE_SURROGATE, '\ufffd').replace(SPACES, ' ').trim();
}

// 0: kept as it is.
const FOLD = 1;
const DROP = 2;
const SPACE = 3;
const HIGH = 4;
const LOW = 5;
let actionTable: Uint8Array | undefined;
/** What the chain does to each UTF-16 code unit (built on first use from the chain's own character sets). */
function actions(): Uint8Array {
  if (actionTable) return actionTable;
  const t = new Uint8Array(65536);
  const single = new RegExp(`^${SPACES.source.slice(0, -1)}$`, 'u');
  const control = new RegExp(`^${CONTROL.source}$`, 'u');
  const invisible = new RegExp(`^${INVISIBLE.source}$`, 'u');
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      t[c] = c <= 0xdbff ? HIGH : LOW;
      continue;
    }
    const ch = String.fromCharCode(c);
    // Removal comes before white space in the chain (U+000B and U+000C are both).
    if (control.test(ch) || invisible.test(ch)) t[c] = DROP;
    else if (c >= 0xff01 && c <= 0xff5e) t[c] = FOLD;
    else if (single.test(ch)) t[c] = SPACE;
  }
  actionTable = t;
  return t;
}

let buffer = new Uint16Array(1024);

/**
 * The normalisation above (width folding, removal of control and invisible
 * characters, U+FFFD for lone surrogates, white space runs as one space,
 * ends trimmed) in one pass over the line instead of six.
 */
export function normalizeLine(line: string): string {
  const t = actions();
  const n = line.length;
  if (buffer.length < n) buffer = new Uint16Array(Math.max(n, 2 * buffer.length));
  const out = buffer;
  let len = 0;
  let changed = false;
  let space = false; // white space since the last kept character
  let high = -1; // output index of a high surrogate waiting for its low half
  for (let i = 0; i < n; i++) {
    let c = line.charCodeAt(i);
    const a = t[c]!;
    if (a === DROP) {
      changed = true;
      continue;
    }
    if (a === SPACE) {
      if (c !== 0x20 || space || len === 0) changed = true;
      space = true;
      continue;
    }
    // A kept character: it settles a waiting high surrogate (paired only by a low one with no space between).
    if (high >= 0) {
      if (a === LOW && !space) {
        high = -1;
        out[len++] = c;
        continue;
      }
      out[high] = 0xfffd;
      changed = true;
      high = -1;
    }
    if (space) {
      if (len > 0) out[len++] = 0x20;
      space = false;
    }
    if (a === FOLD) {
      c -= 0xfee0;
      changed = true;
    } else if (a === HIGH) high = len;
    else if (a === LOW) {
      c = 0xfffd;
      changed = true;
    }
    out[len++] = c;
  }
  if (high >= 0) {
    out[high] = 0xfffd;
    changed = true;
  }
  if (space) changed = true; // trailing white space is trimmed
  if (!changed) return line;
  let s = '';
  for (let from = 0; from < len; from += 8192) s += String.fromCharCode.apply(null, out.subarray(from, Math.min(len, from + 8192)) as unknown as number[]);
  return s;
}

/** Splits text into lines (any line-break convention), normalised; blank lines become ''. */
export function normalizedLines(text: string): string[] {
  // Most files break lines with \n alone: a plain split then, the same lines.
  const lines = text.includes('\r') || text.includes('\u2028') || text.includes('\u2029') ? text.split(/\r\n|\r|\n|\u2028|\u2029/) : text.split('\n');
  return lines.map(normalizeLine);
}

const HAN = /\p{Script=Han}/u;
export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

/** Sentence-final punctuation after width folding. */
export const SENTENCE_END = /[。!?;…!?;」』”"')\]】]$/;
