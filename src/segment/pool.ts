import { Worker } from 'node:worker_threads';
import { compiledScript } from '../paths.js';
import type { DocumentIds, Interner } from './tokenize.js';
import type { BatchRequest, BatchResult, DoneRequest, InitRequest, WorkerInit } from './worker.js';

/** The compiled worker (npm ci builds dist/); tests running from src/ use it too. */
export function workerScript(): string | undefined {
  return compiledScript('segment', 'worker.js');
}

/** Starts `n` segmentation workers: each loads jieba's dictionaries right away and waits for its init. */
export function startWorkers(n: number): Worker[] {
  const script = workerScript();
  if (!script) throw new Error('segmentation worker not built: run `npm run build`');
  return Array.from({ length: n }, () => new Worker(script));
}

/**
 * Tokenizes documents on `n` worker threads (or on `started` ones, all of
 * them, which may have loaded jieba already), in batches of about
 * `batchChars` characters. Each worker numbers tokens in its own vocabulary;
 * batches are mapped to `vocab` (the global one) strictly in document order
 * as they arrive, so ids are the same as in a single-threaded run, and no
 * token strings are held beyond the vocabularies.
 */
export async function tokenizeInWorkers(
  docs: readonly (readonly string[])[],
  init: WorkerInit,
  n: number,
  batchChars: number,
  vocab: Interner,
  onProgress: (done: number) => void,
  started?: Worker[],
): Promise<DocumentIds[]> {
  const batches: { start: number; end: number }[] = [];
  let start = 0;
  let chars = 0;
  docs.forEach((d, i) => {
    chars += d.reduce((m, p) => m + p.length, 0);
    if (chars >= batchChars) {
      batches.push({ start, end: i + 1 });
      start = i + 1;
      chars = 0;
    }
  });
  if (start < docs.length) batches.push({ start, end: docs.length });

  const results: DocumentIds[] = new Array<DocumentIds>(docs.length);
  const workers = started ?? startWorkers(Math.min(n, batches.length));
  // Per worker: its vocabulary so far, and the global id of each of its ids (-1: not mapped yet).
  const local = workers.map(() => ({ strings: [] as string[], global: [] as number[] }));
  const arrived = new Map<number, { w: number; msg: BatchResult }>();
  let nextInOrder = 0;
  const mapInOrder = () => {
    for (let got = arrived.get(nextInOrder); got; got = arrived.get(nextInOrder)) {
      arrived.delete(nextInOrder);
      const { strings, global } = local[got.w]!;
      const b = batches[nextInOrder]!;
      got.msg.ids.forEach((ids, k) => {
        for (let i = 0; i < ids.length; i++) {
          const l = ids[i]!;
          let g = global[l] ?? -1;
          if (g < 0) global[l] = g = vocab.id(strings[l]!);
          ids[i] = g;
        }
        results[b.start + k] = { ids, paragraphStarts: got.msg.paragraphStarts[k]! };
      });
      nextInOrder++;
    }
  };
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (w, wi) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              // No more work: the worker releases jieba and exits (resolved on its exit).
              if (next >= batches.length) return w.postMessage({ done: true } satisfies DoneRequest);
              const id = next++;
              const b = batches[id]!;
              w.postMessage({ id, docs: docs.slice(b.start, b.end) as string[][] } satisfies BatchRequest);
            };
            w.on('message', (msg: BatchResult) => {
              // Ask for more work first, so the worker is not idle while this batch is mapped.
              send();
              // A loop, not push(...): one large document can bring 10^5 new tokens, past the argument limit.
              for (const t of msg.newTokens) local[wi]!.strings.push(t);
              arrived.set(msg.id, { w: wi, msg });
              mapInOrder();
              const b = batches[msg.id]!;
              done += b.end - b.start;
              onProgress(done);
            });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`segmentation worker stopped with code ${code}`))));
            w.postMessage({ init } satisfies InitRequest);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
