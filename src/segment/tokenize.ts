import { TermTrie } from '../text/trie.js';
import { CompoundMatcher } from './compounds.js';

/**
 * Segmentation that keeps policy terms whole. jieba cuts most slogans apart
 * (乡村振兴 -> 乡村/振兴, 项目为王 -> 项目/为/王), so the lexicon terms and the
 * compounded phrases are matched first, leftmost-longest, and become tokens
 * as they are; only the text between them goes to jieba. Every term is then
 * one token wherever it occurs, whatever jieba's dictionary says.
 */

/** The part of nodejieba a tokenizer uses (a worker loads its own). */
export interface Jieba {
  cut(text: string, hmm?: boolean): string[];
  tag(text: string): { word: string; tag: string }[];
}

export interface TokenFilter {
  stopwords: ReadonlySet<string>;
  removeNumbers: boolean;
  removePunctuation: boolean;
  /** Tokens shorter than this are dropped (2 drops single characters). */
  minChars: number;
  /** Allowed part-of-speech tags (prefixes: n matches ns, nr ...); empty: no POS filter. */
  pos: readonly string[];
  hmm: boolean;
  /** Drop dates and years written as numbers (一九五八年, 2017年, 十月, 五日). */
  removeDates?: boolean;
  /** Drop applause marks of the transcript (鼓掌, 热烈鼓掌, 掌声, 长时间热烈鼓掌). */
  removeApplause?: boolean;
}

const NUMBER = /^(?:[\d.,%‰+\-~]+|[零〇一二三四五六七八九十百千万亿两]+)$/u;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
/** A year (四 digits or numerals, with 年), a month or a day written as a number: 一九五八年, 2017年, 十二月, 二十五日. */
export const NUMERAL_DATE = /^(?:(?:[〇零一二三四五六七八九]{2,4}|\d{2,4})年(?:代|度)?|(?:[一二三四五六七八九十]{1,3}|\d{1,2})[月日号])$/u;
/** Applause marks of a transcript: (鼓掌) (热烈鼓掌) (长时间热烈鼓掌) (掌声). */
export const APPLAUSE = /^(?:长时间)?(?:热烈)?(?:的)?(?:鼓掌|掌声)$/u;

/**
 * keepToken, remembered per distinct token in `memo` (a report corpus has
 * ~10^4 distinct tokens and ~10^8 occurrences). The memo belongs to its
 * caller (an IdTokenizer, one per segment() call or worker): no decision
 * outlives the run that made it.
 */
function keep(token: string, f: TokenFilter, memo: Map<string, boolean>): boolean {
  let k = memo.get(token);
  if (k === undefined) {
    k = keepToken(token, f);
    if (memo.size < 1_000_000) memo.set(token, k);
  }
  return k;
}

export function keepToken(token: string, f: TokenFilter): boolean {
  if (f.removePunctuation && !HAS_WORD_CHAR.test(token)) return false;
  if (token.trim() === '') return false;
  if (f.removeNumbers && NUMBER.test(token)) return false;
  if (f.removeDates && NUMERAL_DATE.test(token)) return false;
  if (f.removeApplause && APPLAUSE.test(token)) return false;
  if (token.length < f.minChars) return false;
  if (f.stopwords.has(token)) return false;
  return true;
}

/**
 * Tokens of one paragraph: compounds as they are, the rest by jieba, then
 * filtered; compounds are never filtered out. With `spans`, the start and
 * end offset of every kept token in `text` are appended (for KWIC). `tiers` are tries in order of
 * precedence: the lexicon first, so that a discovered phrase overlapping a
 * lexicon term (融入京津冀 | 京津冀协同发展) cannot cut the term apart; within
 * a tier, leftmost-longest.
 */
