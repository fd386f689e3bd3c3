import { termProblem, type Lexicon } from '../lexicon/lexicon.js';
import type { Ignored } from '../text/count.js';
import { TermTrie } from '../text/trie.js';
import type { Document } from '../artifacts/corpus.js';
import type { Phrase, PhraseKind, PhraseSet, PhrasesParams } from '../artifacts/phrases.js';
import { AdoptionTracker } from './adoption.js';
import type { Background } from './background.js';
import type { PhraseCandidates } from './discover.js';
import { fragments } from './fragments.js';
import { Concentration, distinctiveness, documentKeyness, fuseRanks, logRatio, PeriodCounts, periodLeaders, periodViewRanks, rankPhrases, ranksOf, type PhraseEvidence } from './rank.js';
import { countRecurrence } from './recurrence.js';

const KIND_RANK: Record<PhraseKind, number> = { numeric: 0, quoted: 1, statistical: 2, lexicon: 3 };

/**
 * The phrase table of a corpus: every candidate's recurrence over the counted
 * documents (count, documents, first and last year, regions, an example),
 * its distinctiveness against jieba's background, whether it becomes a
 * compound token, and the adoption tables. A candidate is dropped when absent
 * from the corpus, when a quoted one is an ordinary word (a dictionary word,
 * or found in quotes in under 20% of its occurrences), or when a discovered
 * one is in fewer than `params.min_docs` documents and never quoted. Ranked
 * by documents, then occurrences (params.rank 'documents'), or by rankPhrases.
 * `progress(done, total)` counts documents.
 */
