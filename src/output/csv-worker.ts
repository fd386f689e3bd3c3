import { parentPort, workerData } from 'node:worker_threads';
import { writePolicyTermsCsv, writeTfidfCsv } from '../tables/weights.js';
import type { WholeCsvJob } from './sources.js';

/*
 * The thread of wholeCsvOnThread (sources.ts): writes the whole tfidf or
 * policy-term table as CSV into the folder given (the Parquet writer's
 * scratch folder), with the same functions as the weigh tables, and posts
 * {rows} or {error}.
 */
const job = workerData as WholeCsvJob;
try {
  const rows = job.kind === 'tfidf' ? writeTfidfCsv(job.weights as never, job.dir, 'all') : writePolicyTermsCsv(job.weights as never, job.dir);
  parentPort!.postMessage({ rows });
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
