import type { Lexicon } from '../lexicon/lexicon.js';
import { loadStopwords } from '../lexicon/stopwords.js';
import type { Document } from '../artifacts/corpus.js';
import type { PhraseKind, PhrasesParams } from '../artifacts/phrases.js';
import { knownWords, type Background } from './background.js';
import { isBareMeasure, isNumeralQuantity, isNumericFormula, NUMERAL, quotedCandidates } from './candidates.js';
import { fragments } from './fragments.js';
import { hanRuns, mineNgrams, type NgramStat } from './ngrams.js';

// 以 may open a slogan (以经济建设为中心, 以人为本): not a function start.
const FUNCTION_START = /^[的了和与及是对把被将等之其也都而并或着过从向到给让由在于化性率度次力]/u;
/** A particle inside spans a clause boundary (坚强领导的结果): no phrase. */
const INNER_PARTICLE = /.[的了着过之].*./u;
const FUNCTION_END = /[的了和与及在是对把被将为以于等之其也都而并或着过从向到给让由中上下来去得地]$/u;

/** An even, deterministic sample of documents up to `maxChars` characters. */
function sampleDocuments(docs: readonly Document[], maxChars: number): Document[] {
  const total = docs.reduce((n, d) => n + d.paragraphs.reduce((m, p) => m + p.length, 0), 0);
  if (total <= maxChars) return [...docs];
  const step = total / maxChars;
  const out: Document[] = [];
  let acc = 0;
  docs.forEach((d, i) => {
    if (i >= acc) {
      out.push(d);
      acc += step;
    }
  });
  return out;
}

/**
 * An even sample of one document's paragraphs up to `maxChars`: a single
 * document longer than the whole sample (a 50 MB file) would otherwise be
 * mined whole, at the memory and time the sample is there to bound.
 */
function evenParagraphs(paragraphs: readonly string[], maxChars: number): readonly string[] {
  const total = paragraphs.reduce((n, p) => n + p.length, 0);
  if (total <= maxChars) return paragraphs;
  const step = total / maxChars;
  // One paragraph out of every `step`: the first, then each one that starts a new block of `step`.
  return paragraphs.filter((_, i) => Math.floor(i / step) !== Math.floor((i - 1) / step));
}

/** Drops a phrase that mostly occurs inside a longer kept phrase (乡村振 inside 乡村振兴), unless it is a word of its own (`word`: 科教兴国 inside 科教兴国战略). */
function mergeSubstrings(stats: NgramStat[], word: (g: string) => boolean): NgramStat[] {
  const sorted = [...stats].sort((a, b) => b.gram.length - a.gram.length || b.count - a.count);
  const kept: NgramStat[] = [];
  // The highest count of a kept phrase holding each substring: "some kept phrase includes s and counts >= 0.7 s"
  // without a scan of all kept phrases per phrase (a gram has at most 12·13/2 substrings).
  const bestAround = new Map<string, number>();
  for (const s of sorted) {
    const covered = (bestAround.get(s.gram) ?? -Infinity) >= 0.7 * s.count && !word(s.gram);
    if (covered) continue;
    kept.push(s);
    const g = s.gram;
    for (let a = 0; a < g.length; a++) {
      for (let b = a + 1; b <= g.length; b++) {
        const sub = g.slice(a, b);
        if ((bestAround.get(sub) ?? -Infinity) < s.count) bestAround.set(sub, s.count);
      }
    }
  }
  return kept;
}

/** The candidate phrases of a corpus, each with its kind, and how often each quoted string was found in quotes. */
export interface PhraseCandidates {
  kinds: Map<string, PhraseKind>;
  quoted: Map<string, number>;
}

/**
 * The candidate phrases of the counted documents, before their recurrence is
 * counted: (1) quoted and numeral-led strings over every document (cheap,
 * linear); (2) if `params.discover`, cohesive n-grams and words jieba knows
 * over an even sample of `params.sample_chars` characters, less filler,
 * clause fragments and substrings of longer kept phrases; (3) the lexicon's
 * terms. A phrase keeps the first kind it was found as.
 */
