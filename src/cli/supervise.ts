import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { recoverOutFolder, SUPERVISED, type TempNote } from '../pipeline/outdir.js';

export { SUPERVISED };

/** Seconds a run is given to stop by itself after a signal before it is killed. */
export const GRACE_MS = 1000;

const CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * V8 flags of the run's process: `--heap-growing-percent=20` lets the heap
 * grow by a fifth of what is live after each full collection, where V8's own
 * rule, tuned for speed, lets it grow up to fourfold. Stages that format millions of cells (tables,
 * panel.dta) leave garbage behind fast, and V8 otherwise lets it pile up to
 * gigabytes before collecting it. Measured on the benchmark corpora: peak RSS
 * 14-20% lower at 1,000 and 3,000 reports, for 2-3% more time. A flag the
 * user gave node already (`node --heap-growing-percent=N bin/govtext.js`) is
 * kept as given. `--expose-gc` lets the runner collect right after it lets
 * go of something large (collectGarbage in src/pipeline/runner.ts).
 *
 * @example runNodeFlags([]) // ['--heap-growing-percent=20', '--expose-gc']
 */
export function runNodeFlags(execArgv: readonly string[]): string[] {
  const flags = [...execArgv];
  if (!execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/u.test(a))) flags.push('--heap-growing-percent=20');
  if (!execArgv.some((a) => /^--expose[-_]gc$/u.test(a))) flags.push('--expose-gc');
  return flags;
}

/**
 * `govtext run` in a child process watched by this one, so that Ctrl-C,
 * SIGTERM and SIGHUP act within about a second at every stage: a stage deep
 * in a long synchronous loop (or in native code) cannot run the signal
 * handler of its own process, but this process is idle. On a signal the run
 * gets it too and GRACE_MS to clean up and exit by itself; then it is
 * killed, its temporary folder removed, and an interrupted publish repaired
 * (recoverOutFolder). Resolves with the exit code.
 */
export function superviseRun(argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...runNodeFlags(process.execArgv), ...argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [SUPERVISED]: '1' },
  });
  const notes: TempNote[] = [];
  child.on('message', (m: Partial<TempNote>) => {
    if (typeof m?.govtextTemp === 'string' && typeof m.out === 'string') notes.push({ govtextTemp: m.govtextTemp, out: m.out });
  });
  let signalled: NodeJS.Signals | undefined;
  let killed = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = signal;
    child.kill(signal);
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, GRACE_MS).unref();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, onSignal);
      if (code !== null && !killed) return resolve(code);
      // Killed (by us after the grace time, or by someone with SIGKILL): its clean-up is ours.
      for (const n of notes) {
        rmSync(n.govtextTemp, { recursive: true, force: true, maxRetries: 5 });
        try {
          recoverOutFolder(n.out);
        } catch {
          // best effort: the next run repairs it too
        }
      }
      const by = signalled ?? signal ?? 'SIGKILL';
      process.stderr.write(`\ngovtext: interrupted (${by}); the previous output was left as it was\n`);
      resolve(CODES[by] ?? 128 + 9);
    });
    child.on('error', (err) => {
      process.stderr.write(`govtext: error: could not start the run: ${err.message}\n`);
      resolve(1);
    });
  });
}
