import { availableParallelism } from 'node:os';

/**
 * Memory of one segmentation worker: jieba's dictionaries and the process's
 * own heap, about 250 MB (64 workers took 15.5 GB). Documented with
 * `segment.workers`.
 */
export const MB_PER_WORKER = 250;

/**
 * Worker processes for segment: 'auto' is one per available core; a number is
 * capped at the cores available (more workers than cores only add memory,
 * MB_PER_WORKER each, and no speed). `capped` says the request was cut.
 *
 * @example workerCount(64, 2) // { workers: 2, capped: true }
 */
export function workerCount(requested: 'auto' | number, cores = availableParallelism()): { workers: number; capped: boolean } {
  const max = Math.max(1, cores);
  if (requested === 'auto') return { workers: max, capped: false };
  return requested > max ? { workers: max, capped: true } : { workers: requested, capped: false };
}
