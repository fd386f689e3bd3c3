import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { listInputFiles, readSource } from '../../src/io/sources.js';

/* Finding and reading input files: what is read, what is skipped and why. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-sources-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(rel: string, content: string | Buffer): string {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}

const REPORT = '交城县2023年政府工作报告\n各位代表:\n现在,我代表县人民政府向大会报告工作,请予审议。\n';

describe('listInputFiles', () => {
  it('names a missing path in an InputError', () => {
    const missing = path.join(dir, 'no-such-folder');
    expect(() => listInputFiles([missing], dir)).toThrow(InputError);
    expect(() => listInputFiles([missing], dir)).toThrow(missing);
    // A relative path is named as the user typed it.
    expect(() => listInputFiles(['raw/2023'], dir)).toThrow('raw/2023');
  });

  it('reads a folder recursively in sorted order and skips hidden files and folders', () => {
    write('b.txt', REPORT);
    write('a.txt', REPORT);
    write('sub/c.txt', REPORT);
    write('sub/deeper/a.txt', REPORT);
    write('.DS_Store', 'x');
    write('sub/.hidden.txt', REPORT);
    write('.git/HEAD', 'ref: refs/heads/main\n');
    write('z/.cache/d.txt', REPORT);

    const files = listInputFiles([dir], dir).map((f) => path.relative(dir, f).split(path.sep).join('/'));
    // Sorted by full path: a.txt < b.txt < sub/... ; nothing that starts with '.' anywhere on the path.
    expect(files).toEqual(['a.txt', 'b.txt', 'sub/c.txt', 'sub/deeper/a.txt']);
  });

  it('lists a file given twice (as a file and inside its folder) once', () => {
    const a = write('a.txt', REPORT);
    expect(listInputFiles([a, dir], dir)).toEqual([a]);
  });

  it('refuses an empty list of inputs', () => {
    expect(() => listInputFiles([], dir)).toThrow(InputError);
  });
});

describe('readSource', () => {
  it('reads a UTF-8 report and records its size and name relative to cwd', () => {
    const abs = write('raw/a.txt', REPORT);
    const r = readSource(abs, dir);
    expect(r.record.status).toBe('read');
    expect(r.record.file).toBe('raw/a.txt');
    expect(r.record.bytes).toBe(Buffer.byteLength(REPORT));
    expect(r.source?.text).toBe(REPORT);
    expect(r.source?.format).toBe('text');
  });

  it('skips a binary file named .txt with a reason, without throwing', () => {
    // A ZIP local-file header: what a mislabelled .docx looks like inside.
    const abs = write('x.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]));
    const r = readSource(abs, dir);
    expect(r.source).toBeUndefined();
    expect(r.record.status).toBe('skipped');
    expect(r.record.reason).toMatch(/binary/i);
    // The skip is reported as a message naming the file.
    expect(r.messages.some((m) => m.file === 'x.txt' && /skipped/.test(m.text))).toBe(true);
  });

  it('skips an empty file and a file of white space only', () => {
    const empty = readSource(write('empty.txt', ''), dir);
    expect(empty.source).toBeUndefined();
    expect(empty.record.status).toBe('skipped');
    expect(empty.record.reason).toMatch(/empty/i);

    const blank = readSource(write('blank.txt', ' \n\u3000\n\t\n'), dir);
    expect(blank.source).toBeUndefined();
    expect(blank.record.status).toBe('skipped');
    expect(blank.record.reason).toBeTruthy();
  });

  it.each(['report.docx', 'report.pdf', 'README'])('skips %s as an unsupported file type', (name) => {
    const r = readSource(write(name, 'PK whatever'), dir);
    expect(r.source).toBeUndefined();
    expect(r.record.status).toBe('skipped');
    expect(r.record.format).toBe('unsupported');
    expect(r.record.reason).toMatch(/unsupported/);
    // The reason names the supported types so the user knows what to convert to.
    expect(r.record.reason).toContain('.txt');
  });
});
