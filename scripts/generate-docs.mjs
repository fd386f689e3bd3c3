#!/usr/bin/env node
// Writes the generated parts of docs/ from the built code (dist/): docs/parameters.md whole, and the
// output-table block of docs/outputs.md. Run through `npm run docs:generate` (which builds first).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parametersMarkdown, withOutputsTable } = await import(path.join(root, 'dist/src/docs/reference.js'));
writeFileSync(path.join(root, 'docs/parameters.md'), parametersMarkdown());
const outputs = path.join(root, 'docs/outputs.md');
writeFileSync(outputs, withOutputsTable(readFileSync(outputs, 'utf8')));
console.error('govtext: wrote docs/parameters.md and the generated table of docs/outputs.md');
