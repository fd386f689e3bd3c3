import type { Document, Message } from '../artifacts/corpus.js';
import { nearDuplicates, type RepeatedParagraphs } from './dedup.js';

/**
 * The message on a document's repeated paragraphs (dropped or kept, by
 * `drop`: ingest.drop_repeated_paragraphs), or undefined when it has none.
 */
export function repeatedParagraphsMessage(docId: string, rep: RepeatedParagraphs, drop: boolean, where: { file: string; line: number | undefined }): Message | undefined {
  if (rep.repeats.length === 0) return undefined;
  const what = drop ? 'dropped (ingest.drop_repeated_paragraphs)' : 'kept: its counts include them twice (set ingest.drop_repeated_paragraphs to drop them)';
  return { origin: 'ingest:repeats', text: `${docId}: ${rep.repeats.length} paragraph(s) (${rep.chars} characters) repeat earlier ones exactly (a block of long paragraphs seen before), from paragraph ${rep.repeats[0]}; ${what}`, ...where };
}

/**
 * Near-identical documents of a corpus (the same report scraped twice), as
 * `a ~ b` pairs for the manifest and one message per pair. Both documents are
 * kept. `share` is ingest.near_duplicate_share (0: no check).
 */
export function nearDuplicateDocuments(documents: readonly Document[], share: number): { pairs: string[]; messages: Message[] } {
  const pairs: string[] = [];
  const messages: Message[] = [];
  if (share <= 0 || documents.length < 2) return { pairs, messages };
  for (const p of nearDuplicates(documents.map((d) => d.paragraphs), share)) {
    const [a, b] = [documents[p.a]!, documents[p.b]!];
    pairs.push(`${a.doc_id} ~ ${b.doc_id}`);
    messages.push({ origin: 'ingest:duplicates', text: `${a.doc_id} and ${b.doc_id} are near-identical (${Math.round(p.containment * 100)}% of the shorter one's text is in the other): the same report scraped twice? Both are kept; remove one to count it once`, file: b.source_file });
  }
  return { pairs, messages };
}
