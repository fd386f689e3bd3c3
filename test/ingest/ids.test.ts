import { describe, expect, it } from 'vitest';
import { safeId } from '../../src/ingest/ids.js';

describe('safeId', () => {
  it('keeps letters (CJK too), digits, _ and -, and joins the rest into one _', () => {
    expect(safeId('2017年 政府工作报告.txt')).toBe('2017年_政府工作报告_txt');
    expect(safeId('--a  /  b--')).toBe('a_b');
  });

  it('is never empty and never a Windows device name', () => {
    expect(safeId('。。。')).toBe('doc');
    expect(safeId('CON')).toBe('CON_');
    expect(safeId('lpt1')).toBe('lpt1_');
  });

  it('cuts at 80 code points, never inside a surrogate pair', () => {
    const id = safeId('𠀀'.repeat(100));
    expect([...id].length).toBe(80);
    expect(id).toBe('𠀀'.repeat(80));
  });
});
