import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/*
 * Output-folder safety and atomic publish: a run writes to a temporary folder
 * beside the output folder, which replaces the output folder only when the
 * whole run succeeded.
 */

export const removeTemp = (dir: string) => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });

/**
 * Removes a folder and checks that it is gone, trying again for up to about
 * two seconds: the process is about to exit, so a removal that loses a race
 * with a write still in flight must not leave the folder behind. Returns the
 * last error if the folder is still there.
 */
export function removeUntilGone(dir: string): string | undefined {
  let error: string | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      removeTemp(dir);
    } catch (err) {
      error = (err as Error).message;
    }
    if (!existsSync(dir)) return undefined;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  return error ?? 'it is still there after 20 removals';
}

export function prepareTemp(out: string): string {
  const parent = path.dirname(out);
  try {
    mkdirSync(parent, { recursive: true });
    const tmp = path.join(parent, `.${path.basename(out)}.tmp-${process.pid}-${Date.now()}`);
    mkdirSync(tmp);
    return tmp;
  } catch (err) {
    throw new InputError(`cannot write to the output folder ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (choose another with --out DIR)`);
  }
}

/** Moves the finished temporary folder into place; the previous output is replaced only now. */
export function publish(tmp: string, out: string): void {
  const old = `${tmp}.previous`;
  const hadOld = existsSync(out);
  if (hadOld) renameSync(out, old);
  try {
    renameSync(tmp, out);
  } catch (err) {
    if (hadOld) renameSync(old, out);
    throw err;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}

const within = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * The output folder is replaced whole at the end of a run, so it must be a
 * folder govtext wrote (or a new or empty one): never a file, the working
 * folder, an input or a folder holding inputs.
 */
export function checkOutFolder(out: string, inputs: readonly string[], cwd: string): void {
  if (within(cwd, out)) throw new InputError(`--out ${out}: the output folder would contain the working folder; choose a folder of its own, e.g. output/NAME`);
  for (const input of inputs) {
    if (within(input, out) || within(out, input)) throw new InputError(`--out ${out}: overlaps the input ${input}; choose a folder outside the inputs`);
  }
  if (!existsSync(out)) return;
  let st;
  try {
    st = statSync(out);
  } catch (err) {
    throw new InputError(`cannot use the output folder ${out}: ${(err as Error).message}`);
  }
  if (!st.isDirectory()) throw new InputError(`--out ${out}: is a file, not a folder; govtext writes a folder of tables there`);
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes('manifest.json')) {
    throw new InputError(`--out ${out}: the folder holds files govtext did not write (no manifest.json); it would be replaced, so choose an empty or new folder`);
  }
}
