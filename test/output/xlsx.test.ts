import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { zippedEntries } from '../../src/output/xlsx.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zippedEntries (the wait between sheets of writeWorkbook)', () => {
  it("resolves for a sheet once exceljs's zip has taken in its XML whole, and not before the sheet is committed", async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'wait.xlsx'), useStyles: true, useSharedStrings: false });
    const zipped = zippedEntries(workbook);
    const ws = workbook.addWorksheet('a');
    ws.columns = [{ header: 'term', key: 't' }, { header: 'n', key: 'n' }];
    // Text that deflates badly, so the XML spans many of exceljs's 64 KB buffers.
    for (let i = 0; i < 20_000; i++) ws.addRow({ t: `乡村振兴${(i * 7919) % 10007}项目为王${i}`, n: i }).commit();
    let done = false;
    const wait = zipped(`xl/worksheets/sheet${ws.id}.xml`).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    ws.commit();
    await wait;
    expect(done).toBe(true);
    // A sheet already zipped resolves at once.
    await zipped(`xl/worksheets/sheet${ws.id}.xml`);
    await workbook.commit();
  });
});
