import { workerData } from 'node:worker_threads';
import { runCandidatesJob, type CandidatesJob } from './candidates.js';

// Half of the similarity candidate search (see searchCandidates), on shared memory.
runCandidatesJob(workerData as CandidatesJob);
