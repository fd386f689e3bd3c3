import { termProblem, type Lexicon } from '../lexicon/lexicon.js';
import type { Ignored } from '../text/count.js';
import { TermTrie } from '../text/trie.js';
import type { Document } from '../artifacts/corpus.js';
import type { Phrase, PhraseKind, PhraseSet, PhrasesParams } from '../artifacts/phrases.js';
import { AdoptionTracker } from './adoption.js';
import type { Background } from './background.js';
import type { PhraseCandidates } from './discover.js';
import { Concentration, distinctiveness, logRatio, rankPhrases, type PhraseEvidence } from './rank.js';
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
  const rec = countRecurrence(trie, docs, progress, ignored, (id, doc, count) => {
    tracker.hit(id, doc);
    concentration.add(id, doc, count);
  });
  const idOfPhrase = new Map<string, number>();

  const out: Phrase[] = [];
  for (const [phrase, kind] of candidates.kinds) {
    const id = trie.idOf(ignored.key(phrase));
    if (id < 0 || rec.counts[id] === 0) continue; // a lexicon term absent from this corpus
    const count = rec.counts[id]!;
    const docFreq = rec.docs[id]!;
    const entry = lexicon.byTerm.get(phrase);
    // An ordinary word put in quotes once (“环境”) is no slogan: quoted ones must be rarely found unquoted, or not a dictionary word.
    if (kind === 'quoted' && !entry && (dict.has(phrase) || (candidates.quoted.get(phrase) ?? 0) < 0.2 * count)) continue;
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
  // Curves (phrase_adoption_by_year) for the recurring phrases only: in min_docs documents or more.
  const recurring = new Set(out.filter((p) => p.doc_freq >= params.min_docs).map((p) => idOfPhrase.get(p.phrase)!));
  const { adoption, curves } = tracker.tables(new Map(out.map((p) => [idOfPhrase.get(p.phrase)!, p.phrase])), (id) => recurring.has(id));
  return { phrases: out, adoption: { rows: adoption, curves }, compounds };
}

function quotedIn(phrase: string, docs: readonly Document[]): boolean {
  return docs.some((d) => d.paragraphs.some((t) => t.includes(`“${phrase}”`) || t.includes(`「${phrase}」`)));
}

function scored(e: PhraseEvidence): { score: number; concentration: number; log_ratio: number } {
  return { score: distinctiveness(e), concentration: e.concentration, log_ratio: logRatio(e) };
}
