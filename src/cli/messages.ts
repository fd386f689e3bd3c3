import type { Message } from '../artifacts/corpus.js';

/** Names shown of a long list on stderr; manifest.json keeps the whole list. */
export const MAX_LISTED = 10;

/**
 * Cuts every comma-separated list of more than `max` names (doc_ids, files:
 * items without spaces) to its first `max` and "… and N more", so a warning
 * about 1,000 reports stays one readable line.
 */
export function shortenLists(text: string, max = MAX_LISTED): string {
  return text.replace(/[^\s,]+(?:, [^\s,]+)+/gu, (list) => {
    const items = list.split(', ');
    return items.length <= max ? list : `${items.slice(0, max).join(', ')}, … and ${items.length - max} more`;
  });
}

/** One warning line for stderr: where, what (long lists cut, see shortenLists), and the rule that said so. */
export function formatMessage(m: Message): string {
  const place = m.file ? `${m.file}${m.line ? `:${m.line}` : ''}: ` : '';
  return `warning: ${place}${shortenLists(m.text)} [${m.origin}]`;
}
