/**
 * A document id from a file stem or a table's id column: letters (CJK
 * included), digits, '_' and '-' only, at most 80 code points, never empty
 * and never a Windows device name: safe as a file name on every system.
 *
 * @example safeId('2017年 政府工作报告.txt') // '2017年_政府工作报告_txt'
 */
export function safeId(raw: string): string {
  const s = raw
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '');
  // Cut by code points, never inside a surrogate pair (an astral character such as 𠀀 is two UTF-16 units).
  const cut = [...s].slice(0, 80).join('');
  if (cut === '') return 'doc';
  // Device names Windows will not create as files (CON.txt, nul.txt ...).
  return /^(con|prn|aux|nul|com\d|lpt\d)$/iu.test(cut) ? `${cut}_` : cut;
}
