import { TermTrie } from '../text/trie.js';

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
}

const NUMBER = /^(?:[\d.,%‰+\-~]+|[零〇一二三四五六七八九十百千万亿两]+)$/u;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/** keepToken, remembered per distinct token: a report corpus has ~10^4 distinct tokens and ~10^8 occurrences. */
const decisions = new WeakMap<TokenFilter, Map<string, boolean>>();
let lastFilter: TokenFilter | undefined;
let lastMemo = new Map<string, boolean>();
function keep(token: string, f: TokenFilter): boolean {
  // One filter serves a whole run: skip the WeakMap lookup while it is the same.
  if (f !== lastFilter) {
    let memo = decisions.get(f);
    if (!memo) decisions.set(f, (memo = new Map()));
    lastFilter = f;
    lastMemo = memo;
  }
  const memo = lastMemo;
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
export function tokenizeParagraph(text: string, jieba: Jieba, tiers: readonly TermTrie[], f: TokenFilter, out: string[], spans?: number[], offset = 0): void {
  const [first, ...rest] = tiers;
  if (!first) {
    if (text === '') return;
    // jieba's pieces put together give back the text, so their offsets are running sums.
    let at = offset;
    if (f.pos.length > 0) {
      for (const { word, tag } of jieba.tag(text)) {
        if (keep(word, f) && f.pos.some((p) => tag.startsWith(p))) {
          out.push(word);
          spans?.push(at, at + word.length);
        }
        at += word.length;
      }
    } else {
      for (const word of jieba.cut(text, f.hmm)) {
        if (keep(word, f)) {
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
    if (start > gapStart) tokenizeParagraph(text.slice(gapStart, start), jieba, rest, f, out, spans, offset + gapStart);
    out.push(term);
    spans?.push(offset + start, offset + start + term.length);
    gapStart = start + term.length;
  }
  if (gapStart < text.length) tokenizeParagraph(text.slice(gapStart), jieba, rest, f, out, spans, offset + gapStart);
}

/** Separators of the compact form in which workers send tokens back (never inside a token: control characters). */
export const TOKEN_SEP = '\u0001';
export const PARAGRAPH_SEP = '\u0002';

/** One document's paragraphs -> its tokens in compact form: tokens joined by TOKEN_SEP, paragraphs by PARAGRAPH_SEP. */
export function tokenizeDocument(paragraphs: readonly string[], jieba: Jieba, tiers: readonly TermTrie[], f: TokenFilter): string {
  const parts: string[] = [];
  for (const p of paragraphs) {
    const toks: string[] = [];
    tokenizeParagraph(p, jieba, tiers, f, toks);
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

/**
 * tokenizeParagraph's work straight to ids, for the segment stage's hot
 * path (~10^8 tokens at 10,000 reports): a word of jieba is looked up once
 * (its id, or -1 when the filter drops it) instead of once to filter and
 * once to intern; no token array per paragraph, no array per tier level.
 */
export class IdTokenizer {
  /** jieba's words seen so far: id in the vocabulary, -1 when dropped by the filter. */
  private readonly words = new Map<string, number>();
  /** Per tier level: the matches of the paragraph piece being cut at that level (reused). */
  private readonly starts: number[][];
  private readonly terms: string[][];
  private ids: number[] = [];

  constructor(
    private readonly jieba: Jieba,
    private readonly tiers: readonly TermTrie[],
    private readonly f: TokenFilter,
    private readonly vocab: Interner,
  ) {
    this.starts = tiers.map(() => []);
    this.terms = tiers.map(() => []);
  }

  document(paragraphs: readonly string[]): DocumentIds {
    const ids: number[] = (this.ids = []);
    const paragraphStarts = new Uint32Array(paragraphs.length);
    for (let k = 0; k < paragraphs.length; k++) {
      paragraphStarts[k] = ids.length;
      this.piece(paragraphs[k]!, 0);
    }
    this.ids = [];
    return { ids: Uint32Array.from(ids), paragraphStarts };
  }

  /** A piece of a paragraph at tier `level`: that tier's terms, the gaps to the next level (jieba after the last). */
  private piece(text: string, level: number): void {
    if (level === this.tiers.length) {
      if (text !== '') this.cut(text);
      return;
    }
    const starts = this.starts[level]!;
    const terms = this.terms[level]!;
    starts.length = 0;
    terms.length = 0;
    this.tiers[level]!.collectMatches(text, starts, terms);
    if (starts.length === 0) {
      this.piece(text, level + 1);
      return;
    }
    // Deeper levels use their own arrays, so these stay as they are while the gaps are cut.
    let gapStart = 0;
    for (let m = 0; m < starts.length; m++) {
      const start = starts[m]!;
      const term = terms[m]!;
      if (start > gapStart) this.piece(text.slice(gapStart, start), level + 1);
      this.ids.push(this.vocab.id(term));
      gapStart = start + term.length;
    }
    if (gapStart < text.length) this.piece(text.slice(gapStart), level + 1);
  }

  private cut(text: string): void {
    const { f, ids, vocab } = this;
    if (f.pos.length > 0) {
      for (const { word, tag } of this.jieba.tag(text)) if (keep(word, f) && f.pos.some((p) => tag.startsWith(p))) ids.push(vocab.id(word));
      return;
    }
    const words = this.jieba.cut(text, f.hmm);
    const seen = this.words;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      let id = seen.get(word);
      if (id === undefined) {
        id = keepToken(word, f) ? vocab.id(word) : -1;
        if (seen.size < 1_000_000) seen.set(word, id);
      }
      if (id >= 0) ids.push(id);
    }
  }
}