export function tokenizeParagraph(text: string, jieba: Jieba, tiers: readonly TermTrie[], f: TokenFilter, out: string[], spans?: number[], offset = 0, memo = new Map<string, boolean>()): void {
  const [first, ...rest] = tiers;
  if (!first) {
    if (text === '') return;
    // jieba's pieces put together give back the text, so their offsets are running sums.
    let at = offset;
    if (f.pos.length > 0) {
      for (const { word, tag } of jieba.tag(text)) {
        if (keep(word, f, memo) && f.pos.some((p) => tag.startsWith(p))) {
          out.push(word);
          spans?.push(at, at + word.length);
        }
        at += word.length;
      }
    } else {
      for (const word of jieba.cut(text, f.hmm)) {
        if (keep(word, f, memo)) {
          out.push(word);
          spans?.push(at, at + word.length);
        }
        at += word.length;
      }
    }
    return;
  }
  let gapStart = 0;
  const starts: number[] = [];
  const terms: string[] = [];
  first.collectMatches(text, starts, terms);
  for (let m = 0; m < starts.length; m++) {
    const start = starts[m]!;
    const term = terms[m]!;
    if (start > gapStart) tokenizeParagraph(text.slice(gapStart, start), jieba, rest, f, out, spans, offset + gapStart, memo);
    out.push(term);
    spans?.push(offset + start, offset + start + term.length);
    gapStart = start + term.length;
  }
  if (gapStart < text.length) tokenizeParagraph(text.slice(gapStart), jieba, rest, f, out, spans, offset + gapStart, memo);
}

/** Separators of the compact form in which workers send tokens back (never inside a token: control characters). */
export const TOKEN_SEP = '\u0001';
export const PARAGRAPH_SEP = '\u0002';

/** One document's paragraphs -> its tokens in compact form: tokens joined by TOKEN_SEP, paragraphs by PARAGRAPH_SEP. */
export function tokenizeDocument(paragraphs: readonly string[], jieba: Jieba, tiers: readonly TermTrie[], f: TokenFilter): string {
  const parts: string[] = [];
  const memo = new Map<string, boolean>();
  for (const p of paragraphs) {
    const toks: string[] = [];
    tokenizeParagraph(p, jieba, tiers, f, toks, undefined, 0, memo);
    parts.push(toks.join(TOKEN_SEP));
  }
  return parts.join(PARAGRAPH_SEP);
}

/** A vocabulary that gives each new token the next id, in order of first occurrence. */
export class Interner {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();

  id(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(token, id);
      this.strings.push(token);
    }
    return id;
  }
}

/** One document's tokens as ids of `vocab`, and the index where each paragraph starts. */
export interface DocumentIds {
  ids: Uint32Array;
  paragraphStarts: Uint32Array;
}

/**
 * One document's paragraphs -> its token ids in `vocab` (what workers send
 * back: typed arrays, no per-token strings cross threads). The same tokens,
 * in the same order, as tokenizeParagraph gives for each paragraph.
 */
export function tokenizeDocumentIds(paragraphs: readonly string[], jieba: Jieba, tiers: readonly TermTrie[], f: TokenFilter, vocab: Interner): DocumentIds {
  return new IdTokenizer(jieba, tiers, f, vocab).document(paragraphs);
}

/** Joins the jieba gaps of a document into one cut: cppjieba cuts at '\n' as at a sentence end, and paragraphs never hold one. */
const GAP_SEP = '\n';

/**
 * jieba's words seen so far, each with its id in the vocabulary (-1 when the
 * filter drops it): an open-addressing table hashed from the word's code
 * units. jieba's words are new strings on every cut, whose hash V8 would
 * compute in its runtime for a Map lookup; here it is a few multiplications
 * inline, and a hit compares the word with the one stored.
 */
export class WordIds {
  private keys: (string | undefined)[] = new Array<string | undefined>(1 << 14);
  private hashes = new Int32Array(1 << 14);
  private ids = new Int32Array(1 << 14);
  private mask = (1 << 14) - 1;
  size = 0;

  private static hash(word: string): number {
    let h = 0x811c9dc5 ^ word.length;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    return (h ^ (h >>> 15)) | 0;
  }

