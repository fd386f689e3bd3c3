/**
 * What leads into a sentence (the sentences of its paragraph before it; the
 * paragraph that opens its list), and where a report's target wording was
 * left unread: the context indicatorKindOf reads after the sentence itself.
 */

import { namesThisYear, STRONG_TARGET_WORD } from './cues.js';
import { stating } from './extract.js';
import { HEADLINE_TARGETS, INDICATOR_NAMES } from './names.js';

/** The text of a paragraph before one of its sentences ('' for the first). */
export function sentenceLead(paragraph: string, sentence: string): string {
  const at = paragraph.indexOf(sentence);
  return at > 0 ? paragraph.slice(0, at).trim() : '';
}

/** A paragraph that opens a list: it ends with a colon (…的主要目标是：). */
const OPENS_LIST = /[：:]\s*$/u;
/** An item of a list: ——, —, ·, (一), 一是, 1. or ①. */
const LIST_ITEM = /^\s*(?:——|—|·|•|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+是|\d+[.、．]|[①-⑳])/u;

/**
 * Per paragraph (0-based), the paragraph that opens the list it is an item of, or undefined:
 * a paragraph ending with a colon leads into the item paragraphs right after it
 * (一九九一年国民经济和社会发展的主要目标是： / ——…国民生产总值增长４．５％。).
 *
 * @example listLeads(['主要目标是：', '——增长5%。', '——增长6%。', '其他。'])[2] // '主要目标是：'
 */
export function listLeads(paragraphs: readonly string[]): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(paragraphs.length);
  let open: string | undefined;
  let openedAt = -1;
  paragraphs.forEach((text, p) => {
    // The paragraph right after the opener is its first item whatever its form; later ones must look like items.
    if (open !== undefined && (p === openedAt + 1 || LIST_ITEM.test(text))) out[p] = open;
    else open = undefined;
    if (OPENS_LIST.test(text)) [open, openedAt] = [text, p];
  });
  return out;
}

/** Every wording of a headline indicator (生产总值, 经济增长, 城镇新增就业 …). */
const HEADLINE_ALIASES = INDICATOR_NAMES.filter((n) => HEADLINE_TARGETS.some((h) => h.names.includes(n.name))).flatMap((n) => n.aliases);

/**
 * The first paragraph (1-based) of a report with a sentence that names the plan year (今年, the
 * report's year) with a strong target word (预期目标, 计划, 定为 …), a headline indicator and a
 * figure. Asked of a report that gave no headline target, it points at wording the extractor could
 * not read; undefined means the report states no headline target for its year.
 */
export function unreadTargets(paragraphs: readonly string[], year: number | null): number | undefined {
  for (let p = 0; p < paragraphs.length; p++) {
    for (const sentence of stating(paragraphs[p]!)) {
      if (!STRONG_TARGET_WORD.test(sentence) || !namesThisYear(sentence, year)) continue;
      if (HEADLINE_ALIASES.some((a) => sentence.includes(a))) return p + 1;
    }
  }
  return undefined;
}