export function phraseTable(
  candidates: PhraseCandidates,
  docs: readonly Document[],
  params: PhrasesParams,
  lexicon: Lexicon,
  background: Background,
  ignored: Ignored,
  progress?: (done: number, total: number) => void,
): Pick<PhraseSet, 'phrases' | 'adoption' | 'compounds'> {
  const dict = { has: (w: string) => background.freq(w) !== undefined };
  // Recurrence of every candidate over all counted documents, in one trie pass per paragraph, counted by term id
  // (no object, string or call per occurrence: 10^8 occurrences at 10,000 reports).
  // Counted by match key (ignored characters removed), as every count of a run (src/text/count.ts).
  const trie = new TermTrie([...candidates.kinds.keys()].map((k) => ignored.key(k)));
  const tracker = new AdoptionTracker(docs.map((d) => ({ doc_id: d.doc_id, region: d.region, province: d.province, level: d.level, year: d.year })));
  const sizes = Float64Array.from(docs, (d) => d.paragraphs.reduce((m, p) => m + p.length, 0));
  const totalChars = sizes.reduce((a, b) => a + b, 0);
  const concentration = new Concentration(trie.size, sizes.map((x) => x / Math.max(1, totalChars)));
  const years = [...new Set(docs.map((d) => d.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const yearIndex = new Map(years.map((y, i) => [y, i]));
  const periods = new PeriodCounts(Int32Array.from(docs, (d) => (d.year === null ? -1 : yearIndex.get(d.year)!)), years.length, sizes);
  const rec = countRecurrence(trie, docs, progress, ignored, (id, doc, count) => {
    tracker.hit(id, doc);
    concentration.add(id, doc, count);
    periods.add(id, doc, count);
  });
  const idOfPhrase = new Map<string, number>();

  // Spellings that differ only in ignored characters (绿化、彩化、财化 and 绿化彩化财化) are one phrase, counted once by
  // their shared key: one row, under the lexicon's spelling, else the one without ignored characters, else the first found.
  const spelling = new Map<number, string>();
  const rankOf = (p: string) => (lexicon.byTerm.has(p) ? 0 : ignored.key(p) === p ? 1 : 2);
  for (const phrase of candidates.kinds.keys()) {
    const id = trie.idOf(ignored.key(phrase));
    const held = spelling.get(id);
    if (held === undefined || rankOf(phrase) < rankOf(held)) spelling.set(id, phrase);
  }
  const out: Phrase[] = [];
  const evidence: (PhraseEvidence & { id: number; ranked: boolean })[] = [];
  for (const [phrase, kind] of candidates.kinds) {
    const id = trie.idOf(ignored.key(phrase));
    if (id < 0 || rec.counts[id] === 0) continue; // a lexicon term absent from this corpus
    if (spelling.get(id) !== phrase) continue;
    const count = rec.counts[id]!;
    const docFreq = rec.docs[id]!;
    const entry = lexicon.byTerm.get(phrase);
    // An ordinary word put in quotes once (“环境”) is no slogan: quoted ones must be rarely found unquoted, or not a dictionary word.
    if (kind === 'quoted' && !entry && (dict.has(phrase) || (candidates.quoted.get(phrase) ?? 0) < 0.2 * count)) continue;
    if ((kind === 'statistical' || kind === 'numeric') && docFreq < params.min_docs && !quotedIn(phrase, docs)) continue;
    const discovered = kind !== 'lexicon';
    idOfPhrase.set(phrase, id);
    const e = { count, docFreq, totalChars, background: background.expected(ignored.key(phrase)), backgroundTotal: background.total, concentration: concentration.of(id) };
    // A bare number (一九九, 2017) is no phrase to rank, unless quoted as a code (“1146”).
    evidence.push({ ...e, id, ranked: !(BARE_NUMBER.test(phrase) && !candidates.quoted.get(phrase)) });
    const hasYear = rec.firstYear[id]! <= rec.lastYear[id]!;
    out.push({
      phrase,
      kind,
      count,
      doc_freq: docFreq,
      doc_share: docs.length ? docFreq / docs.length : 0,
      first_year: hasYear ? rec.firstYear[id]! : null,
      last_year: hasYear ? rec.lastYear[id]! : null,
      regions: rec.regionsOf(id),
      in_lexicon: entry !== undefined,
      category: entry?.category ?? '',
      example: rec.example[id]!,
      score: 0,
      concentration: e.concentration,
      log_ratio: logRatio(e),
      // Only word-like strings become tokens (a quoted clause with 、 inside stays a phrase).
      compound:
        entry !== undefined ||
        (discovered && termProblem(phrase) === undefined && (docFreq >= params.compound_min_docs || (kind !== 'statistical' && count >= params.compound_min_count))),
    });
  }
  const byDocuments = (x: Phrase, y: Phrase) => y.doc_freq - x.doc_freq || y.count - x.count || KIND_RANK[x.kind] - KIND_RANK[y.kind] || (x.phrase < y.phrase ? -1 : x.phrase > y.phrase ? 1 : 0);
  if (params.rank === 'documents') out.sort(byDocuments);
  else {
    const scores = fusedScores(out, evidence, periods, docs, background, byDocuments);
    out.forEach((p, i) => (p.score = scores[i]!));
    rankPhrases(out, byDocuments);
  }
  const compounds = [...new Set([...lexicon.entries.map((e) => e.term), ...out.filter((p) => p.compound).map((p) => p.phrase)])].sort();
  // Curves (phrase_adoption_by_year) for the recurring phrases only: in min_docs documents or more.
  const recurring = new Set(out.filter((p) => p.doc_freq >= params.min_docs).map((p) => idOfPhrase.get(p.phrase)!));
  const { first, curves } = tracker.tables(new Map(out.map((p) => [idOfPhrase.get(p.phrase)!, p.phrase])), (id) => recurring.has(id));
  return { phrases: out, adoption: { first, curves }, compounds };
}

function quotedIn(phrase: string, docs: readonly Document[]): boolean {
  return docs.some((d) => d.paragraphs.some((t) => t.includes(`“${phrase}”`) || t.includes(`「${phrase}」`)));
}

/** Numerals only (Chinese or Arabic), with separators: a number, not a phrase. */
const BARE_NUMBER = /^[〇零一二三四五六七八九十两百千万亿\d.,%]+$/u;

/** Phrases within this many places of the top of any view are checked for cut words at both ends. */
const FRAGMENT_CHECK = 300;

/** Characters of text (an even sample of documents) on which they are checked. */
const FRAGMENT_SAMPLE_CHARS = 2_000_000;

/**
 * The fused score of src/phrases/rank.ts for each phrase of `out`. The
 * phrases near the top of any view are then checked at both ends, once: a
 * phrase that cuts a word of the text in more than 80% of its occurrences
 * (加强和改善宏观 of 宏观调控) is a piece of a longer phrase and leaves the
 * views (score 0).
 */
function fusedScores(
  out: readonly Phrase[],
  evidence: readonly (PhraseEvidence & { id: number; ranked: boolean })[],
  periods: PeriodCounts,
  docs: readonly Document[],
  background: Background,
  byDocuments: (x: Phrase, y: Phrase) => number,
): Float64Array {
  const tie = (a: number, b: number) => byDocuments(out[a]!, out[b]!);
  const ranked = evidence.map((e) => e.ranked);
  const views = () => {
    const usage = ranksOf(evidence.map((e, i) => (ranked[i] ? distinctiveness(e) : 0)), tie);
    const documents = ranksOf(evidence.map((e, i) => (ranked[i] ? documentKeyness(e, docs.length) : 0)), tie);
    const leaders = periodLeaders(
      evidence.map((e, i) => ({ id: ranked[i] ? e.id : -1, count: e.count, background: e.background })),
      periods,
      background.total,
      tie,
    );
    return [usage, documents, periodViewRanks(leaders, tie)];
  };
  let vs = views();
  const near = out.map((p, i) => (vs.some((v) => v[i]! > 0 && v[i]! <= FRAGMENT_CHECK) ? p.phrase : '')).filter((p) => p !== '');
  // Judged on every k-th document, k = ⌈characters / FRAGMENT_SAMPLE_CHARS⌉ (all of them in a corpus up to that size): a share needs no more.
  const total = docs.reduce((m, d) => m + d.paragraphs.reduce((n, p) => n + p.length, 0), 0);
  const step = Math.max(1, Math.ceil(total / FRAGMENT_SAMPLE_CHARS));
  const runs = docs.filter((_, i) => i % step === 0).flatMap((d) => d.paragraphs.map((text) => ({ text, before: -1, after: -1 })));
  const cut = fragments(near, runs, (s) => background.cut(s), 0.8, new Set(near));
  if (cut.size > 0) {
    out.forEach((p, i) => {
      if (cut.has(p.phrase)) ranked[i] = false;
    });
    vs = views();
  }
  return Float64Array.from(out, (_, i) => fuseRanks(vs, i));
}
