/**
 * Sets every entry's modification time in a zip archive to 1980-01-01 00:00
 * (the DOS epoch), in place. XLSX writers stamp entries with the current
 * time; without this, two identical runs would write different tables.xlsx.
 * Only the fixed-size headers are touched (the CRCs do not cover them).
 */
export function fixZipTimes(zip: Buffer): Buffer {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end-of-central-directory record');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (let e = 0; e < entries; e++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`zip central directory entry ${e} is malformed`);
    zip.writeUInt16LE(DOS_TIME, p + 12);
    zip.writeUInt16LE(DOS_DATE, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip local header of entry ${e} is malformed`);
    zip.writeUInt16LE(DOS_TIME, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    if (extraLen > 0) fixExtraTimes(zip, p + 46 + nameLen, extraLen);
    const localExtra = zip.readUInt16LE(local + 28);
    if (localExtra > 0) fixExtraTimes(zip, local + 30 + zip.readUInt16LE(local + 26), localExtra);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return zip;
}

/** Zeroes the Unix times of "extended timestamp" (0x5455) extra fields. */
function fixExtraTimes(zip: Buffer, start: number, length: number): void {
  let q = start;
  while (q + 4 <= start + length) {
    const id = zip.readUInt16LE(q);
    const size = zip.readUInt16LE(q + 2);
    if (id === 0x5455) zip.fill(0, q + 5, q + 4 + size);
    q += 4 + size;
  }
}
