import { stageContext, type StageContext } from '../pipeline/context.js';
import { paperTables, type PaperTable } from '../report/paper.js';
import { tableFrame } from '../artifacts/frame.js';
import { toLatex } from '../report/latex.js';
import { toMarkdown } from '../report/markdown.js';
import { reportModel } from '../report/model.js';
import { summaryMarkdown } from '../report/summary.js';
import { reportHtml } from '../report/html.js';
import type { Report, ReportInputs, ReportParams } from '../artifacts/report.js';

/**
 * Report: comparison tables for papers (danfojs DataFrames, with captions
 * and notes, as Markdown and booktabs LaTeX), summary.md and a
 * self-contained report.html. Every number shown comes from the artifacts;
 * the methods section is generated from the run record (pipeline,
 * parameters, versions). tables.xlsx is written by the runner's writer.
 */
export function report(inputs: ReportInputs, params: ReportParams, ctx: StageContext = stageContext()): Report {
  const paper: PaperTable[] = paperTables(inputs, { phrases: params.phrases, policyTerms: params.policy_terms });
  ctx.progress(1, 3, 'parts');
  const tables = paper.map((t) => ({
    ...tableFrame(t, t.caption, t.notes),
    markdown: `**${t.caption}**\n\n${toMarkdown(t)}\n${t.notes}\n`,
    latex: toLatex({ ...t, maxRows: params.latex_rows }),
  }));
  const model = reportModel(inputs, paper, params);
  ctx.progress(2, 3, 'parts');
  const summary = summaryMarkdown(model);
  const html = params.html ? reportHtml(model) : null;
  ctx.progress(3, 3, 'parts');
  return { tables, summary, html, xlsx: params.xlsx, xlsxRows: params.xlsx_rows, messages: [], meta: { stage: 'report', params } };
}