  /** The id stored for `word`, or undefined. */
  get(word: string): number | undefined {
    const h = WordIds.hash(word);
    const { keys, hashes, mask } = this;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot];
      if (k === undefined) return undefined;
      if (hashes[slot] === h && k === word) return this.ids[slot]!;
    }
  }

  set(word: string, id: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    this.put(word, WordIds.hash(word), id);
    this.size++;
  }

  private put(word: string, h: number, id: number): void {
    const { keys, mask } = this;
    let slot = h & mask;
    while (keys[slot] !== undefined) slot = (slot + 1) & mask;
    keys[slot] = word;
    this.hashes[slot] = h;
    this.ids[slot] = id;
  }

  private grow(): void {
    const { keys, hashes, ids } = this;
    const n = keys.length * 2;
    this.keys = new Array<string | undefined>(n);
    this.hashes = new Int32Array(n);
    this.ids = new Int32Array(n);
    this.mask = n - 1;
    for (let s = 0; s < keys.length; s++) if (keys[s] !== undefined) this.put(keys[s]!, hashes[s]!, ids[s]!);
  }
}

/**
 * tokenizeParagraph's work straight to ids, for the segment stage's hot
 * path (~10^8 tokens at 10,000 reports): a word of jieba is looked up once
 * (its id, or -1 when the filter drops it) instead of once to filter and
 * once to intern; a compound's id is remembered by its term number; the
 * tiers match within ranges of the paragraph (no slice per tier level) and
 * the document so far is a list of numbers, not of strings.
 * The gaps left between compounds go to jieba in one call per document,
 * joined by '\n' (a hard boundary for cppjieba's cut and tag, with or
 * without HMM), so they are cut exactly as one by one, without a native
 * call and a result array per gap.
 */
export class IdTokenizer {
  /** jieba's words seen so far: id in the vocabulary, -1 when dropped by the filter. */
  private readonly words = new WordIds();
  /** keepToken's decisions so far (with a POS filter, where a word's tag decides too). */
  private readonly kept = new Map<string, boolean>();
  private readonly matchers: CompoundMatcher[];
  /** Term number of each tier's first term, in one numbering of all tiers. */
  private readonly tierBase: number[] = [];
  /** Vocabulary id of each compound term (all tiers' numbering), -1 until it first occurs. */
  private readonly termIds: Int32Array;
  private readonly termStrings: string[] = [];
  /** Per tier level: the matches of the paragraph piece being cut at that level (reused). */
  private readonly starts: number[][];
  private readonly found: number[][];
  /** The document so far, in order: compound term numbers, and -1 where the next gap's words go. */
  private seq: number[] = [];
  /** The document's gaps for jieba, in order. */
  private gaps: string[] = [];
  /** The document's ids so far (reused; grown by doubling), and how many. */
  private out = new Uint32Array(1 << 16);
  private count = 0;

  /** `tiers`: compound terms in order of precedence, as TermTries or lists of terms. */
  constructor(
    private readonly jieba: Jieba,
    tiers: readonly (TermTrie | readonly string[])[],
    private readonly f: TokenFilter,
    private readonly vocab: Interner,
  ) {
    this.matchers = tiers.map((t) => new CompoundMatcher(t instanceof TermTrie ? Array.from({ length: t.size }, (_, i) => t.termOf(i)) : t));
    for (const m of this.matchers) {
      this.tierBase.push(this.termStrings.length);
      for (const t of m.terms) this.termStrings.push(t);
    }
    this.termIds = new Int32Array(this.termStrings.length).fill(-1);
    this.starts = tiers.map(() => []);
    this.found = tiers.map(() => []);
  }

  document(paragraphs: readonly string[]): DocumentIds {
    const seq: number[] = (this.seq = []);
    const gaps: string[] = (this.gaps = []);
    const seqStarts = new Uint32Array(paragraphs.length);
    let joinable = true;
    for (let k = 0; k < paragraphs.length; k++) {
      seqStarts[k] = seq.length;
      const p = paragraphs[k]!;
      if (p.includes(GAP_SEP)) joinable = false;
      this.piece(p, 0, p.length, 0);
    }
    this.seq = [];
    this.gaps = [];
    this.count = 0;
    const paragraphStarts = new Uint32Array(paragraphs.length);
    // All gaps in one cut, split back at the separators; one cut per gap if a paragraph holds a '\n'
    // (or, never seen, if the words do not give the gaps back).
    let words: string[] = [];
    let ends: Uint32Array | undefined;
    if (joinable && gaps.length > 0) {
      words = this.cutWords(gaps.join(GAP_SEP));
      ends = splitAtSeparators(words, gaps);
    }
    const { termIds, termStrings, vocab } = this;
    let g = 0;
    let k = 0;
    for (let i = 0; i < seq.length; i++) {
      while (k < seqStarts.length && seqStarts[k] === i) paragraphStarts[k++] = this.count;
      const t = seq[i]!;
      if (t >= 0) {
        let id = termIds[t]!;
        if (id < 0) termIds[t] = id = vocab.id(termStrings[t]!);
        this.push(id);
      } else if (ends) this.emit(words, g === 0 ? 0 : ends[g - 1]! + 1, ends[g++]!);
      else {
        const own = this.cutWords(gaps[g++]!);
        this.emit(own, 0, own.length);
      }
    }
    while (k < seqStarts.length) paragraphStarts[k++] = this.count;
    return { ids: this.out.slice(0, this.count), paragraphStarts };
  }

