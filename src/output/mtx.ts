import { closeSync, openSync, writeSync } from 'node:fs';
import type { Dtm } from '../weigh/dtm.js';

/** Bytes of the write buffer: entries are formatted into it and written when it is nearly full. */
const BUFFER = 1 << 22;

/**
 * Writes a document-term count matrix as Matrix Market, coordinate integer
 * general: a header line, comment lines, `rows columns entries`, then one
 * `row column count` line per nonzero entry, 1-based, rows (documents) in
 * order and columns (terms) ascending within a row. scipy.io.mmread and R's
 * Matrix::readMM read it; the row and column names live in sidecar CSVs
 * (dtm_documents.csv, dtm_terms.csv). Returns the number of entries.
 *
 * The entries are formatted as ASCII digits straight into a byte buffer
 * (35 M lines at 10,000 reports: 3.4 s, against 9-12 s building strings).
 *
 * @example writeMatrixMarket('dtm.mtx', counts, ['rows: documents (dtm_documents.csv)'])
 */
export function writeMatrixMarket(file: string, m: Dtm, comments: readonly string[] = []): number {
  const nnz = m.indptr[m.nDocs]! - m.indptr[0]!;
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `%%MatrixMarket matrix coordinate integer general\n${comments.map((c) => `% ${c.replace(/[\r\n]+/gu, ' ')}\n`).join('')}${m.nDocs} ${m.nTerms} ${nnz}\n`);
    const buf = Buffer.allocUnsafe(BUFFER);
    let at = 0;
    // Decimal digits of a whole number below 2^32 at `at`.
    const digits = (v: number) => {
      if (v < 10) {
        buf[at++] = 48 + v;
        return;
      }
      let n = 1;
      for (let x = v; x >= 10; x = (x / 10) >>> 0) n++;
      let p = (at += n);
      do {
        const q = (v / 10) >>> 0;
        buf[--p] = 48 + v - q * 10;
        v = q;
      } while (v > 0);
    };
    for (let d = 0; d < m.nDocs; d++) {
      for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) {
        // A line is at most 3 numbers of 10 digits, 2 spaces and a newline.
        if (at > BUFFER - 33) {
          writeAll(fd, buf, at);
          at = 0;
        }
        digits(d + 1);
        buf[at++] = 32;
        digits(m.indices[k]! + 1);
        buf[at++] = 32;
        digits(m.counts[k]!);
        buf[at++] = 10;
      }
    }
    writeAll(fd, buf, at);
  } finally {
    closeSync(fd);
  }
  return nnz;
}

/** Writes buf[0, n) whole (a write may take fewer bytes than it is given). */
function writeAll(fd: number, buf: Buffer, n: number): void {
  for (let done = 0; done < n; ) done += writeSync(fd, buf, done, n - done);
}
