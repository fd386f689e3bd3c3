import { parentPort, workerData } from 'node:worker_threads';
import { writeWorkbook, type Sheet } from './xlsx.js';

/*
 * The workbook thread of startWorkbook (xlsx.ts): takes sheets as they are
 * posted (null ends them), writes them with writeWorkbook as they come, and
 * posts {} when the file is written or {error} when it is not.
 */
const port = parentPort!;
const queue: Sheet[] = [];
let ended = false;
let wake: (() => void) | undefined;
port.on('message', (m: Sheet | null) => {
  if (m === null) ended = true;
  else queue.push(m);
  wake?.();
});

async function* sheets(): AsyncGenerator<Sheet> {
  for (;;) {
    const next = queue.shift();
    if (next) yield next;
    else if (ended) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}

writeWorkbook((workerData as { file: string }).file, sheets()).then(
  () => port.postMessage({}),
  (e: unknown) => port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
);