  private push(id: number): void {
    if (this.count === this.out.length) {
      const grown = new Uint32Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.count++] = id;
  }

  /** text[from .. to) at tier `level`: that tier's terms, the gaps to the next level (jieba after the last). */
  private piece(text: string, from: number, to: number, level: number): void {
    if (level === this.matchers.length) {
      if (to > from) {
        this.gaps.push(from === 0 && to === text.length ? text : text.slice(from, to));
        this.seq.push(-1);
      }
      return;
    }
    const starts = this.starts[level]!;
    const found = this.found[level]!;
    starts.length = 0;
    found.length = 0;
    const matcher = this.matchers[level]!;
    const n = matcher.collect(text, from, to, starts, found);
    if (n === 0) {
      this.piece(text, from, to, level + 1);
      return;
    }
    // Deeper levels use their own arrays, so these stay as they are while the gaps are cut.
    const base = this.tierBase[level]!;
    const terms = matcher.terms;
    let gapStart = from;
    for (let m = 0; m < n; m++) {
      const start = starts[m]!;
      const term = found[m]!;
      if (start > gapStart) this.piece(text, gapStart, start, level + 1);
      this.seq.push(base + term);
      gapStart = start + terms[term]!.length;
    }
    if (gapStart < to) this.piece(text, gapStart, to, level + 1);
  }

  /** The tags of the last cutWords (with a POS filter). */
  private tagged: string[] | undefined;

  /** jieba's words for `text` (tagged, with their tags in `tagged`, when there is a POS filter). */
  private cutWords(text: string): string[] {
    const f = this.f;
    if (f.pos.length === 0) return this.jieba.cut(text, f.hmm);
    const out: string[] = [];
    const tags: string[] = [];
    for (const { word, tag } of this.jieba.tag(text)) {
      out.push(word);
      tags.push(tag);
    }
    this.tagged = tags;
    return out;
  }

  /** The ids of words[from .. to), filtered. */
  private emit(words: readonly string[], from: number, to: number): void {
    const { f, vocab } = this;
    if (f.pos.length > 0) {
      const tags = this.tagged!;
      for (let i = from; i < to; i++) {
        const word = words[i]!;
        const tag = tags[i]!;
        if (keep(word, f, this.kept) && f.pos.some((p) => tag.startsWith(p))) this.push(vocab.id(word));
      }
      return;
    }
    const seen = this.words;
    for (let i = from; i < to; i++) {
      const word = words[i]!;
      let id = seen.get(word);
      if (id === undefined) {
        id = keepToken(word, f) ? vocab.id(word) : -1;
        if (seen.size < 1_000_000) seen.set(word, id);
      }
      if (id >= 0) this.push(id);
    }
  }
}

/**
 * Where each gap's words end in the cut of the gaps joined by GAP_SEP
 * (index past its last word; the separator follows), checked by length;
 * undefined when the words do not split back into the gaps.
 */
export function splitAtSeparators(words: readonly string[], gaps: readonly string[]): Uint32Array | undefined {
  const ends = new Uint32Array(gaps.length);
  let w = 0;
  for (let g = 0; g < gaps.length; g++) {
    if (g > 0) {
      if (words[w] !== GAP_SEP) return undefined;
      w++;
    }
    const end = gaps[g]!.length;
    for (let len = 0; len < end; w++) {
      if (w >= words.length) return undefined;
      len += words[w]!.length;
      if (len > end) return undefined;
    }
    ends[g] = w;
  }
  return w === words.length ? ends : undefined;
}
