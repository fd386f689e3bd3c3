import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageParameterDocs } from '../src/pipeline/describe.js';
import { runTables, TABLES } from '../src/output/tables.js';
import { FILES_BEGIN, FILES_END, outputFilesMarkdown, OUTPUTS_BEGIN, OUTPUTS_END, outputsTableMarkdown, parametersMarkdown } from '../src/docs/reference.js';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
const parameters = read('docs/parameters.md');
const outputs = read('docs/outputs.md');

describe('README', () => {
  it('shows the two commands of the quick start', () => {
    expect(readme).toContain('npm ci && npm run analyze');
    expect(readme).toContain('npm test');
  });
  it('is a README for researchers: at most 300 lines, with a Development section of at most ten lines', () => {
    const lines = readme.split('\n');
    expect(lines.length).toBeLessThanOrEqual(300);
    const start = lines.findIndex((l) => l === '## Development');
    expect(start).toBeGreaterThan(0);
    const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
    const body = lines.slice(start + 1, end < 0 ? lines.length : end).filter((l) => l.trim() !== '');
    expect(body.length).toBeLessThanOrEqual(10);
    expect(body.join('\n')).toContain('docs/architecture.md');
  });
  it('links every file of docs/ that it names, and each exists', () => {
    const linked = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1]!);
    for (const f of ['docs/methods.md', 'docs/parameters.md', 'docs/outputs.md', 'docs/library.md', 'docs/performance.md', 'docs/architecture.md', 'docs/troubleshooting.md']) expect(linked, f).toContain(f);
    for (const f of linked) expect(() => read(f), f).not.toThrow();
  });
});

describe('docs/parameters.md', () => {
  it('is exactly what the stages\' schemas generate (npm run docs:generate)', () => {
    expect(parameters).toBe(parametersMarkdown());
  });
  // An independent check of the generated text: every parameter of every schema has its row with its default.
  for (const stage of stageParameterDocs()) {
    it(`documents every parameter of ${stage.stage} with its default`, () => {
      const section = parameters.split(`## ${stage.stage}\n`)[1]!.split('\n## ')[0]!;
      for (const p of stage.params) {
        const row = section.split('\n').find((l) => l.startsWith(`| \`${p.name}\` |`) && l.includes(p.description.replace(/\|/g, '/')));
        expect(row, `${stage.stage}.${p.name}`).toBeDefined();
        expect(row!, `${stage.stage}.${p.name}`).toContain(`\`${JSON.stringify(p.default)}\``);
      }
    });
  }
});

describe('docs/outputs.md', () => {
  it('holds the generated table of the declared outputs exactly as TABLES generates it (npm run docs:generate)', () => {
    const a = outputs.indexOf(OUTPUTS_BEGIN);
    const b = outputs.indexOf(OUTPUTS_END);
    expect(a).toBeGreaterThan(0);
    expect(outputs.slice(a, b + OUTPUTS_END.length)).toBe(outputsTableMarkdown());
    const c = outputs.indexOf(FILES_BEGIN);
    expect(c).toBeGreaterThan(b);
    expect(outputs.slice(c, outputs.indexOf(FILES_END, c) + FILES_END.length)).toBe(outputFilesMarkdown());
  });
  // The output-file table is derived from the table declarations (src/output/tables.ts): one row per declared
  // table, in the declared order, with its row unit and columns; no CSV row the declarations lack.
  it('lists every declared output table in the declared order, and no CSV table the declarations lack', () => {
    const csvRows = outputs.split('\n').filter((l) => /^\| `[^`/]+\.csv` \|/.test(l));
    const declared = [...TABLES.map((t) => ({ file: `${t.name}.csv`, rowPer: t.rowPer })), ...runTables()];
    expect(csvRows.map((l) => l.split(' | ')[0])).toEqual(declared.map((t) => `| \`${t.file}\``));
    for (const t of declared) expect(csvRows.find((l) => l.startsWith(`| \`${t.file}\``)), t.file).toContain(t.rowPer);
  });
  it('says which declared tables tables.xlsx leaves out, and names every sheet it holds', () => {
    const xlsxRow = outputs.split('\n').find((l) => l.startsWith('| `tables.xlsx` |'))!;
    // Tables without a sheet, and every table written after the last stage.
    const left = [...TABLES.filter((t) => !t.sheet).map((t) => `${t.name}.csv`), ...runTables().map((f) => f.file)];
    expect(left.length).toBeGreaterThan(0);
    const notIn = xlsxRow.split('. ').find((sentence) => / (?:is|are) not in it/.test(sentence)) ?? '';
    for (const file of left) expect(notIn, file).toContain(file);
    for (const t of TABLES.filter((d) => d.sheet)) expect(notIn, t.name).not.toContain(`${t.name}.csv`);
  });
});
