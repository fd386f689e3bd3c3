import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBuffer } from '../../src/io/decode.js';

// A realistic report paragraph (full-width punctuation as government sites publish it).
const PARAGRAPH =
  '过去的一年，全县上下在县委的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，' +
  '科学统筹疫情防控和经济社会发展，迎难而上，奋勇争先，较好地完成了各项既定目标任务。' +
  '全县地区生产总值完成一百零七亿元，稳定突破百亿元大关；固定资产投资同比增长百分之十三。' +
  '乡村产业加快发展，建设高标准农田一万亩，改造温室大棚一百四十一个，种植中药材五千亩。';

function expectOk(d: ReturnType<typeof decodeBuffer>): asserts d is Extract<ReturnType<typeof decodeBuffer>, { ok: true }> {
  expect(d.ok).toBe(true);
}

describe('decodeBuffer', () => {
  it('decodes GBK bytes (not valid UTF-8) back to the same text, as GB18030', () => {
    const buf = iconv.encode(PARAGRAPH, 'gbk');
    // Sanity: the bytes really are not UTF-8, so detection has to do the work.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buf)).toThrow();
    const d = decodeBuffer(buf);
    expectOk(d);
    expect(d.text).toBe(PARAGRAPH);
    expect(d.encoding).toBe('gb18030');
  });

  it('decodes UTF-16LE with a BOM (BOM not kept in the text)', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PARAGRAPH, 'utf16le')]);
    const d = decodeBuffer(buf);
    expectOk(d);
    expect(d.text).toBe(PARAGRAPH);
    expect(d.encoding).toMatch(/^utf-16le/);
  });

  it('decodes UTF-16BE with a BOM', () => {
    // Node has no utf16be encoder: swap the bytes of each UTF-16LE code unit.
    const le = Buffer.from(PARAGRAPH, 'utf16le');
    const be = Buffer.from(le).swap16();
    const d = decodeBuffer(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expectOk(d);
    expect(d.text).toBe(PARAGRAPH);
    expect(d.encoding).toMatch(/^utf-16be/);
  });

  it('decodes UTF-8 with a BOM and drops the BOM', () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PARAGRAPH, 'utf8')]);
    const d = decodeBuffer(buf);
    expectOk(d);
    expect(d.text).toBe(PARAGRAPH);
    expect(d.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(d.encoding).toMatch(/^utf-8/);
    expect(d.note).toBeUndefined();
  });

  it('plain UTF-8 decodes without a note', () => {
    const d = decodeBuffer(Buffer.from(PARAGRAPH, 'utf8'));
    expectOk(d);
    expect(d.text).toBe(PARAGRAPH);
    expect(d.encoding).toBe('utf-8');
    expect(d.note).toBeUndefined();
  });

  it('UTF-8 cut inside a multi-byte character keeps the whole characters and says so', () => {
    const text = '各位代表：现在，我代表县人民政府向大会报告工作';
    const full = Buffer.from(text, 'utf8');
    // Every CJK char here is 3 bytes; cutting 1 byte leaves 2 bytes of the last char (作).
    const cut = full.subarray(0, full.length - 1);
    const d = decodeBuffer(cut);
    expectOk(d);
    expect(d.text).toBe(text.slice(0, -1)); // '…报告工' — 作 dropped
    expect(d.note).toBeTruthy();
    expect(d.note).toMatch(/truncated/i);

    // Cutting 2 bytes leaves only the lead byte: same result.
    const d2 = decodeBuffer(full.subarray(0, full.length - 2));
    expectOk(d2);
    expect(d2.text).toBe(text.slice(0, -1));
    expect(d2.note).toBeTruthy();
  });

  // BUG (src/io/decode.ts decodeUtf8): the "truncated UTF-8" fallback drops up to
  // 3 trailing bytes whenever that makes the rest valid UTF-8, without checking
  // that they are the start of a UTF-8 character. A GBK file that is ASCII up to
  // a final Chinese character (县 = CF D8 in GBK; D8 is not a UTF-8 continuation
  // byte) is read as UTF-8 with 县 silently lost and a false "truncated" note.
  it('does not treat a trailing GBK character as a truncated UTF-8 character', () => {
    const buf = Buffer.concat([Buffer.from('doc_id,year\nr1,2023\nregion: ', 'utf8'), iconv.encode('县', 'gbk')]);
    expect([...buf.subarray(-2)]).toEqual([0xcf, 0xd8]);
    const d = decodeBuffer(buf);
    // Either refused or decoded with the character kept; never reported as UTF-8 minus a character.
    if (d.ok) expect(d.text.endsWith('县')).toBe(true);
  });

  it('a GBK page that declares charset=utf-8 is decoded by its bytes, not its label', () => {
    const html = `<html><head><meta charset="utf-8"><title>报告</title></head><body><p>${PARAGRAPH}</p></body></html>`;
    const d = decodeBuffer(iconv.encode(html, 'gbk'));
    expectOk(d);
    expect(d.text).toBe(html);
    expect(d.encoding).toBe('gb18030');
  });

  // BUG (src/io/decode.ts decodeBuffer): UTF-8 with one damaged byte failed
  // strict UTF-8 and fell through to the GB18030 guess, which read the whole
  // file as mojibake (过去的一年 -> 杩囧幓鐨勪竴骞) with no more than a note.
  it('UTF-8 with a damaged byte stays UTF-8: the bad sequence is replaced and the note names its line', () => {
    const text = `交城县2023年政府工作报告\n${PARAGRAPH}\n${PARAGRAPH}`;
    const buf = Buffer.from(text, 'utf8');
    const at = Buffer.byteLength(`交城县2023年政府工作报告\n过去的`); // first byte of 一 on line 2
    buf[at] = 0xff;
    const d = decodeBuffer(buf);
    expectOk(d);
    expect(d.encoding).toBe('utf-8');
    // 一 (3 bytes) lost its lead byte: its two continuation bytes are two more bad sequences.
    expect(d.text).toBe(text.replace('过去的一年', '过去的\ufffd\ufffd\ufffd年'));
    expect(d.note).toBe('invalid UTF-8: 3 bad byte sequence(s) replaced by U+FFFD (first on line 2)');
  });

  it('still reads real GBK text as GB18030, however much of it forms valid UTF-8 pairs by chance', () => {
    for (const t of [PARAGRAPH, `doc_id,title\nr1,${PARAGRAPH}\n`, '各位代表']) {
      const d = decodeBuffer(iconv.encode(t, 'gbk'));
      expectOk(d);
      expect(d.text).toBe(t);
    }
  });

  it('refuses a buffer with NUL bytes as binary', () => {
    // A PNG header: starts like text-ish bytes but holds NULs.
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const d = decodeBuffer(png);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/binary/i);

    // Also: Chinese UTF-8 text with a single NUL in it is not a text file.
    const withNul = Buffer.concat([Buffer.from(PARAGRAPH, 'utf8'), Buffer.from([0]), Buffer.from('结束。', 'utf8')]);
    expect(decodeBuffer(withNul).ok).toBe(false);
  });

  it('refuses an empty buffer', () => {
    const d = decodeBuffer(new Uint8Array(0));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/empty/i);
  });
});
