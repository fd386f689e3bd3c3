import { parentPort, workerData } from 'node:worker_threads';
import { writeWorkbook, type Sheet } from './xlsx.js';

/*
 * The workbook thread of startWorkbook (xlsx.ts): takes sheets as they are
 * posted (null ends them), writes them with writeWorkbook as they come, and
 * posts {} when the file is written or {error} when it is not.
 *
 * A sheet is taken from the port only when the writer reaches it: the
 * sheets posted meanwhile wait in the port in their serialized form, several
 * times smaller than as objects in this thread's heap (the main thread posts
 * every sheet at once; exceljs takes seconds per 10^5 rows).
 */
const port = parentPort!;
const next = () => new Promise<Sheet | null>((resolve) => port.once('message', resolve));

async function* sheets(): AsyncGenerator<Sheet> {
  for (let s = await next(); s !== null; s = await next()) yield s;
}

writeWorkbook((workerData as { file: string }).file, sheets()).then(
  () => port.postMessage({}),
  (e: unknown) => port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
);
