import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../paths.js';
import type { BatchRequest, BatchResult, WorkerInit } from './worker.js';

/** The compiled worker (npm ci builds dist/); tests running from src/ use it too. */
export function workerScript(): string | undefined {
  const file = path.join(packageRoot(), 'dist', 'src', 'segment', 'worker.js');
  return existsSync(file) ? file : undefined;
}

/**
 * Tokenizes documents on `n` worker threads, in batches of about
 * `batchChars` characters; results come back in document order, so the
 * output is identical to a single-threaded run.
 */
export async function tokenizeInWorkers(
  docs: readonly (readonly string[])[],
  init: WorkerInit,
  n: number,
  batchChars: number,
  onProgress: (done: number) => void,
): Promise<string[]> {
  const script = workerScript();
  if (!script) throw new Error('segmentation worker not built: run `npm run build`');
  const batches: { start: number; docs: string[][] }[] = [];
  let current: string[][] = [];
  let start = 0;
  let chars = 0;
  docs.forEach((d, i) => {
    current.push([...d]);
    chars += d.reduce((m, p) => m + p.length, 0);
    if (chars >= batchChars) {
      batches.push({ start, docs: current });
      current = [];
      start = i + 1;
      chars = 0;
    }
  });
  if (current.length) batches.push({ start, docs: current });

  const results: string[] = new Array<string>(docs.length);
  const workers = Array.from({ length: Math.min(n, batches.length) }, () => new Worker(script, { workerData: init }));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve();
              const id = next++;
              w.postMessage({ id, docs: batches[id]!.docs } satisfies BatchRequest);
            };
            w.on('message', (msg: BatchResult) => {
              const b = batches[msg.id]!;
              msg.results.forEach((r, k) => (results[b.start + k] = r));
              done += b.docs.length;
              onProgress(done);
              send();
            });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`segmentation worker stopped with code ${code}`))));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
