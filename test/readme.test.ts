import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageParameterDocs } from '../src/pipeline/describe.js';
import { readmeRow, TABLES } from '../src/output/tables.js';

// The README's parameter tables must say what the schemas say: every parameter, with its default.
const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

describe('README', () => {
  for (const stage of stageParameterDocs()) {
    it(`documents every parameter of ${stage.stage} with its default`, () => {
      for (const p of stage.params) {
        const row = readme.split('\n').find((l) => l.startsWith(`| \`${p.name}\` |`) && l.includes(p.description.replace(/\|/g, '/')));
        expect(row, `${stage.stage}.${p.name}`).toBeDefined();
        expect(row!, `${stage.stage}.${p.name}`).toContain(`\`${JSON.stringify(p.default)}\``);
      }
    });
  }
  it('shows the two commands of the quick start', () => {
    expect(readme).toContain('npm ci && npm run analyze');
    expect(readme).toContain('npm test');
  });
  // The output-file table is derived from the table declarations (src/output/tables.ts): one row per declared
  // table, in the declared order, with its row unit, its columns and what it holds; no CSV row the declarations lack.
  it('lists every declared output table as its declaration says, in the declared order', () => {
    const csvRows = readme.split('\n').filter((l) => /^\| `[^`/]+\.csv` \|/.test(l));
    expect(csvRows).toEqual(TABLES.map(readmeRow));
  });
  it('says which declared tables tables.xlsx leaves out, and names every sheet it holds', () => {
    const xlsxRow = readme.split('\n').find((l) => l.startsWith('| `tables.xlsx` |'))!;
    const left = TABLES.filter((t) => !t.sheet).map((t) => `${t.name}.csv`);
    expect(left.length).toBeGreaterThan(0);
    const notIn = xlsxRow.split('. ').find((sentence) => / (?:is|are) not in it/.test(sentence)) ?? '';
    for (const file of left) expect(notIn, file).toContain(file);
    for (const t of TABLES.filter((d) => d.sheet)) expect(notIn, t.name).not.toContain(`${t.name}.csv`);
  });
});
