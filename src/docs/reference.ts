/**
 * The generated parts of docs/: the stage parameter tables (docs/parameters.md) and the output-table rows
 * (docs/outputs.md), written from the schemas and the table declarations, the single sources.
 * `npm run docs:generate` writes them; test/readme.test.ts regenerates them and compares with the committed files.
 */
import { stageParameterDocs } from '../pipeline/describe.js';
import { readmeRow, RUN_OUTPUTS, runTables, TABLES } from '../output/tables.js';

/** Markers around the generated blocks of docs/outputs.md: the tables, and the other files written after the last stage. */
export const OUTPUTS_BEGIN = '<!-- BEGIN GENERATED from src/output/tables.ts (npm run docs:generate); do not edit -->';
export const OUTPUTS_END = '<!-- END GENERATED -->';
export const FILES_BEGIN = '<!-- BEGIN GENERATED files from src/output/tables.ts (npm run docs:generate); do not edit -->';
export const FILES_END = '<!-- END GENERATED files -->';

/** A table cell: `|` would end the cell, so it becomes `/`. */
const cell = (s: string) => s.replace(/\|/g, '/');

/**
 * docs/parameters.md, whole: a table per stage (parameter, type, default, meaning), from the stages' schemas.
 *
 * @example
 * writeFileSync('docs/parameters.md', parametersMarkdown());
 */
export function parametersMarkdown(): string {
  const out = [
    '# Stage parameters',
    '',
    'Generated from the stages\' schemas by `npm run docs:generate` (src/docs/reference.ts); do not edit by hand:',
    'test/readme.test.ts regenerates this file and fails when it differs. `govtext stages` prints the same.',
    'Set a parameter in the pipeline YAML or with `--set stage.param=value` (the value is read as YAML).',
    '',
  ];
  for (const s of stageParameterDocs()) {
    out.push(`## ${s.stage}`, '', s.summary, '', '| parameter | type | default | meaning |', '| --- | --- | --- | --- |');
    for (const p of s.params) out.push(`| \`${p.name}\` | ${cell(p.type).replace(/\//g, ' or ')} | \`${JSON.stringify(p.default)}\` | ${cell(p.description)} |`);
    out.push('');
  }
  return out.join('\n');
}

/** The generated block of docs/outputs.md: a row per declared CSV table (TABLES, then those written after the last stage), in the declared order, between the markers. */
export function outputsTableMarkdown(): string {
  return [OUTPUTS_BEGIN, '| file | one row per | columns |', '| --- | --- | --- |', ...TABLES.map(readmeRow), ...runTables().map(readmeRow), OUTPUTS_END].join('\n');
}

/** The second generated block: a row per declared file written after the last stage that is no CSV table (.dta, dtm.mtx, CITATION.cff …). */
export function outputFilesMarkdown(): string {
  const files = RUN_OUTPUTS.flatMap((o) => o.files.filter((f) => !f.file.endsWith('.csv')));
  return [FILES_BEGIN, '| file | one row per | what it holds |', '| --- | --- | --- |', ...files.map(readmeRow), FILES_END].join('\n');
}

/** `text` with the block between `begin` and `end` replaced by `block`. */
function replaceBlock(text: string, begin: string, end: string, block: string): string {
  const a = text.indexOf(begin);
  const b = text.indexOf(end, a);
  if (a < 0 || b < a) throw new Error(`docs/outputs.md: the markers of a generated table are missing (${begin} … ${end})`);
  return text.slice(0, a) + block + text.slice(b + end.length);
}

/** `text` with its generated blocks (between the markers) replaced by {@link outputsTableMarkdown} and {@link outputFilesMarkdown}. */
export function withOutputsTable(text: string): string {
  return replaceBlock(replaceBlock(text, OUTPUTS_BEGIN, OUTPUTS_END, outputsTableMarkdown()), FILES_BEGIN, FILES_END, outputFilesMarkdown());
}
