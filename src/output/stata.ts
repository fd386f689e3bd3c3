import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Stata .dta files, format 118 (Stata 14 and later: UTF-8 throughout), written
 * by hand from StataCorp's published description of the format ("help dta").
 *
 * Layout, little-endian (LSF), each part between XML-like tags:
 * header (release 118, byte order, K variables as uint16, N observations as
 * uint64, the data label, no timestamp so the same data give the same bytes),
 * a map of 14 uint64 offsets to the parts below, the variable types,
 * names (129 bytes each), sort list, display formats (57 bytes), value-label
 * names (129 bytes), variable labels (321 bytes), no characteristics, the
 * data (fixed-width rows), the long strings (strL, as GSO records) and no
 * value labels.
 *
 * Types: double (8 bytes, missing `.` = 0x7FE0000000000000), long (4 bytes,
 * -2,147,483,647 .. 2,147,483,620, missing = 2,147,483,621), str1..str2045
 * (UTF-8 bytes, NUL-padded) and strL. A string column whose longest value
 * exceeds 2,045 bytes is written as strL, whole: nothing is truncated. Text
 * with no string missing value in Stata: null and undefined become "".
 */

/** A cell a column may hold. Booleans become 1/0. */
export type StataCell = string | number | boolean | null | undefined;

export interface StataColumn {
  /** A valid Stata name (see {@link stataNameProblem}); checked. */
  name: string;
  /** Variable label (Stata shows at most 80 characters; longer labels are cut with a warning). */
  label?: string;
  /** double, long or string; inferred from the values when absent (string when any value is text; long when every number is whole and within Stata's long range; else double). */
  type?: 'double' | 'long' | 'string';
  /** The column's values, one per observation: an array or a function of the row index. */
  values: ArrayLike<StataCell> | ((row: number) => StataCell);
}

export interface StataDataset {
  /** Observations (rows). */
  rows: number;
  columns: readonly StataColumn[];
  /** Data label (at most 80 characters; cut with a warning). */
  label?: string;
}

/** Words Stata reserves: not usable as variable names. */
const RESERVED = new Set(['_all', '_b', 'byte', '_coef', '_cons', 'double', 'float', 'if', 'in', 'int', 'long', '_n', '_N', '_pi', '_pred', '_rc', '_skip', 'strL', 'using', 'with']);

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/u;

/** Why `name` is not a valid Stata variable name (ASCII letters, digits and _, not led by a digit, at most 32 characters, not reserved), or undefined. */
export function stataNameProblem(name: string): string | undefined {
  if (!NAME.test(name)) return 'expected 1-32 characters of A-Z, a-z, 0-9 and _, not starting with a digit';
  if (RESERVED.has(name) || /^str\d+$/u.test(name)) return 'a word Stata reserves';
  return undefined;
}

/**
 * A valid, unused Stata name made from `wanted`: characters outside
 * [A-Za-z0-9_] become _, a leading digit gets `prefix` (default v), a
 * reserved word gets a trailing _, the result is cut to 32 characters and
 * numbered (_2, _3 …) when `taken` already holds it. The name is added to
 * `taken`.
 *
 * @example stataName('1954', new Set()) // 'v1954'
 * @example stataName('gdp growth', new Set(['gdp_growth'])) // 'gdp_growth_2'
 */
