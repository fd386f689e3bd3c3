import { InputError } from '../errors.js';
import { loadLexicon, termProblem, type Lexicon } from '../lexicon/lexicon.js';
import { AdoptionTracker } from '../phrases/adoption.js';
import { jiebaBackground, knownWords } from '../phrases/background.js';
import { isBareMeasure, isNumeralQuantity, isNumericFormula, NUMERAL, quotedCandidates } from '../phrases/candidates.js';
import { fragments } from '../phrases/fragments.js';
import { Concentration, distinctiveness, logRatio, rankPhrases, type PhraseEvidence } from '../phrases/rank.js';
import { Ignored } from '../text/count.js';
import { loadStopwords } from '../lexicon/stopwords.js';
import { hanRuns, mineNgrams, type NgramStat } from '../phrases/ngrams.js';
import { countRecurrence } from '../phrases/recurrence.js';
import { TermTrie } from '../text/trie.js';
import type { Corpus, Document } from '../artifacts/corpus.js';
import type { StageContext } from '../pipeline/context.js';
import type { Phrase, PhraseKind, PhraseSet, PhrasesParams } from '../artifacts/phrases.js';

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

const KIND_RANK: Record<PhraseKind, number> = { numeric: 0, quoted: 1, statistical: 2, lexicon: 3 };

/**
 * Phrases: the lexicon, and slogans and policy phrases discovered in the
 * corpus (quoted, numeral-led, statistical), with their recurrence across
 * documents, regions and years. Ranked by the number of documents, then
 * occurrences: a phrase in 8 reports ranks above one repeated 30 times in one.
 */
export function phrases(corpus: Corpus, params: PhrasesParams, ctx?: StageContext): PhraseSet {
  const { lexicon, messages } = loadLexicon({ builtin: params.builtin_lexicon, files: params.lexicon, exclude: params.exclude_terms });
  addStudyTerms(lexicon, params.terms);
  const docs = corpus.documents.filter((d) => (params.kinds as string[]).includes(d.kind));
  const ignored = new Ignored(params.match_ignore);
  const background = jiebaBackground();

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

  // 3. Recurrence of every candidate over all counted documents, in one trie pass per paragraph, counted by term id
  // (no object, string or call per occurrence: 10^8 occurrences at 10,000 reports).
  // Counted by match key (ignored characters removed), as every count of a run (src/text/count.ts).
  const trie = new TermTrie([...phraseKinds.keys()].map((k) => ignored.key(k)));
  const tracker = new AdoptionTracker(docs.map((d) => ({ doc_id: d.doc_id, region: d.region, province: d.province, level: d.level, year: d.year })));
  const sizes = Float64Array.from(docs, (d) => d.paragraphs.reduce((m, p) => m + p.length, 0));
  const totalChars = sizes.reduce((a, b) => a + b, 0);
  const concentration = new Concentration(trie.size, sizes.map((x) => x / Math.max(1, totalChars)));
  const rec = countRecurrence(trie, docs, ctx && ((done, total) => ctx.progress(done, total, 'documents')), ignored, (id, doc, count) => {
    tracker.hit(id, doc);
    concentration.add(id, doc, count);
  });
  const idOfPhrase = new Map<string, number>();

  const out: Phrase[] = [];
  for (const [phrase, kind] of phraseKinds) {
    const id = trie.idOf(ignored.key(phrase));
    if (id < 0 || rec.counts[id] === 0) continue; // a lexicon term absent from this corpus
    const count = rec.counts[id]!;
    const docFreq = rec.docs[id]!;
    const entry = lexicon.byTerm.get(phrase);
    // An ordinary word put in quotes once (“环境”) is no slogan: quoted ones must be rarely found unquoted, or not a dictionary word.
    if (kind === 'quoted' && !entry && (dict.has(phrase) || (quoted.get(phrase) ?? 0) < 0.2 * count)) continue;
    if ((kind === 'statistical' || kind === 'numeric') && docFreq < params.min_docs && !quotedIn(phrase, docs)) continue;
    const discovered = kind !== 'lexicon';
    idOfPhrase.set(phrase, id);
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
      ...scored({ count, docFreq, totalChars, background: background.expected(ignored.key(phrase)), backgroundTotal: background.total, concentration: concentration.of(id) }),
      // Only word-like strings become tokens (a quoted clause with 、 inside stays a phrase).
      compound:
        entry !== undefined ||
        (discovered && termProblem(phrase) === undefined && (docFreq >= params.compound_min_docs || (kind !== 'statistical' && count >= params.compound_min_count))),
    });
  }
  const byDocuments = (x: Phrase, y: Phrase) => y.doc_freq - x.doc_freq || y.count - x.count || KIND_RANK[x.kind] - KIND_RANK[y.kind] || (x.phrase < y.phrase ? -1 : x.phrase > y.phrase ? 1 : 0);
  if (params.rank === 'documents') out.sort(byDocuments);
  else rankPhrases(out, byDocuments);
  const compounds = [...new Set([...lexicon.entries.map((e) => e.term), ...out.filter((p) => p.compound).map((p) => p.phrase)])].sort();
  const { adoption, curves } = tracker.tables(new Map(out.map((p) => [idOfPhrase.get(p.phrase)!, p.phrase])));
  return { lexicon, phrases: out, adoption: { rows: adoption, curves }, compounds, messages, meta: { stage: 'phrases', params } };
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

function quotedIn(phrase: string, docs: readonly Document[]): boolean {
  return docs.some((d) => d.paragraphs.some((t) => t.includes(`“${phrase}”`) || t.includes(`「${phrase}」`)));
}

/** The study's own terms (phrases.terms) join the lexicon under category study, unless the lexicon has them already. */
function addStudyTerms(lexicon: Lexicon, terms: readonly string[]): void {
  for (const raw of terms) {
    const term = raw.trim();
    const problem = termProblem(term.replace(/[、\s]/gu, ''));
    if (problem) throw new InputError(`phrases.terms: '${raw}' ${problem} (a term is 2-20 letters or digits)`);
    if (lexicon.byTerm.has(term)) continue;
    const e = { term, category: 'study', kind: '', note: '', source: 'phrases.terms' };
    lexicon.entries.push(e);
    lexicon.byTerm.set(term, e);
  }
  lexicon.entries.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}

function scored(e: PhraseEvidence): { score: number; concentration: number; log_ratio: number } {
  return { score: distinctiveness(e), concentration: e.concentration, log_ratio: logRatio(e) };
}
