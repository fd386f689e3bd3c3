import * as chardet from 'chardet';
import iconv from 'iconv-lite';

/** Result of decoding one input file's bytes. */
export type Decoded =
  | { ok: true; text: string; encoding: string; note?: string }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Encodings of Chinese text we accept from a detector; all decoded as GB18030, a superset of GBK and GB2312. */
const GB_FAMILY = new Set(['GB18030', 'GBK', 'GB2312', 'EUC-CN', 'HZ-GB-2312']);

/**
 * Decodes a text file: BOMs first (UTF-8, UTF-16 LE/BE), then strict UTF-8,
 * then a statistical detector for GB18030/GBK and Big5. Files that look
 * binary (NUL bytes, many control characters) are refused with a reason.
 */
export function decodeBuffer(buf: Uint8Array): Decoded {
  if (buf.length === 0) return { ok: false, reason: 'empty file' };
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return decodeUtf8(buf.subarray(3), 'utf-8 (BOM)');
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: iconv.decode(Buffer.from(buf.subarray(2)), 'utf-16le'), encoding: 'utf-16le (BOM)' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: iconv.decode(Buffer.from(buf.subarray(2)), 'utf-16be'), encoding: 'utf-16be (BOM)' };

  if (looksBinary(buf)) return { ok: false, reason: 'binary content (NUL or control bytes), not text' };

  const asUtf8 = decodeUtf8(buf, 'utf-8');
  if (asUtf8.ok) return asUtf8;
  const damaged = damagedUtf8(buf);
  if (damaged) return damaged;

  const sample = buf.subarray(0, 1 << 16);
  const guess = (chardet.detect(sample) ?? '').toUpperCase();
  if (GB_FAMILY.has(guess)) return { ok: true, text: iconv.decode(Buffer.from(buf), 'gb18030'), encoding: 'gb18030' };
  if (guess === 'BIG5') return { ok: true, text: iconv.decode(Buffer.from(buf), 'big5'), encoding: 'big5' };
  // Chinese government sites almost always serve GBK when not UTF-8: decode as GB18030 if
  // that yields mostly CJK text, else give up rather than guess.
  const gb = iconv.decode(Buffer.from(buf), 'gb18030');
  if (cjkShare(gb) > 0.3) return { ok: true, text: gb, encoding: 'gb18030', note: `detector said ${guess || 'nothing'}; decoded as GB18030` };
  return { ok: false, reason: `not valid UTF-8 and the encoding could not be detected (detector: ${guess || 'none'})` };
}

function decodeUtf8(buf: Uint8Array, label: string): Decoded {
  try {
    return { ok: true, text: utf8.decode(buf), encoding: label };
  } catch {
    // A file cut off inside a multi-byte character is still UTF-8: keep what is whole.
    const cut = incompleteTail(buf);
    if (cut > 0) {
      try {
        const text = utf8.decode(buf.subarray(0, buf.length - cut));
        return { ok: true, text, encoding: label, note: `truncated UTF-8: the last ${cut} byte(s) form an incomplete character and were dropped` };
      } catch {
        /* invalid elsewhere too */
      }
    }
    return { ok: false, reason: 'invalid UTF-8' };
  }
}

/** Length of an incomplete UTF-8 sequence at the end (a lead byte and fewer continuation bytes than it needs), else 0. */
function incompleteTail(buf: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= buf.length; k++) {
    const b = buf[buf.length - k]!;
    if (b >= 0x80 && b <= 0xbf) continue; // continuation byte: look further back
    const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    return need > k ? k : 0;
  }
  return 0;
}

const lossyUtf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * UTF-8 with a few bad bytes (a corrupted download, a stray Latin-1 byte) is
 * still UTF-8: decoded as GB18030 it would become mojibake (杩囧幓 for 过去).
 * GBK text read as UTF-8 has about as many bad sequences as good non-ASCII
 * characters, so "20 good characters per bad sequence" tells the two apart.
 */
function damagedUtf8(buf: Uint8Array): Decoded | undefined {
  const text = lossyUtf8.decode(buf);
  let bad = 0;
  let good = 0;
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) {
      bad++;
      if (first < 0) first = i;
    } else if (c >= 0x80) good++;
  }
  if (bad === 0 || good < 20 * bad) return undefined;
  const line = text.slice(0, first).split('\n').length;
  return { ok: true, text, encoding: 'utf-8', note: `invalid UTF-8: ${bad} bad byte sequence(s) replaced by U+FFFD (first on line ${line})` };
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control > n * 0.05;
}

function cjkShare(text: string): number {
  const sample = text.slice(0, 20000);
  let cjk = 0;
  let visible = 0;
  for (const ch of sample) {
    if (/\s/.test(ch)) continue;
    visible++;
    if (/\p{Script=Han}/u.test(ch)) cjk++;
  }
  return visible === 0 ? 0 : cjk / visible;
}
