import { describe, expect, it } from 'vitest';
import { chineseNumeral, parseNumber } from '../../src/indicators/numbers.js';

describe('chineseNumeral', () => {
  it('reads positional numerals, with 十 alone meaning ten', () => {
    expect(chineseNumeral('七')).toBe(7);
    expect(chineseNumeral('十')).toBe(10);
    expect(chineseNumeral('十二')).toBe(12);
    expect(chineseNumeral('二十五')).toBe(25);
    expect(chineseNumeral('一百零五')).toBe(105);
    expect(chineseNumeral('两千五百')).toBe(2500);
    expect(chineseNumeral('三千零二十')).toBe(3020);
  });

  it('reads decimals with 点 and digit-by-digit numerals', () => {
    expect(chineseNumeral('六点五')).toBe(6.5);
    expect(chineseNumeral('三点零五')).toBe(3.05);
    expect(chineseNumeral('二〇二三')).toBe(2023);
  });

  it('refuses what is not a numeral', () => {
    expect(chineseNumeral('')).toBeUndefined();
    expect(chineseNumeral('点')).toBeUndefined();
    expect(chineseNumeral('一般')).toBeUndefined();
    expect(chineseNumeral('六点五点')).toBeUndefined();
  });
});

describe('parseNumber', () => {
  it('reads Arabic numbers, full-width digits and thousands commas', () => {
    expect(parseNumber('107.2')).toBe(107.2);
    expect(parseNumber('１２．５')).toBe(12.5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('七')).toBe(7);
    expect(parseNumber('7a')).toBeUndefined();
  });
});
