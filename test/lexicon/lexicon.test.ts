import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { BUILTIN_LEXICON, loadLexicon, readLexiconFile, termProblem } from '../../src/lexicon/lexicon.js';
import { ROOT } from '../fixtures/samples.js';

let dir: string;

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text, 'utf8');
  return file;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govtext-lexicon-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

// 25 characters: 坚持(2)以(3)人民(5)为(6)中心(8)的(9)发展(11)思想(13)推动(15)高质量(18)发展(20)取得(22)新(23)成效(25).
const LONG_TERM = '坚持以人民为中心的发展思想推动高质量发展取得新成效';

// A user word list, one line per entry; the line numbers are written beside each line.
const USER_TXT_LINES = [
  '# 用户词表（测试）', //    1 comment
  '新质生产力', //            2 valid, no category -> 'user'
  '', //                     3 blank
  '低空经济 industry', //     4 valid, category after white space
  '新质生产力', //            5 duplicate of line 2
  '   ', //                  6 white space only: blank
  '稳就业、保民生', //        7 punctuation (、) -> skipped
  '县', //                   8 one character -> skipped
  LONG_TERM, //              9 25 characters -> skipped
  '#另一条注释', //           10 comment
  '银发经济', //              11 valid
];

describe('termProblem', () => {
  it('accepts 2-20 letters/digits with · or + inside, and rejects the rest', () => {
    expect(termProblem('乡村振兴')).toBeUndefined();
    expect(termProblem('1146')).toBeUndefined();
    expect(termProblem('有机旱作·晋品')).toBeUndefined();
    expect(termProblem('1+N')).toBeUndefined();
    expect(termProblem('县')).toBe('shorter than 2 characters');
    // 20 characters is the limit: the first 20 of LONG_TERM pass, the 21 and 25 character strings do not.
    expect(termProblem(LONG_TERM.slice(0, 20))).toBeUndefined();
    expect(termProblem(LONG_TERM.slice(0, 21))).toBe('longer than 20 characters');
    expect(termProblem('数字 经济')).toBe('contains white space or punctuation');
    expect(termProblem('稳就业、保民生')).toBe('contains white space or punctuation');
    expect(termProblem('·乡村')).toBe('contains white space or punctuation');
  });
});

