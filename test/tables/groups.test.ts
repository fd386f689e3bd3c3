import { describe, expect, it } from 'vitest';
import { groupTable } from '../../src/tables/groups.js';

// Three reports worked by hand.
const docvars = new Map([
  ['d1', { year: '2021', level: 'county' }],
  ['d2', { year: '2021', level: 'county' }],
  ['d3', { year: '2023', level: 'prefecture' }],
  ['d4', { year: '2023', level: 'county' }],
]);
const tokens = new Map([['d1', 1000], ['d2', 500], ['d3', 800], ['d4', 200]]);
const hits = new Map([['d1', 2], ['d2', 1], ['d4', 1]]); // d3 has none

describe('group tables', () => {
  it('pools hits and tokens per cell: rate = total hits / total tokens x 10,000', () => {
    const t = groupTable({ hits, tokens, docvars }, { rows: 'year', cols: 'level', value: 'per_10k', name: 'g', caption: '' });
    expect(t.columns).toEqual(['year', 'county', 'prefecture', 'all']);
    // 2021 county: (2 + 1) / (1000 + 500) x 10,000 = 20; 2023 county: 1 / 200 x 10,000 = 50;
    // 2023 prefecture: 0 / 800 = 0; 2023 all: (0 + 1) / (800 + 200) x 10,000 = 10
    expect(t.rows).toEqual([
      ['2021', 20, null, 20],
      ['2023', 50, 0, 10],
    ]);
  });
  it('counts documents and hits, and makes one column without --cols', () => {
    const docs = groupTable({ hits, tokens, docvars }, { rows: 'level', cols: '', value: 'documents', name: 'g', caption: '' });
    expect(docs.columns).toEqual(['level', 'all']);
    expect(docs.rows).toEqual([['county', 3], ['prefecture', 1]]);
    const h = groupTable({ hits, tokens, docvars }, { rows: 'level', cols: '', value: 'hits', name: 'g', caption: '' });
    expect(h.rows).toEqual([['county', 4], ['prefecture', 0]]);
  });
});

describe('CSV writing', () => {
  it('the streaming writer writes exactly what toCsv writes', async () => {
    const { CsvWriter, toCsv } = await import('../../src/output/csv.js');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-csv-'));
    const columns = ['a', 'b', 'c'];
    const rows = [['x,y', 'say "hi"', 1.5], ['=SUM(A1)', null, -2], ['line\nbreak', true, 0]] as const;
    const w = new CsvWriter(path.join(dir, 't.csv'), columns);
    for (const r of rows) w.write(r);
    w.close();
    expect(readFileSync(path.join(dir, 't.csv'), 'utf8')).toBe(toCsv({ columns, rows }));
    // by hand: BOM, header, quoted comma, doubled quotes, neutralised formula, number kept as number
    expect(toCsv({ columns, rows })).toBe('\ufeffa,b,c\r\n"x,y","say ""hi""",1.5\r\n\'=SUM(A1),,-2\r\n"line\nbreak",true,0\r\n');
    rmSync(dir, { recursive: true, force: true });
  });
});
