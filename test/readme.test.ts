import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageParameterDocs } from '../src/pipeline/describe.js';

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
});