describe('readLexiconFile: a user word list (.txt)', () => {
  it('loads the valid lines, skips blanks and comments, and names file and line of every invalid line', () => {
    expect(LONG_TERM.length).toBe(25);
    const file = write('user.txt', USER_TXT_LINES.join('\n') + '\n');
    const { entries, messages } = readLexiconFile(file, 'user.txt');

    // Lines 2, 4, 5, 11 are valid (the duplicate is still read; loadLexicon reports it).
    expect(entries.map((e) => [e.term, e.category])).toEqual([
      ['新质生产力', 'user'],
      ['低空经济', 'industry'],
      ['新质生产力', 'user'],
      ['银发经济', 'user'],
    ]);
    expect(entries.every((e) => e.source === 'user.txt' && e.kind === '' && e.note === '')).toBe(true);

    // Lines 7, 8, 9 are invalid: one message each, with the file and the 1-based line.
    expect(messages.map((m) => [m.origin, m.file, m.line])).toEqual([
      ['lexicon:entry', 'user.txt', 7],
      ['lexicon:entry', 'user.txt', 8],
      ['lexicon:entry', 'user.txt', 9],
    ]);
    expect(messages[0]!.text).toContain('稳就业、保民生');
    expect(messages[0]!.text).toContain('punctuation');
    expect(messages[1]!.text).toContain('shorter than 2');
    expect(messages[2]!.text).toContain(LONG_TERM);
    expect(messages[2]!.text).toContain('longer than 20');
  });

  it('counts lines the same way with CRLF line ends', () => {
    const file = write('user_crlf.txt', USER_TXT_LINES.join('\r\n'));
    const { entries, messages } = readLexiconFile(file, 'user_crlf.txt');
    expect(entries.map((e) => e.term)).toEqual(['新质生产力', '低空经济', '新质生产力', '银发经济']);
    expect(messages.map((m) => m.line)).toEqual([7, 8, 9]);
  });

  it('reads white space or a comma after the term as the category separator (documented text format)', () => {
    // "one term per line, optionally followed by a category": in a .txt list a space cannot be part of a term.
    const file = write('sep.txt', ['数字 经济', '智慧城市\turban', '夜间经济,economy', '首店经济　livelihood'].join('\n'));
    const { entries, messages } = readLexiconFile(file, 'sep.txt');
    // The last line uses the ideographic space U+3000, which \s matches.
    expect(entries.map((e) => [e.term, e.category])).toEqual([
      ['数字', '经济'],
      ['智慧城市', 'urban'],
      ['夜间经济', 'economy'],
      ['首店经济', 'livelihood'],
    ]);
    expect(messages).toEqual([]);
  });

  // BUG (src/lexicon/lexicon.ts, the split in readLexiconFile): the separator class is written
  // /[\t,,\s]+/u, an ASCII comma twice; the second was meant to be the full-width comma U+FF0C
  // that Chinese users type. The line below is rejected as 'contains white space or punctuation'
  // instead of giving 首店经济 with category livelihood.
  it('reads a full-width comma (，) after the term as the category separator', () => {
    const file = write('fullwidth_sep.txt', '首店经济，livelihood\n');
    const { entries, messages } = readLexiconFile(file, 'fullwidth_sep.txt');
    expect(messages).toEqual([]);
    expect(entries.map((e) => [e.term, e.category])).toEqual([['首店经济', 'livelihood']]);
  });

  // BUG (src/lexicon/lexicon.ts, readLexiconFile): ingest folds full-width ASCII variants
  // (U+FF01-U+FF5E) in every text (src/ingest/normalize.ts foldWidth), but lexicon files are not
  // folded, so a user term typed in full width (５Ｇ基站) is accepted yet can never match the
  // folded corpus text (5G基站).
  it('folds full-width letters and digits in user terms the way ingest folds the corpus', () => {
    const file = write('fullwidth_term.txt', '５Ｇ基站\n');
    const { entries } = readLexiconFile(file, 'fullwidth_term.txt');
    expect(entries.map((e) => e.term)).toEqual(['5G基站']);
  });
});

