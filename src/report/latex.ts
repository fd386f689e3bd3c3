import type { Cell } from '../artifacts/frame.js';
import { displayCell, type Digits } from './format.js';

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  // A straight quote as written (xelatex would print " as a closing curly quote).
  '"': '\\textquotedbl{}',
};

/** Text safe inside a LaTeX table cell: the ten specials (and < > | ", which fonts misprint) escaped, line breaks as spaces. */
export function escapeLatex(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\{}$&#%_^~<>|"]/g, (c) => LATEX_SPECIALS[c]!);
}

export interface LatexTable {
  name: string;
  caption: string;
  notes: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
  digits?: Digits;
  /** Rows written at most; the rest are counted in the notes (the CSV has them all). */
  maxRows?: number;
}

/** The preamble a document needs to \input a govtext table. */
export const LATEX_PREAMBLE = ['\\documentclass{ctexart}', '\\usepackage{booktabs}', '\\usepackage{graphicx}'];

/**
 * A booktabs table (\toprule, \midrule, \bottomrule) in a floating table
 * environment with caption, label tab:NAME and notes; numeric columns
 * right-aligned. Wider than seven columns, its header names are turned
 * upright (\rotatebox, so the columns are as narrow as their values) and
 * the table is shrunk to the line width if it is still wider (never
 * enlarged).
 * Compiles with xelatex and ctex (ctexart, or \usepackage{ctex}).
 */
export function toLatex(t: LatexTable): string {
  const shown = t.maxRows !== undefined && t.rows.length > t.maxRows ? t.rows.slice(0, t.maxRows) : t.rows;
  const numeric = t.columns.map((_, j) => shown.length > 0 && shown.every((r) => r[j] === null || r[j] === undefined || typeof r[j] === 'number'));
  const spec = numeric.map((n) => (n ? 'r' : 'l')).join('');
  const row = (cells: readonly string[]) => `${cells.join(' & ')} \\\\`;
  const wide = t.columns.length > 7;
  const notes = [t.notes, shown.length < t.rows.length ? `The first ${shown.length} of ${t.rows.length} rows; all rows are in ${t.name}.csv.` : ''].filter(Boolean).join(' ');
  const lines = [
    `% govtext table ${t.name}. Needs: ${LATEX_PREAMBLE.slice(1).join(' ')} and ctex (\\documentclass{ctexart} or \\usepackage{ctex}); compile with xelatex.`,
    '\\begin{table}[htbp]',
    '\\centering',
    `\\caption{${escapeLatex(t.caption)}}`,
    `\\label{tab:${t.name.replace(/[^A-Za-z0-9_-]/g, '-')}}`,
    ...(wide ? ['\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%'] : []),
    `\\begin{tabular}{${spec}}`,
    '\\toprule',
    row(t.columns.map((c) => (wide ? `\\rotatebox{90}{${escapeLatex(c)}}` : escapeLatex(c)))),
    '\\midrule',
    ...shown.map((r) => row(t.columns.map((c, j) => escapeLatex(displayCell(r[j], t.digits?.[c]))))),
    '\\bottomrule',
    `\\end{tabular}${wide ? '}' : ''}`,
    ...(notes ? ['\\par\\smallskip', `{\\footnotesize\\raggedright ${escapeLatex(notes)}\\par}`] : []),
    '\\end{table}',
  ];
  return `${lines.join('\n')}\n`;
}
