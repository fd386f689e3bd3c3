import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stataName, stataNameProblem, writeStata, type StataDataset } from '../../src/output/stata.js';
import { pythonWith, runPython, skipLine } from '../fixtures/python.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-stata-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a .dta with pandas and prints its columns, values (NaN as null), variable labels and data label as JSON. */
const READ = `
import sys, json, math, pandas as pd
r = pd.io.stata.StataReader(sys.argv[1])
df = r.read(convert_missing=False)
labels = r.variable_labels()
print(json.dumps({"columns": list(df.columns), "dtypes": [str(t) for t in df.dtypes],
  "values": [[None if isinstance(v, float) and math.isnan(v) else v for v in df[c].tolist()] for c in df.columns],
  "labels": [labels[c] for c in df.columns], "data_label": r.data_label}, ensure_ascii=False))
`;

const python = pythonWith('pandas');

describe('stataName', () => {
  it('makes valid, unique names from years, Chinese terms, reserved words and long names', () => {
    const taken = new Set<string>();
    const made = ['1954', '乡村振兴', 'gdp growth', 'gdp_growth', 'gdp-growth', 'long', 'str12', '_n', 'x'.repeat(40), 'x'.repeat(40)].map((w) => stataName(w, taken));
    expect(made.slice(0, 3)).toEqual(['v1954', 'v____', 'gdp_growth']);
    expect(made[3]).toBe('gdp_growth_2');
    expect(made[4]).toBe('gdp_growth_3');
    for (const n of made) expect(stataNameProblem(n)).toBeUndefined();
    expect(new Set(made).size).toBe(made.length);
    expect(made[8]!.length).toBe(32);
  });
  it('refuses an invalid name with the reason', () => {
    expect(() => writeStata(path.join(dir, 'bad.dta'), { rows: 0, columns: [{ name: '1954', values: [] }] })).toThrow(/Stata variable name '1954'.*not starting with a digit/);
    expect(() => writeStata(path.join(dir, 'bad.dta'), { rows: 0, columns: [{ name: 'int', values: [] }] })).toThrow(/reserves/);
  });
});

