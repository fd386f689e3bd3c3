import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { compileFilenamePattern, disagreements, metaFromFilename, readSidecar, sidecarRow } from '../../src/ingest/external.js';

describe('file-name patterns', () => {
  const p = compileFilenamePattern('{year}政府工作报告_{speaker}');
  it.each([
    ['corpus/2017政府工作报告_李克强.txt', { year: '2017', speaker: '李克强' }],
    ['1964政府工作报告_周恩来_摘要.txt', { year: '1964', speaker: '周恩来' }],
    ['a/b/1991政府工作报告_李鹏.md', { year: '1991', speaker: '李鹏' }],
  ])('%s', (file, meta) => expect(metaFromFilename(file, p)).toEqual(meta));
  it('does not match a name of another form', () => expect(metaFromFilename('报告2017.txt', p)).toBeUndefined());
  it('reads several fields separated by literals, and skips {*}', () => {
    const q = compileFilenamePattern('{province}-{region}-{*}-{year}');
    expect(metaFromFilename('山西省-运城市-下载-2023.html', q)).toEqual({ province: '山西省', region: '运城市', year: '2023' });
  });
  it('names the parameter and the fields on a bad pattern', () => {
    expect(() => compileFilenamePattern('{yr}_{speaker}')).toThrow(InputError);
    expect(() => compileFilenamePattern('{yr}_{speaker}')).toThrow(/ingest.filename_pattern.*\{yr\}.*\{year\}/u);
    expect(() => compileFilenamePattern('report')).toThrow(/no field/u);
  });
});

describe('sidecar metadata file', () => {
  const src = (text: string) => ({ file: 'in/metadata.csv', format: 'csv' as const, encoding: 'utf-8', text, bytes: 0, sha256: '' });
  it('keys rows by file name with or without extension, or by path', () => {
    const sc = readSidecar(src('文件名,年份,报告人,level\n1991政府工作报告_李鹏.txt,1991,邹家华,national\n2017政府工作报告_李克强,2017,李克强,\n'));
    expect(sidecarRow(sc, 'x/1991政府工作报告_李鹏.txt')).toEqual({ year: '1991', speaker: '邹家华', level: 'national' });
    expect(sidecarRow(sc, 'x/2017政府工作报告_李克强.txt')).toEqual({ year: '2017', speaker: '李克强' });
    expect(sidecarRow(sc, 'x/2016政府工作报告_李克强.txt')).toBeUndefined();
  });
  it('needs a file column', () => {
    expect(() => readSidecar(src('year,speaker\n2017,李克强\n'))).toThrow(/in\/metadata.csv.*no file column.*found: year, speaker/u);
  });
  it('lists disagreements with the text, field by field', () => {
    expect(disagreements({ speaker: '李鹏', year: '1991' }, { speaker: '邹家华', year: '1991', region: '全国' })).toEqual([{ field: 'speaker', outside: '李鹏', text: '邹家华' }]);
  });
});
