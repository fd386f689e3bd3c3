import { workerData } from 'node:worker_threads';
import { runNeighboursJob, type NeighboursJob } from './neighbours-thread.js';

// The similarity search beside the policy-term counts (see startNeighbours), on shared memory.
runNeighboursJob(workerData as NeighboursJob);
