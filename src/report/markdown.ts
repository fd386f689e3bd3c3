import type { Cell } from '../artifacts/frame.js';
import { displayCell, type Digits } from './format.js';

/**
 * Text for a Markdown table cell: every ASCII punctuation that CommonMark
 * gives a meaning (emphasis, links, raw HTML, entities, the cell bar) is
 * backslash-escaped, so text from the inputs shows as written and never as
 * markup; line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]<>()#+!|~&]/g, (c) => `\\${c}`);
}

export interface MarkdownTable {
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
  digits?: Digits;
}

const isNumeric = (rows: readonly (readonly Cell[])[], j: number) => rows.length > 0 && rows.every((r) => r[j] === null || r[j] === undefined || typeof r[j] === 'number');

/** A GitHub-flavoured Markdown table; numeric columns right-aligned. */
export function toMarkdown(t: MarkdownTable): string {
  const align = t.columns.map((_, j) => (isNumeric(t.rows, j) ? '---:' : '---'));
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const out = [line(t.columns.map(escapeMarkdown)), line(align)];
  for (const r of t.rows) out.push(line(t.columns.map((c, j) => escapeMarkdown(displayCell(r[j], t.digits?.[c])))));
  return `${out.join('\n')}\n`;
}
