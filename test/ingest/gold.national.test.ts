import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithNationalCorpus } from '../fixtures/corpora.js';
import { nationalCorpus, nationalGold } from '../fixtures/national.js';

/** Headings compared as they read: spaces and width do not matter. */
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '');

describeWithNationalCorpus('metadata and sections against the hand-made gold table of the 49 national reports', (dir) => {
  const gold = nationalGold();
  const corpus = () => nationalCorpus(dir);
  const docOf = (file: string) => {
    const docs = corpus().documents.filter((d) => path.basename(d.source_file) === file && d.kind === 'report');
    expect(docs, file).toHaveLength(1);
    return docs[0]!;
  };

  it('the gold table covers all 49 files, one report each', () => {
    expect(gold).toHaveLength(49);
    expect(corpus().documents.filter((d) => d.kind === 'report')).toHaveLength(49);
  });

  it('year, level and speaker are right for 49 of 49', () => {
    const wrong = gold.filter((g) => {
      const d = docOf(g.file);
      return d.year !== g.year || d.level !== g.level || d.speaker !== g.speaker;
    });
    expect(wrong.map((g) => g.file)).toEqual([]);
  });

  it('meeting date and session are right for at least 47 of 49', () => {
    const dates = gold.filter((g) => docOf(g.file).meeting_date === g.meeting_date).length;
    const sessions = gold.filter((g) => docOf(g.file).session === g.session).length;
    expect(dates).toBeGreaterThanOrEqual(47);
    expect(sessions).toBeGreaterThanOrEqual(47);
  });

  it('finds a plan section in every report and a review section in at least 45 (the old rules found a plan in 23)', () => {
    const reports = corpus().documents.filter((d) => d.kind === 'report');
    expect(reports.filter((d) => !d.sections.some((s) => s.kind === 'plan')).map((d) => d.doc_id)).toEqual([]);
    expect(reports.filter((d) => d.sections.some((s) => s.kind === 'review')).length).toBeGreaterThanOrEqual(45);
  });

  it('review and plan sections open at the gold headings (13 reports, 1959-2017)', () => {
    const checked = gold.filter((g) => g.review_heading || g.plan_heading);
    expect(checked.length).toBeGreaterThanOrEqual(12);
    const misses: string[] = [];
    for (const g of checked) {
      const d = docOf(g.file);
      for (const [kind, heading] of [['review', g.review_heading], ['plan', g.plan_heading]] as const) {
        if (!heading) continue;
        const s = d.sections.find((x) => norm(x.heading) === norm(heading));
        if (!s || s.kind !== kind) misses.push(`${g.file}: ${heading} -> ${s ? s.kind : 'no section opens here'}`);
      }
    }
    expect(misses).toEqual([]);
  });
});
