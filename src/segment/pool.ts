import { fork, type ChildProcess } from 'node:child_process';
import { compiledScript } from '../paths.js';
import type { DocumentIds, Interner } from './tokenize.js';
import type { BatchRequest, BatchResult, DoneRequest, InitRequest, WorkerInit } from './worker.js';

/** The compiled worker (npm ci builds dist/); tests running from src/ use it too. */
export function workerScript(): string | undefined {
  return compiledScript('segment', 'worker.js');
}

/**
 * A segmentation worker: a child process, not a thread. jieba's
 * dictionaries are many small C++ allocations (0.25 GB a worker); freed in a
 * thread, they stay in the process's memory for the rest of the run (about
 * 0.2 GB a worker was measured after the threads ended), while an ended
 * process gives all of it back. Messages go over its IPC channel with V8's
 * serializer, typed arrays included.
 */
export type SegmentWorker = ChildProcess;

/** Starts `n` segmentation workers: each loads jieba's dictionaries right away and waits for its init. */
export function startWorkers(n: number): SegmentWorker[] {
  const script = workerScript();
  if (!script) throw new Error('segmentation worker not built: run `npm run build`');
  // No inherited flags: --cpu-prof or --inspect of this process are not the worker's.
  return Array.from({ length: n }, () => fork(script, [], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
}

/** Sends a message to a worker (nothing when its channel has closed: its exit says why). */
export function post(w: SegmentWorker, message: unknown): void {
  if (w.connected) w.send(message as never);
}

/** Ends a worker and resolves once it has exited. */
export function stopWorker(w: SegmentWorker): Promise<void> {
  if (w.exitCode !== null || w.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    w.once('exit', () => resolve());
    w.kill();
  });
}

/** Lets the process exit with the worker alive (false), or not (true): the child and its IPC channel. */
export function holdProcess(w: SegmentWorker, hold: boolean): void {
  if (hold) {
    w.ref();
    w.channel?.ref();
  } else {
    w.unref();
    w.channel?.unref();
  }
}

/**
 * Tokenizes documents on `n` worker processes (or on `started` ones, all of
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
  started?: SegmentWorker[],
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
      got.msg.ids.forEach((view, k) => {
        // A copy of its own: the view holds the whole IPC read buffer it arrived in (several batches' worth).
        const ids = view.slice();
        for (let i = 0; i < ids.length; i++) {
          const l = ids[i]!;
          let g = global[l] ?? -1;
          if (g < 0) global[l] = g = vocab.id(strings[l]!);
          ids[i] = g;
        }
        results[b.start + k] = { ids, paragraphStarts: got.msg.paragraphStarts[k]!.slice() };
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
              if (next >= batches.length) return post(w, { done: true } satisfies DoneRequest);
              const id = next++;
              const b = batches[id]!;
              post(w, { id, docs: docs.slice(b.start, b.end) as string[][] } satisfies BatchRequest);
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
            w.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`segmentation worker stopped with ${signal ? `signal ${signal}` : `code ${code}`}`))));
            post(w, { init } satisfies InitRequest);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => stopWorker(w)));
  }
  return results;
}
