import { loadLexicon } from '../lexicon/lexicon.js';
import { jiebaBackground } from '../phrases/background.js';
import { phraseCandidates } from '../phrases/discover.js';
import { addStudyTerms } from '../phrases/study.js';
import { phraseTable } from '../phrases/table.js';
import { Ignored } from '../text/count.js';
import type { Corpus } from '../artifacts/corpus.js';
import { stageContext, type StageContext } from '../pipeline/context.js';
import type { PhraseSet, PhrasesParams } from '../artifacts/phrases.js';

/**
 * Phrases: the lexicon, and slogans and policy phrases discovered in the
 * corpus (quoted, numeral-led, statistical), with their recurrence across
 * documents, regions and years. Ranked by period-aware keyness
 * (src/phrases/rank.ts), or by documents, then occurrences (rank: documents).
 */
export function phrases(corpus: Corpus, params: PhrasesParams, ctx: StageContext = stageContext()): PhraseSet {
  const { lexicon, messages } = loadLexicon({ builtin: params.builtin_lexicon, files: params.lexicon, exclude: params.exclude_terms });
  addStudyTerms(lexicon, params.terms);
  // Discovery reads every paragraph over and over: a document whose text the run let go is read back whole.
  const docs = corpus.documents.filter((d) => (params.kinds as string[]).includes(d.kind)).map((d) => (d.released ? { ...d, paragraphs: [...ctx.text.paragraphs(d)] } : d));
  const ignored = new Ignored(params.match_ignore);
  const background = jiebaBackground();
  const candidates = phraseCandidates(docs, params, lexicon, background);
  const table = phraseTable(candidates, docs, params, lexicon, background, ignored, (done, total) => ctx.progress(done, total, 'documents'));
  return { lexicon, phrases: table.phrases, adoption: table.adoption, compounds: table.compounds, messages, meta: { stage: 'phrases', params } };
}
