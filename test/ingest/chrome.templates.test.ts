import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { normalizeLine } from '../../src/ingest/normalize.js';
import { ingest } from '../../src/stages/ingest.js';
import { ingestParams } from '../../src/artifacts/corpus.js';
import { describeWithNationalCorpus } from '../fixtures/corpora.js';
import { SITE_TEMPLATES } from '../fixtures/site-templates.js';

// One report per template, from different decades: a template's chrome is seen in one file only.
const REPORTS = ['1954政府工作报告_周恩来.txt', '1959政府工作报告_周恩来.txt', '1975政府工作报告_周恩来.txt', '1983政府工作报告_赵紫阳.txt', '1988政府工作报告_李鹏.txt', '1995政府工作报告_李鹏.txt', '2000政府工作报告_朱镕基.txt', '2004政府工作报告_温家宝.txt', '2010政府工作报告_温家宝.txt', '2013政府工作报告_温家宝.txt', '2017政府工作报告_李克强.txt'];

describeWithNationalCorpus('site chrome seen in one file only: 11 site templates around 11 development reports', (dir) => {
  it('has a report for every template', () => expect(REPORTS.length).toBe(SITE_TEMPLATES.length));

  SITE_TEMPLATES.forEach((template, k) => {
    const file = REPORTS[k]!;
    const lines = readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/u).map(normalizeLine).filter((l) => l !== '');
    const [title, ...body] = lines;
    const built = template(title!, body);

    it(`${built.name} around ${file}: no chrome line left, every sentence kept`, () => {
      const ext = built.format === 'html' ? 'html' : 'txt';
      const c = ingest([{ file: `site/${k}.${ext}`, format: built.format, encoding: 'utf-8', text: built.page, bytes: 0, sha256: '' }], ingestParams.parse({}));
      const reports = c.documents.filter((d) => d.kind === 'report');
      expect(reports).toHaveLength(1);
      const all = c.documents.flatMap((d) => d.paragraphs);
      const source = body.join('\n');
      const left = built.chrome.map(normalizeLine).filter((line) => (source.includes(line) ? all.some((p) => p === line) : all.some((p) => p.includes(line))));
      expect(left).toEqual([]);
      // Sentences of the source, found by splitting at sentence ends (an independent reading of the file).
      const text = reports[0]!.paragraphs.join('');
      const sentences = body.join('').split(/(?<=[。!?])/u).map((s) => s.trim()).filter((s) => s.length >= 2);
      expect(sentences.length).toBeGreaterThan(20);
      expect(sentences.filter((s) => !text.includes(s))).toEqual([]);
    });
  });
});