describe.skipIf(!python)('writeStata read back by pandas.read_stata', () => {
  it('gives back every value, missing value, label and the Chinese text', () => {
    const long = '乡村振兴'.repeat(600); // 7,200 bytes: beyond str2045, so a strL
    const ds: StataDataset = {
      rows: 5,
      label: '政府工作报告 panel (govtext)',
      columns: [
        { name: 'doc_id', label: 'document', values: ['national_2017', '浙江省_2018', '', 'a"b,c', 'x'] },
        { name: 'year', label: 'year the report is delivered in', values: [2017, 2018, null, -2147483647, 2147483620] },
        { name: 'hits', label: '乡村振兴 (rural): hits in the cleaned text', type: 'double', values: [3, 0, null, 1.5e-300, -7.25] },
        { name: 'per_10k', label: '乡'.repeat(100), values: [0.1, 1 / 3, Number.NaN, 1e300, 0] },
        { name: 'flag', values: [true, false, undefined, true, false] },
        { name: 'text', label: '全文', values: [long, '短', null, '', 'ascii'] },
      ],
    };
    const file = path.join(dir, 'all.dta');
    const warnings = writeStata(file, ds);
    expect(warnings).toEqual([expect.stringMatching(/^variable label of per_10k cut to 80 characters/)]);
    const got = runPython<{ columns: string[]; dtypes: string[]; values: unknown[][]; labels: string[]; data_label: string }>(python!, READ, [file]);
    expect(got.columns).toEqual(['doc_id', 'year', 'hits', 'per_10k', 'flag', 'text']);
    expect(got.data_label).toBe('政府工作报告 panel (govtext)');
    expect(got.labels).toEqual(['document', 'year the report is delivered in', '乡村振兴 (rural): hits in the cleaned text', '乡'.repeat(80), '', '全文']);
    expect(got.dtypes.slice(1, 5)).toEqual(['float64', 'float64', 'float64', 'float64']); // pandas widens a long with missing values
    expect(got.values[0]).toEqual(['national_2017', '浙江省_2018', '', 'a"b,c', 'x']);
    expect(got.values[1]).toEqual([2017, 2018, null, -2147483647, 2147483620]);
    expect(got.values[2]).toEqual([3, 0, null, 1.5e-300, -7.25]);
    expect(got.values[3]).toEqual([0.1, 1 / 3, null, 1e300, 0]);
    expect(got.values[4]).toEqual([1, 0, null, 1, 0]);
    expect(got.values[5]).toEqual([long, '短', '', '', 'ascii']);
  });

  it('writes an empty dataset and a dataset of 50,000 rows that pandas reads whole', () => {
    const file = path.join(dir, 'empty.dta');
    writeStata(file, { rows: 0, columns: [{ name: 'doc_id', values: [] }, { name: 'n', type: 'long', values: [] }] });
    const empty = runPython<{ columns: string[]; values: unknown[][] }>(python!, READ, [file]);
    expect(empty.columns).toEqual(['doc_id', 'n']);
    expect(empty.values).toEqual([[], []]);
    const big = path.join(dir, 'big.dta');
    const n = 50_000;
    writeStata(big, { rows: n, columns: [{ name: 'i', values: (r) => r }, { name: 'term', values: (r) => `词${r % 97}` }, { name: 'x', values: (r) => r / 7 }] });
    const got = runPython<{ sum: number; terms: number; x: number }>(python!, `
import sys, json, pandas as pd
df = pd.read_stata(sys.argv[1])
print(json.dumps({"sum": int(df["i"].sum()), "terms": int(df["term"].nunique()), "x": float(df["x"].iloc[-1])}))
`, [big]);
    expect(got).toEqual({ sum: (n * (n - 1)) / 2, terms: 97, x: (n - 1) / 7 });
  });

  it('reads rows built on demand once to plan the file and once to write it, and a column of numbers and text is text as wide as its longest value', () => {
    // As panel.dta's rows are: each built whole from its index, the last one cached.
    const n = 1_000;
    let built = 0;
    let last = -1;
    let row: (string | number | null)[] = [];
    const rowAt = (r: number) => {
      if (r !== last) {
        built++;
        last = r;
        // Column 'mixed': numbers, one text value in the middle, and the widest value a number (-123456.5, 9 bytes).
        row = [`文档${r}`, r === 500 ? '第五百' : r === 999 ? -123456.5 : r, r % 3 === 0 ? null : r * 1.5, r];
      }
      return row;
    };
    const file = path.join(dir, 'rows.dta');
    writeStata(file, { rows: n, columns: ['doc_id', 'mixed', 'x', 'i'].map((name, c) => ({ name, values: (r: number) => rowAt(r)[c] ?? null })) });
    expect(built).toBeLessThanOrEqual(2 * n);
    const got = runPython<{ dtypes: string[]; mixed: string[]; x_missing: number; i_sum: number }>(python!, `
import sys, json, pandas as pd
df = pd.read_stata(sys.argv[1])
print(json.dumps({"dtypes": [str(t) for t in df.dtypes], "mixed": [df["mixed"][k] for k in (0, 500, 999)], "x_missing": int(df["x"].isna().sum()), "i_sum": int(df["i"].sum())}))
`, [file]);
    expect(got.dtypes).toEqual(['object', 'object', 'float64', 'int32']);
    expect(got.mixed).toEqual(['0', '第五百', '-123456.5']);
    expect(got.x_missing).toBe(334);
    expect(got.i_sum).toBe((n * (n - 1)) / 2);
  });
});
if (!python) skipLine('writeStata read back by pandas.read_stata', 'python3 with pandas (Debian python3-pandas)');