describe('readLexiconFile: a user CSV', () => {
  it('rejects a term with a space inside, naming the CSV line', () => {
    // Line 1 header, line 2 valid, line 3 the term with a space, line 4 valid.
    const file = write('space.csv', 'term,category,kind,note\n夜间经济,economy,concept,night economy\n数字 经济,economy,,has a space\n首店经济,economy,,first stores\n');
    const { entries, messages } = readLexiconFile(file, 'space.csv');
    expect(entries.map((e) => [e.term, e.category, e.kind, e.note])).toEqual([
      ['夜间经济', 'economy', 'concept', 'night economy'],
      ['首店经济', 'economy', '', 'first stores'],
    ]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ origin: 'lexicon:entry', file: 'space.csv', line: 3 });
    expect(messages[0]!.text).toContain('white space');
  });

  it('a CSV without a term column is an InputError that lists the columns found', () => {
    const file = write('noterm.csv', 'word,category\n乡村振兴,rural\n');
    let err: unknown;
    try {
      readLexiconFile(file, 'noterm.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const msg = (err as Error).message;
    expect(msg).toContain('noterm.csv');
    expect(msg).toContain("'term'");
    expect(msg).toContain('found: word, category');
    // loadLexicon passes the error on.
    expect(() => loadLexicon({ builtin: false, files: ['noterm.csv'], cwd: dir })).toThrow(InputError);
  });

  it('a missing file is an InputError naming it', () => {
    const missing = path.join(dir, 'nope.txt');
    expect(() => readLexiconFile(missing, 'nope.txt')).toThrow(InputError);
    expect(() => readLexiconFile(missing, 'nope.txt')).toThrow(missing);
  });
});

describe('loadLexicon', () => {
  it('builtin: false gives exactly the user terms, deduplicated with a lexicon:duplicate message', () => {
    write('only.txt', USER_TXT_LINES.join('\n') + '\n');
    const { lexicon, messages } = loadLexicon({ builtin: false, files: ['only.txt'], cwd: dir });
    // Valid distinct terms: 新质生产力, 低空经济, 银发经济; sorted by code unit: 低 (U+4F4E) < 新 (U+65B0) < 银 (U+94F6).
    expect(lexicon.entries.map((e) => e.term)).toEqual(['低空经济', '新质生产力', '银发经济']);
    expect([...lexicon.byTerm.keys()]).toEqual(['低空经济', '新质生产力', '银发经济']);
    expect(lexicon.entries.every((e) => e.source === 'only.txt')).toBe(true);
    // Three skipped lines, then the duplicate of line 5.
    expect(messages.filter((m) => m.origin === 'lexicon:entry').map((m) => m.line)).toEqual([7, 8, 9]);
    const dups = messages.filter((m) => m.origin === 'lexicon:duplicate');
    expect(dups).toHaveLength(1);
    expect(dups[0]!.file).toBe('only.txt');
    expect(dups[0]!.text).toContain('新质生产力');
    expect(messages).toHaveLength(4);
  });

  it('names the duplicate by file:line, and the line of the first entry, as the CLI prints it', async () => {
    write('dup.txt', USER_TXT_LINES.join('\n') + '\n');
    const { messages } = loadLexicon({ builtin: false, files: ['dup.txt'], cwd: dir });
    const dup = messages.find((m) => m.origin === 'lexicon:duplicate')!;
    // Line 5 repeats line 2 (see USER_TXT_LINES).
    expect(dup.line).toBe(5);
    expect(dup.text).toContain('first on line 2');
    const { formatMessage } = await import('../../src/cli/messages.js');
    expect(formatMessage(dup)).toBe("warning: dup.txt:5: '新质生产力' listed twice (first on line 2); the later entry is used [lexicon:duplicate]");
    // Every invalid line is printed with its file:line too.
    expect(messages.filter((m) => m.origin === 'lexicon:entry').map(formatMessage).map((l) => l.slice(0, 'warning: dup.txt:7:'.length))).toEqual(['warning: dup.txt:7:', 'warning: dup.txt:8:', 'warning: dup.txt:9:']);
  });

  it('a user CSV overrides the category of a built-in term, with a lexicon:override message', () => {
    // Take the first row of the built-in list (term and category are the first two columns, never quoted).
    const firstRow = fs.readFileSync(path.join(ROOT, BUILTIN_LEXICON), 'utf8').split(/\r?\n/u)[1]!;
    const [term, builtinCategory] = firstRow.split(',') as [string, string];
    const newCategory = builtinCategory === 'culture' ? 'ecology' : 'culture';
    write('override.csv', `term,category,kind,note\n${term},${newCategory},slogan,moved by the user\n项目为王,industry,slogan,county slogan\n`);

    const base = loadLexicon({ builtin: true, files: [] });
    expect(base.lexicon.byTerm.get(term)!.category).toBe(builtinCategory);
    expect(base.lexicon.byTerm.has('项目为王')).toBe(false);

    const { lexicon, messages } = loadLexicon({ builtin: true, files: ['override.csv'], cwd: dir });
    const e = lexicon.byTerm.get(term)!;
    expect(e.category).toBe(newCategory);
    expect(e.source).toBe('override.csv');
    expect(e.kind).toBe('slogan');
    expect(e.note).toBe('moved by the user');
    expect(lexicon.byTerm.get('项目为王')).toMatchObject({ category: 'industry', source: 'override.csv' });
    // One term replaced, one added.
    expect(lexicon.entries.length).toBe(base.lexicon.entries.length + 1);

    const overrides = messages.filter((m) => m.origin === 'lexicon:override');
    expect(overrides).toHaveLength(1);
    expect(overrides[0]!.file).toBe('override.csv');
    expect(overrides[0]!.text).toBe(`'${term}': category ${builtinCategory} -> ${newCategory}`);
  });

  it('a user list repeating a built-in term without a category keeps the built-in category, silently', () => {
    // 乡村振兴 is rural in data/lexicon/policy_terms.csv (line 219).
    write('repeat.txt', '乡村振兴\n');
    const { lexicon, messages } = loadLexicon({ builtin: true, files: ['repeat.txt'], cwd: dir });
    expect(lexicon.byTerm.get('乡村振兴')!.category).toBe('rural');
    expect(messages.filter((m) => m.origin === 'lexicon:override' || m.origin === 'lexicon:duplicate')).toEqual([]);
  });

  it('the later user file wins over an earlier one', () => {
    write('a.csv', 'term,category\n夜间经济,economy\n');
    write('b.csv', 'term,category\n夜间经济,livelihood\n');
    const { lexicon, messages } = loadLexicon({ builtin: false, files: ['a.csv', 'b.csv'], cwd: dir });
    expect(lexicon.byTerm.get('夜间经济')).toMatchObject({ category: 'livelihood', source: 'b.csv' });
    expect(messages).toEqual([{ origin: 'lexicon:override', text: "'夜间经济': category economy -> livelihood", file: 'b.csv', line: 2 }]);
  });

  it('exclude removes terms, built-in or user', () => {
    write('ex.txt', '夜间经济\n首店经济\n');
    const all = loadLexicon({ builtin: true, files: ['ex.txt'], cwd: dir }).lexicon;
    expect(all.byTerm.has('乡村振兴')).toBe(true);
    expect(all.byTerm.has('专精特新')).toBe(true);
    const { lexicon } = loadLexicon({ builtin: true, files: ['ex.txt'], cwd: dir, exclude: ['乡村振兴', '专精特新', '夜间经济', '不存在的词'] });
    // Three present terms removed (the absent one changes nothing).
    expect(lexicon.entries.length).toBe(all.entries.length - 3);
    for (const t of ['乡村振兴', '专精特新', '夜间经济']) {
      expect(lexicon.byTerm.has(t)).toBe(false);
      expect(lexicon.entries.some((e) => e.term === t)).toBe(false);
    }
    expect(lexicon.byTerm.has('首店经济')).toBe(true);
    // A longer term that contains an excluded one stays.
    expect(lexicon.byTerm.has('乡村振兴战略')).toBe(true);
  });
});

describe('the built-in lexicon', () => {
  const CATEGORIES = new Set(['economy', 'industry', 'innovation', 'rural', 'ecology', 'livelihood', 'governance', 'opening-up', 'security', 'party-building', 'urban', 'culture']);

  it('has at least 400 valid entries in the twelve categories, read without any message', () => {
    const { lexicon, messages } = loadLexicon({ builtin: true, files: [] });
    expect(lexicon.entries.length).toBeGreaterThanOrEqual(400);
    expect(messages).toEqual([]);
    const bad = lexicon.entries.filter((e) => !CATEGORIES.has(e.category)).map((e) => `${e.term}:${e.category}`);
    expect(bad).toEqual([]);
    expect(lexicon.entries.every((e) => e.source === 'builtin' && termProblem(e.term) === undefined)).toBe(true);
  });

  it('holds the file rows one for one', () => {
    // Independent count: non-empty lines of the CSV minus the header (notes hold no line breaks).
    const lines = fs.readFileSync(path.join(ROOT, BUILTIN_LEXICON), 'utf8').split(/\r?\n/u).filter((l) => l !== '');
    const { lexicon } = loadLexicon({ builtin: true, files: [] });
    expect(lexicon.entries.length).toBe(lines.length - 1);
  });

  it('leaves out the local slogans that the discovery test must find', () => {
    const { lexicon } = loadLexicon({ builtin: true, files: [] });
    for (const t of ['六新', '项目为王', '四为四高两同步', '五抓一优一促', '1146']) expect(lexicon.byTerm.has(t), t).toBe(false);
  });
});
