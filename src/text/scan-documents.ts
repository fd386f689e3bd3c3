/**
 * Counting many terms over many documents on two threads, with the result
 * of one: documents go in batches (in order) to the main thread or to one
 * counting thread, whichever is free, and every document's hits are handed
 * to `consume` strictly in document order. The count of a document depends
 * on its text alone, so which thread counted it changes nothing.
 *
 * The call stays synchronous (the stages that count are): the main thread
 * takes the thread's answers with receiveMessageOnPort, and when it has
 * nothing else to count it blocks on an Atomics.wait until the thread
 * signals an answer.
 */
import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { compiledScript } from '../paths.js';
import type { DocumentHits, DocumentScanner } from './scan.js';
import type { ScanRequest, ScanResult, ScanWorkerData } from './scan-worker.js';

/** Characters per batch: large enough that a message costs little beside its counting, small enough to share the work evenly. */
export const SCAN_BATCH_CHARS = 500_000;

export interface ScanOptions {
  /** Counting threads beside the main thread: 1 (default) on a machine of two cores or more, 0 for the main thread only. */
  threads?: number;
  /** Characters per batch (default {@link SCAN_BATCH_CHARS}); a thread starts only when the documents fill more than one batch. */
  batchChars?: number;
}

/** The compiled counting thread (npm ci builds dist/); undefined when it is not built (the main thread then counts alone). */
function scanWorkerScript(): string | undefined {
  return compiledScript('text', 'scan-worker.js');
}

/** A batch of documents: the first one's index and their paragraphs. */
interface Batch {
  start: number;
  docs: (readonly string[])[];
}

/**
 * Counts the terms of `scanner` in documents 0..n-1 (`text(d)`: document d's
 * paragraphs, asked for once each, in order) and calls `consume(d, hits)`
 * for every document in order (see {@link DocumentScanner.scan} for the hits).
 * Returns how many batches there were and how many of them the thread counted.
 *
 * @example scanDocuments(new DocumentScanner(new TermTrie(['改革']), new Ignored()), 1, () => ['改革、改革'], (d, hits) => hits) // hits [0, 2, 0]
 */
export function scanDocuments(
  scanner: DocumentScanner,
  n: number,
  text: (d: number) => readonly string[],
  consume: (d: number, hits: DocumentHits) => void,
  options: ScanOptions = {},
): { batches: number; onThread: number } {
  const batchChars = options.batchChars ?? SCAN_BATCH_CHARS;
  const threads = options.threads ?? (os.availableParallelism() > 1 ? 1 : 0);
  let nextDoc = 0;
  const nextBatch = (): Batch => {
    const start = nextDoc;
    const docs: (readonly string[])[] = [];
    let chars = 0;
    while (nextDoc < n && (docs.length === 0 || chars < batchChars)) {
      const d = text(nextDoc++);
      docs.push(d);
      for (const p of d) chars += p.length;
    }
    return { start, docs };
  };
  const scanHere = (b: Batch): DocumentHits[] => b.docs.map((d) => scanner.scan(d));

  let thread: ScanThread | undefined;
  const batches: Batch[] = [];
  /** Hits of the batches counted but not yet consumed, by batch number. */
  const done = new Map<number, DocumentHits[]>();
  let consumed = 0;
  let onThread = 0;
  try {
    for (;;) {
      if (thread) {
        for (let r = thread.receive(false); r; r = thread.receive(false)) {
          done.set(r.batch, r.hits);
          onThread++;
        }
      }
      const ready = done.get(consumed);
      if (ready) {
        done.delete(consumed);
        const start = batches[consumed]!.start;
        batches[consumed] = undefined as unknown as Batch; // its text is no longer needed
        ready.forEach((hits, k) => consume(start + k, hits));
        consumed++;
        continue;
      }
      if (nextDoc < n) {
        // A thread starts once the documents fill more than one batch. It keeps four batches in hand, so it never waits for
        // the main thread; the main thread, which also takes every result in order, counts a batch itself rather than wait
        // for the thread, up to eight batches ahead (their hits held until their turn).
        if (!thread && threads > 0 && batches.length === 1) thread = ScanThread.start(scanner);
        const live = thread && !thread.failed;
        if (live && thread!.inFlight < 4) {
          const b = nextBatch();
          thread!.send(batches.length, b);
          batches.push(b);
          continue;
        }
        if (!live || done.size < 8) {
          const b = nextBatch();
          batches.push(b);
          done.set(batches.length - 1, scanHere(b));
          continue;
        }
      }
      if (consumed >= batches.length) break;
      // Nothing to count here now: wait for the thread, or count its batches here if it never started.
      const r = thread!.receive(true);
      if (r) {
        done.set(r.batch, r.hits);
        onThread++;
      }
      else for (const b of thread!.takeBack()) done.set(b, scanHere(batches[b]!));
    }
  } finally {
    thread?.stop();
  }
  return { batches: batches.length, onThread };
}

/** One counting thread and its channel. */
class ScanThread {
  inFlight = 0;
  failed = false;
  private readonly pending = new Set<number>();

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
  ) {}

  static start(scanner: DocumentScanner): ScanThread | undefined {
    const script = scanWorkerScript();
    if (!script) return undefined;
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const terms = Array.from({ length: scanner.trie.size }, (_, id) => scanner.trie.termOf(id));
    const data: ScanWorkerData = { terms, ignored: scanner.ignored.chars, spansLines: scanner.spansLines, signal, port: port2 };
    const worker = new Worker(script, { workerData: data, transferList: [port2] });
    worker.unref();
    return new ScanThread(worker, port1, signal);
  }

  send(batch: number, b: Batch): void {
    this.port.postMessage({ batch, docs: b.docs } satisfies ScanRequest);
    this.pending.add(batch);
    this.inFlight++;
  }

  /**
   * An answer of the thread: at once if one is there, else (with `block`)
   * waiting for one; undefined when the thread never became ready (its
   * batches are then taken back, see {@link takeBack}).
   */
  receive(block: boolean): { batch: number; hits: DocumentHits[] } | undefined {
    const startedWaiting = Date.now();
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const m = receiveMessageOnPort(this.port) as { message: ScanResult } | undefined;
      if (m) {
        const r = m.message;
        this.pending.delete(r.batch);
        this.inFlight--;
        if ('error' in r) {
          const err = new Error(`counting thread: ${r.error.message}`);
          err.stack = r.error.stack;
          throw err;
        }
        const hits: DocumentHits[] = [];
        for (let k = 0; k + 1 < r.ptr.length; k++) hits.push(r.hits.subarray(r.ptr[k]!, r.ptr[k + 1]!));
        return { batch: r.batch, hits };
      }
      if (!block || this.pending.size === 0) return undefined;
      Atomics.wait(this.signal, 0, seen, 1000);
      // A thread that has not even started after a minute (a broken install): its batches are counted here instead.
      if (Atomics.load(this.signal, 1) === 0 && Date.now() - startedWaiting > 60_000) {
        this.failed = true;
        return undefined;
      }
    }
  }

  /** The batches sent and not answered (after a failed start): the caller counts them. */
  takeBack(): number[] {
    const out = [...this.pending].sort((a, b) => a - b);
    this.pending.clear();
    this.inFlight = 0;
    return out;
  }

  stop(): void {
    this.port.postMessage({ done: true });
    this.port.close();
    void this.worker.terminate();
  }
}
