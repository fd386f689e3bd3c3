import { closeSync, openSync, writeSync } from 'node:fs';
import type { Dtm } from '../weigh/dtm.js';

/**
 * Writes a document-term count matrix as Matrix Market, coordinate integer
 * general: a header line, comment lines, `rows columns entries`, then one
 * `row column count` line per nonzero entry, 1-based, rows (documents) in
 * order and columns (terms) ascending within a row. scipy.io.mmread and R's
 * Matrix::readMM read it; the row and column names live in sidecar CSVs
 * (dtm_documents.csv, dtm_terms.csv). Returns the number of entries.
 *
 * @example writeMatrixMarket('dtm.mtx', counts, ['rows: documents (dtm_documents.csv)'])
 */
export function writeMatrixMarket(file: string, m: Dtm, comments: readonly string[] = []): number {
  const nnz = m.indptr[m.nDocs]! - m.indptr[0]!;
  const fd = openSync(file, 'w');
  try {
    let chunk = `%%MatrixMarket matrix coordinate integer general\n${comments.map((c) => `% ${c.replace(/[\r\n]+/gu, ' ')}\n`).join('')}${m.nDocs} ${m.nTerms} ${nnz}\n`;
    for (let d = 0; d < m.nDocs; d++) {
      const row = `${d + 1} `;
      for (let k = m.indptr[d]!; k < m.indptr[d + 1]!; k++) {
        const c = m.counts[k]!;
        if (!Number.isInteger(c)) throw new Error(`dtm.mtx: count ${c} of document ${d + 1}, term ${m.indices[k]! + 1} is not a whole number`);
        chunk += `${row}${m.indices[k]! + 1} ${c}\n`;
      }
      if (chunk.length > 1 << 21) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return nnz;
}