export function stataName(wanted: string, taken: Set<string>, prefix = 'v'): string {
  let base = wanted.replace(/[^A-Za-z0-9_]/gu, '_');
  if (base === '' || /^_*$/u.test(base)) base = `${prefix}${base}`;
  if (/^\d/u.test(base)) base = `${prefix}${base}`;
  if (RESERVED.has(base) || /^str\d+$/u.test(base)) base = `${base}_`;
  base = base.slice(0, 32);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 32 - String(n).length - 1)}_${n}`;
  taken.add(name);
  return name;
}

const valueAt = (c: StataColumn) => (typeof c.values === 'function' ? c.values : (i: number) => (c.values as ArrayLike<StataCell>)[i]);

const LONG_MIN = -2_147_483_647;
const LONG_MAX = 2_147_483_620;
const LONG_MISSING = 2_147_483_621;

const number = (v: StataCell): number | undefined => {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

const text = (v: StataCell): string => (v === null || v === undefined ? '' : typeof v === 'number' && !Number.isFinite(v) ? '' : String(v));

/** `s` cut to at most `chars` characters and `bytes` UTF-8 bytes, on a character boundary. */
function cut(s: string, chars: number, bytes: number): string {
  let out = [...s].slice(0, chars).join('');
  while (Buffer.byteLength(out, 'utf8') > bytes) out = [...out].slice(0, -1).join('');
  return out;
}

const STR_MAX = 2045;
const STRL = 32768;
const DOUBLE = 65526;
const LONG = 65528;

interface Plan {
  name: string;
  label: string;
  code: number;
  width: number;
  format: string;
  at: (row: number) => StataCell;
}

/**
 * The type code, width in a row and display format of each column; the
 * warnings about labels cut. Types not given and string widths are found in
 * one pass over the rows, row by row: a row built on demand (panel.dta's
 * rows come from its panel) is then built once, not once per column.
 */
function plan(ds: StataDataset, warnings: string[]): Plan[] {
  const seen = new Set<string>();
  const cols = ds.columns.map((c) => {
    const problem = stataNameProblem(c.name);
    if (problem) throw new Error(`Stata variable name '${c.name}': ${problem}`);
    if (seen.has(c.name)) throw new Error(`Stata variable name '${c.name}' is used twice`);
    seen.add(c.name);
    let label = c.label ?? '';
    const shown = cut(label, 80, 320);
    if (shown !== label) {
      warnings.push(`variable label of ${c.name} cut to 80 characters: ${shown}…`);
      label = shown;
    }
    // What the pass finds out: whether any value is text, whether every number fits a long, the longest text in bytes.
    return { c, label, at: valueAt(c), text: c.type === 'string', long: true, longest: 1 };
  });
  const open = cols.filter((k) => k.c.type === undefined || k.c.type === 'string');
  for (let i = 0; i < ds.rows && open.length > 0; i++) {
    for (const k of open) {
      const v = k.at(i);
      if (typeof v === 'string') k.text = true;
      else if (typeof v === 'number' && Number.isFinite(v) && !(Number.isInteger(v) && v >= LONG_MIN && v <= LONG_MAX)) k.long = false;
      // The width a column needs if it turns out to be text (numbers and booleans are written as their text then, in ASCII).
      const n = typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : text(v).length;
      if (n > k.longest) k.longest = n;
    }
  }
  return cols.map(({ c, label, at, text: isText, long, longest }) => {
    const type = c.type ?? (isText ? 'string' : long ? 'long' : 'double');
    if (type === 'double') return { name: c.name, label, code: DOUBLE, width: 8, format: '%10.0g', at };
    if (type === 'long') return { name: c.name, label, code: LONG, width: 4, format: '%12.0g', at };
    // Longer than a str# holds: strL keeps the whole value (no truncation).
    if (longest > STR_MAX) return { name: c.name, label, code: STRL, width: 8, format: '%9s', at };
    return { name: c.name, label, code: longest, width: longest, format: `%-${longest}s`, at };
  });
}

/** Fixed-width, NUL-padded UTF-8 field of `size` bytes (the text is at most size - 1 bytes). */
function fixed(s: string, size: number): Buffer {
  const b = Buffer.alloc(size);
  b.write(s, 0, size - 1, 'utf8');
  return b;
}

/** Buffered writes to a file descriptor, tracking the offset (for the map). */
class Out {
  private buf = Buffer.allocUnsafe(1 << 20);
  private at = 0;
  offset = 0;
  constructor(private readonly fd: number) {}
  bytes(b: Uint8Array): void {
    if (this.at + b.length > this.buf.length) this.flush();
    if (b.length > this.buf.length) writeSync(this.fd, b);
    else {
      this.buf.set(b, this.at);
      this.at += b.length;
    }
    this.offset += b.length;
  }
  tag(s: string): void {
    this.bytes(Buffer.from(s, 'latin1'));
  }
  u16(v: number): void {
    const b = Buffer.allocUnsafe(2);
    b.writeUInt16LE(v);
    this.bytes(b);
  }
  u64(v: number): void {
    const b = Buffer.allocUnsafe(8);
    b.writeBigUInt64LE(BigInt(v));
    this.bytes(b);
  }
  flush(): void {
    let done = 0;
    while (done < this.at) done += writeSync(this.fd, this.buf, done, this.at - done);
    this.at = 0;
  }
}

/**
 * Writes `ds` to `file` as a Stata format-118 .dta. Returns warnings (labels
 * cut to Stata's 80 characters). Throws on an invalid or repeated variable
 * name, or more than 32,767 variables (format 118's limit).
 *
 * @example
 * writeStata('panel.dta', { rows: 2, label: 'govtext panel', columns: [
 *   { name: 'doc_id', values: ['a', 'b'] },
 *   { name: 'hits', label: '乡村振兴: hits', type: 'long', values: [3, 0] },
 * ] });
 */
export function writeStata(file: string, ds: StataDataset): string[] {
  const warnings: string[] = [];
  if (ds.columns.length > 32767) throw new Error(`Stata format 118 holds at most 32,767 variables; ${file} would have ${ds.columns.length}`);
  const cols = plan(ds, warnings);
  let dataLabel = ds.label ?? '';
  const shown = cut(dataLabel, 80, 320);
  if (shown !== dataLabel) {
    warnings.push(`data label of ${file} cut to 80 characters`);
    dataLabel = shown;
  }
  const fd = openSync(file, 'w');
  const out = new Out(fd);
  try {
    const map: number[] = new Array<number>(14).fill(0);
    out.tag('<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>');
    out.u16(cols.length);
    out.tag('</K><N>');
    out.u64(ds.rows);
    out.tag('</N><label>');
    const label = Buffer.from(dataLabel, 'utf8');
    out.u16(label.length);
    out.bytes(label);
    // No timestamp (length 0): the same data give the same file.
    out.tag('</label><timestamp>');
    out.bytes(Uint8Array.of(0));
    out.tag('</timestamp></header>');
    // The map is written with zeros and rewritten once every offset is known.
    map[1] = out.offset;
    out.tag('<map>');
    for (let i = 0; i < 14; i++) out.u64(0);
    out.tag('</map>');
    map[2] = out.offset;
    out.tag('<variable_types>');
    for (const c of cols) out.u16(c.code);
    out.tag('</variable_types>');
    map[3] = out.offset;
    out.tag('<varnames>');
    for (const c of cols) out.bytes(fixed(c.name, 129));
    out.tag('</varnames>');
    map[4] = out.offset;
    out.tag('<sortlist>');
    for (let i = 0; i <= cols.length; i++) out.u16(0);
    out.tag('</sortlist>');
    map[5] = out.offset;
    out.tag('<formats>');
    for (const c of cols) out.bytes(fixed(c.format, 57));
    out.tag('</formats>');
    map[6] = out.offset;
    out.tag('<value_label_names>');
    for (let i = 0; i < cols.length; i++) out.bytes(Buffer.alloc(129));
    out.tag('</value_label_names>');
    map[7] = out.offset;
    out.tag('<variable_labels>');
    for (const c of cols) out.bytes(fixed(c.label, 321));
    out.tag('</variable_labels>');
    map[8] = out.offset;
    out.tag('<characteristics></characteristics>');
    map[9] = out.offset;
    out.tag('<data>');
    const rowWidth = cols.reduce((n, c) => n + c.width, 0);
    const row = Buffer.alloc(rowWidth);
    const strls: { v: number; o: number; bytes: Buffer }[] = [];
    for (let r = 0; r < ds.rows; r++) {
      row.fill(0);
      let at = 0;
      cols.forEach((c, ci) => {
        const v = c.at(r);
        if (c.code === DOUBLE) {
          const x = number(v);
          if (x === undefined) row.writeBigUInt64LE(0x7fe0000000000000n, at);
          else row.writeDoubleLE(x, at);
        } else if (c.code === LONG) {
          const x = number(v);
          if (x !== undefined && !(Number.isInteger(x) && x >= LONG_MIN && x <= LONG_MAX)) throw new Error(`Stata variable ${c.name}, row ${r + 1}: ${x} is not a whole number within a long's range`);
          row.writeInt32LE(x === undefined ? LONG_MISSING : x, at);
        } else if (c.code === STRL) {
          const s = text(v);
          // (v, o) = (0, 0) is the empty string; else variable and observation, 1-based: v in 2 bytes, o in 6.
          if (s !== '') {
            row.writeUInt16LE(ci + 1, at);
            row.writeUIntLE(r + 1, at + 2, 6);
            strls.push({ v: ci + 1, o: r + 1, bytes: Buffer.from(s, 'utf8') });
          }
        } else row.write(text(v), at, c.width, 'utf8');
        at += c.width;
      });
      out.bytes(row);
    }
    out.tag('</data>');
    map[10] = out.offset;
    out.tag('<strls>');
    for (const s of strls) {
      // GSO, v (uint32), o (uint64), type 130 (text, NUL-terminated), length with the NUL, contents.
      const head = Buffer.alloc(3 + 4 + 8 + 1 + 4);
      head.write('GSO', 0, 'latin1');
      head.writeUInt32LE(s.v, 3);
      head.writeBigUInt64LE(BigInt(s.o), 7);
      head.writeUInt8(130, 15);
      head.writeUInt32LE(s.bytes.length + 1, 16);
      out.bytes(head);
      out.bytes(s.bytes);
      out.bytes(Uint8Array.of(0));
    }
    out.tag('</strls>');
    map[11] = out.offset;
    out.tag('<value_labels></value_labels>');
    map[12] = out.offset;
    out.tag('</stata_dta>');
    map[13] = out.offset;
    out.flush();
    const m = Buffer.alloc(14 * 8);
    map.forEach((v, i) => m.writeBigUInt64LE(BigInt(v), i * 8));
    writeSync(fd, m, 0, m.length, map[1]! + '<map>'.length);
  } finally {
    closeSync(fd);
  }
  return warnings;
}
