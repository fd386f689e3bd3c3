import { removeUntilGone } from './publish.js';

/** Temporary folders of runs in progress, removed if the process is interrupted. */
const liveTemps = new Set<string>();
const SIGNALS = [['SIGINT', 130], ['SIGTERM', 143]] as const;
const onSignal = new Map(
  SIGNALS.map(([signal, code]) => [
    signal,
    () => {
      // Writes still in flight on libuv's threads can add files while the folder is removed (ENOTEMPTY): retry,
      // and never let a failed removal turn the signal's exit code into a crash.
      for (const dir of liveTemps) {
        const error = removeUntilGone(dir);
        if (error) process.stderr.write(`\ngovtext: could not remove the temporary folder ${dir}: ${error}\n`);
      }
      process.stderr.write(`\ngovtext: interrupted (${signal}); the previous output was left as it was\n`);
      process.exit(code);
    },
  ]),
);

/**
 * Signal handlers only while a run is live: a program using the library keeps
 * its own Ctrl-C behaviour between runs.
 */
export function watchSignals(tmp: string): () => void {
  if (liveTemps.size === 0) for (const [signal, handler] of onSignal) process.on(signal, handler);
  liveTemps.add(tmp);
  return () => {
    liveTemps.delete(tmp);
    if (liveTemps.size === 0) for (const [signal, handler] of onSignal) process.off(signal, handler);
  };
}
