// RSS of a process and all its descendants (Linux /proc), for the bench's peak-memory figures.
import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of process `pid` and of every process below it, in bytes; 0 for a process that is gone. */
export function treeRss(pid) {
  let sum = 0;
  try {
    sum += Number(/VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const c of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) sum += treeRss(Number(c));
    }
  } catch {
    // Ended between two reads.
  }
  return sum;
}
