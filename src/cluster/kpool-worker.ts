import { workerData } from 'node:worker_threads';
import { runKRunsJob, type KRunsJob } from './kpool.js';

// The worker's share of the k search (see kmeansRuns), on shared memory.
runKRunsJob(workerData as KRunsJob);