export function phraseCandidates(docs: readonly Document[], params: PhrasesParams, lexicon: Lexicon, background: Background): PhraseCandidates {
  // 1. Candidates: quoted and numeral-led strings over every document (cheap, linear).
  const phraseKinds = new Map<string, PhraseKind>();
  const quoted = new Map<string, number>();
  const dict = { has: (w: string) => background.freq(w) !== undefined };
  if (params.discover) {
    // Paragraph by paragraph: a quotation never spans a line break, so this finds what the joined text would.
    for (const d of docs) for (const p of d.paragraphs) quotedCandidates(p, quoted);
    for (const q of quoted.keys()) phraseKinds.set(q, isNumericFormula(q, true) ? 'numeric' : 'quoted');

    // 2. Statistical discovery over an even sample of documents.
    const sample = sampleDocuments(docs, params.sample_chars);
    const runs = sample.flatMap((d) => evenParagraphs(d.paragraphs, params.sample_chars).flatMap((p) => hanRuns(p)));
    const stats = mineNgrams(runs, { minLen: 2, maxLen: params.max_len, minCount: params.min_count, minCohesion: params.min_cohesion });
    const filler = loadStopwords({ builtin: true, domain: true, files: [] });
    const longFiller = new Set([...filler].filter((w) => w.length >= 2));
    // Words jieba knows (改革开放, 和谐社会, 大跃进, 拨乱反正) are candidates as they are: no cohesion or boundary test.
    const known = knownWords(runs, background, params.min_len, params.max_len, params.min_count);
    for (const s of stats) known.delete(s.gram);
    const all = [...stats, ...[...known].map(([gram, count]) => ({ gram, count, cohesion: Infinity, leftEntropy: Infinity, rightEntropy: Infinity }))];
    const passing = all.filter((s) => {
      // The numeric thresholds first: they drop most n-grams, before any pattern is tried.
      const freer = Math.max(s.leftEntropy, s.rightEntropy);
      const other = Math.min(s.leftEntropy, s.rightEntropy);
      if (!(s.cohesion >= params.min_cohesion && freer >= params.min_entropy && other >= params.min_entropy_other)) return false;
      if (isBareMeasure(s.gram) || isNumeralQuantity(s.gram)) return false;
      const numeric = isNumericFormula(s.gram);
      if (!numeric && s.gram.length < params.min_len) return false;
      if (numeric && s.gram.length === 2 && !quoted.has(s.gram)) return false;
      // A dictionary word is a unit already: 和谐社会 starts with 和, yet no clause boundary is in it; only filler and
      // filler compounds of multi-character filler (加快发展) are dropped.
      if (s.cohesion === Infinity) return !filler.has(s.gram) && !isFillerCompound(s.gram, longFiller, (w) => dict.has(w) || lexicon.byTerm.has(w));
      if (FUNCTION_START.test(s.gram) || FUNCTION_END.test(s.gram) || (!numeric && INNER_PARTICLE.test(s.gram))) return false;
      return !isFillerCompound(s.gram, filler, (w) => dict.has(w) || lexicon.byTerm.has(w));
    });
    // Filler joined to another candidate (坚持 + 四项基本原则) is no new phrase either.
    const candidates = new Set(passing.map((s) => s.gram));
    const kept = passing.filter((s) => !isFillerCompound(s.gram, filler, (w) => candidates.has(w)));
    const cut = fragments(
      kept.map((s) => s.gram),
      runs,
      (w) => background.cut(w),
      0.5,
      new Set(kept.filter((s) => s.cohesion === Infinity).map((s) => s.gram)),
    );
    for (const s of mergeSubstrings(kept.filter((s) => !cut.has(s.gram)), (g) => dict.has(g) || lexicon.byTerm.has(g))) {
      if (!phraseKinds.has(s.gram)) phraseKinds.set(s.gram, NUMERAL.test(s.gram) && isNumericFormula(s.gram) ? 'numeric' : 'statistical');
    }
  }
  for (const e of lexicon.entries) if (!phraseKinds.has(e.term)) phraseKinds.set(e.term, 'lexicon');

  return { kinds: phraseKinds, quoted };
}

/**
 * 深入推进, 持续改善, 严格落实, 贯彻新发展理念: filler (a stopword or report
 * filler word) joined to another filler, a dictionary word or a known term
 * makes no new policy phrase.
 */
function isFillerCompound(gram: string, filler: ReadonlySet<string>, known: (w: string) => boolean): boolean {
  if (filler.has(gram)) return true;
  for (let k = 1; k < gram.length; k++) {
    const a = gram.slice(0, k);
    const b = gram.slice(k);
    if (filler.has(a) && (filler.has(b) || known(b))) return true;
    if (filler.has(b) && known(a)) return true;
  }
  return false;
}

