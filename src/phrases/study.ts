import { InputError } from '../errors.js';
import { termProblem, type Lexicon } from '../lexicon/lexicon.js';

/** The study's own terms (phrases.terms) join the lexicon under category study, unless the lexicon has them already. */
export function addStudyTerms(lexicon: Lexicon, terms: readonly string[]): void {
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

