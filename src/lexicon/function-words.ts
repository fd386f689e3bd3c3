import { readFileSync } from 'node:fs';
import { jiebaDictionaryFile } from '../segment/jieba.js';

/**
 * Part-of-speech tags of jieba's dictionary (ICTCLAS set) that mark function
 * words and other closed classes: adverbs (d, ad: 已经, 必须, 一定, 认真),
 * pronouns (r: 这种, 我们), conjunctions (c), prepositions (p), particles
 * (u*), locatives (f: 之间, 以来), time words (t, tg: 今后, 当前), measure
 * words (q), modal and interjection particles (y, e, o). Numerals (m) are not
 * in it: jieba tags 十一五 and 两会 m, and numeral dates are left out of the
 * tokens already (segment.remove_dates).
 */
export const FUNCTION_TAGS: ReadonlySet<string> = new Set(['d', 'ad', 'r', 'c', 'p', 'u', 'uj', 'ul', 'uv', 'uz', 'ud', 'ug', 'f', 't', 'tg', 'q', 'y', 'e', 'o']);

/**
 * Modal verbs (能愿动词), a closed class that jieba tags as plain verbs (v):
 * 应该, 应当 and 必须 lead the keywords of the 1950s reports without saying
 * anything of their content.
 */
export const MODAL_VERBS: readonly string[] = ['应该', '应当', '能够', '可以', '需要', '必需', '愿意', '要求'];

let words: Set<string> | undefined;

/**
 * Function words: every word of jieba's dictionary whose tag is in
 * {@link FUNCTION_TAGS}, and the {@link MODAL_VERBS}. They stay tokens (tf-idf,
 * clusters and counts keep them); keywords and cluster and theme labels skip
 * them, because a keyword or a label says what a report or a group is about.
 *
 * @example functionWords().has('已经') // true (jieba: 已经 d); functionWords().has('改革') // false (vn)
 */
export function functionWords(): ReadonlySet<string> {
  if (words) return words;
  words = new Set(MODAL_VERBS);
  for (const line of readFileSync(jiebaDictionaryFile(), 'utf8').split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length >= 3 && FUNCTION_TAGS.has(parts[2]!)) words.add(parts[0]!);
  }
  return words;
}
