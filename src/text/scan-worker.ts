import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Ignored } from './normalise.js';
import { DocumentScanner } from './scan.js';
import { TermTrie } from './trie.js';

/** What a scan worker is started with: the trie's terms in id order, the ignored characters, and where to answer. */
export interface ScanWorkerData {
  terms: string[];
  ignored: string;
  /** Whether a document is scanned joined when a term holds a line break (see DocumentScanner). */
  spansLines: boolean;
  /** [0]: results posted so far (the main thread waits on it); [1]: 1 once the worker is ready. */
  signal: Int32Array;
  port: MessagePort;
}

/** A batch of documents to count: their paragraphs. */
export interface ScanRequest {
  batch: number;
  docs: (readonly string[])[];
}

/** The hits of a batch's documents laid end to end: document k's are hits[ptr[k]..ptr[k+1]). */
export type ScanResult = { batch: number; hits: Int32Array; ptr: Int32Array } | { batch: number; error: { message: string; stack: string } };

/**
 * A counting thread: builds the same trie as the main thread (ids follow the
 * order of the terms) and counts the batches it is sent, answering on the
 * port and then raising the signal (the main thread waits on it while it
 * cannot take messages).
 */
const data = workerData as ScanWorkerData;
const scanner = new DocumentScanner(new TermTrie(data.terms), new Ignored(data.ignored), data.spansLines);
const answer = (msg: ScanResult, transfer: ArrayBuffer[] = []) => {
  data.port.postMessage(msg, transfer);
  Atomics.add(data.signal, 0, 1);
  Atomics.notify(data.signal, 0);
};
data.port.on('message', (req: ScanRequest | { done: true }) => {
  if ('done' in req) {
    data.port.close();
    return;
  }
  try {
    const parts = req.docs.map((d) => scanner.scan(d));
    const ptr = new Int32Array(parts.length + 1);
    parts.forEach((p, k) => (ptr[k + 1] = ptr[k]! + p.length));
    const hits = new Int32Array(ptr[parts.length]!);
    parts.forEach((p, k) => hits.set(p, ptr[k]!));
    answer({ batch: req.batch, hits, ptr }, [hits.buffer as ArrayBuffer, ptr.buffer as ArrayBuffer]);
  } catch (err) {
    const e = err as Error;
    answer({ batch: req.batch, error: { message: e.message, stack: e.stack ?? '' } });
  }
});
Atomics.store(data.signal, 1, 1);
Atomics.notify(data.signal, 1);
parentPort?.unref();
