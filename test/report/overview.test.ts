import { describe, expect, it } from 'vitest';
import { corpusPhrase } from '../../src/report/overview.js';
import { yearColumns } from '../../src/report/paper.js';

describe('the corpus in one phrase', () => {
  it('names a national corpus as national, with its years', () => {
    const years = Array.from({ length: 49 }, (_, i) => [String(1954 + i), 1] as [string, number]);
    expect(corpusPhrase({ reports: 49, other: 0, regions: 1, provinces: 0, levels: [['national', 49]], years })).toBe('49 national reports, 1954–2002');
  });
  it('names regions and provinces of local reports, singular for one', () => {
    expect(corpusPhrase({ reports: 13, other: 1, regions: 13, provinces: 2, levels: [['county', 9], ['prefecture', 4]], years: [['2022', 3], ['2023', 10]] })).toBe('13 reports from 13 regions in 2 provinces, 2022–2023 (and 1 other document)');
    expect(corpusPhrase({ reports: 1, other: 0, regions: 1, provinces: 1, levels: [['county', 1]], years: [['2023', 1]] })).toBe('1 report from 1 region in 1 province, 2023');
  });
});

describe('year columns', () => {
  it('keeps up to 12 years as they are', () => {
    const ys = Array.from({ length: 12 }, (_, i) => String(2000 + i));
    expect([...yearColumns(ys).values()]).toEqual(ys);
  });
  it('groups more than 12 years by decade, labelled by the years present', () => {
    const cols = yearColumns(['1954', '1959', '1964', '1975', '1978', '1979', '1980', '1981', '1990', '1991', '2000', '2010', '2017']);
    expect(new Set(cols.values())).toEqual(new Set(['1954–1959', '1964', '1975–1979', '1980–1981', '1990–1991', '2000', '2010–2017']));
    expect(cols.get('1978')).toBe('1975–1979');
  });
});
