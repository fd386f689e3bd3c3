import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/**
 * Input size limit in MB (parameter `ingest.max_file_mb`). The largest
 * national report is about 60 KB and a scraped CSV of 10,000 reports about
 * 300 MB; a file past the limit is skipped with a warning before it is read.
 */
export const DEFAULT_MAX_FILE_MB = 512;

/** What a path is, in words, when it is not a regular file or a folder (a device, a pipe ...). */
export function specialKind(st: Stats): string | undefined {
  if (st.isFile() || st.isDirectory()) return undefined;
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Bytes as a short human size: 512 B, 3.2 MB, 1.5 GB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10} ${units[u]}`;
}

export type BoundedRead = { ok: true; buf: Buffer } | { ok: false; reason: string };

/**
 * Reads a regular file whole, but never more than `maxBytes`: the file is
 * opened, its kind and size are checked on the open descriptor (no race with
 * a rename), and at most maxBytes + 1 bytes are read, so a file that grows
 * while it is read (a log, /dev/zero behind a symlink) is refused too.
 *
 * @example readBounded('data/raw/a.txt', 512 * 2 ** 20) // { ok: true, buf }
 */
export function readBounded(file: string, maxBytes: number, parameter = 'ingest.max_file_mb'): BoundedRead {
  // Checked before opening too: opening a FIFO with no writer would block the run.
  const before = specialKind(statSync(file));
  if (before) return { ok: false, reason: `${before}, not a file of text` };
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    const special = specialKind(st);
    if (special) return { ok: false, reason: `${special}, not a file of text` };
    const over = (size: string) => ({ ok: false as const, reason: `${size} is over the input size limit of ${formatBytes(maxBytes)} (${parameter}); split the file, or raise the limit, e.g. --set ${parameter}=${Math.ceil((maxBytes * 2) / 2 ** 20)}` });
    if (st.size > maxBytes) return over(formatBytes(st.size));
    const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size, 0) + 1));
    let got = 0;
    for (;;) {
      if (got === buf.length) break;
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
    }
    if (got > maxBytes) return over(`more than ${formatBytes(maxBytes)} (the file grew while it was read)`);
    if (got > st.size) {
      // Grew while read but still within the limit: read the rest, bounded.
      const rest: Buffer[] = [buf.subarray(0, got)];
      const chunk = Buffer.allocUnsafe(1 << 16);
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) break;
        got += n;
        if (got > maxBytes) return over(`more than ${formatBytes(maxBytes)} (the file grew while it was read)`);
        rest.push(Buffer.from(chunk.subarray(0, n)));
      }
      return { ok: true, buf: Buffer.concat(rest) };
    }
    return { ok: true, buf: buf.subarray(0, got) };
  } finally {
    closeSync(fd);
  }
}
