import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { formatBytes } from '../io/limits.js';
import type { Message } from '../artifacts/corpus.js';

/**
 * govtext's output folders. A run writes a temporary folder beside `--out`
 * and swaps it in at the end, replacing the previous output whole; so the
 * folder it replaces must be one govtext wrote, and only files govtext wrote
 * may go with it.
 *
 * A govtext output folder holds a manifest.json whose `tool` is
 * `{ name: 'govtext', version }` AND the marker file `.govtext-output`,
 * which lists every file the run wrote. A folder without both, or holding a
 * file the marker does not list, is refused (exit 2) and left as it is.
 */
export const MARKER = '.govtext-output';

/** Set in a run's own process when `govtext run` supervises it (src/cli/supervise.ts). */
export const SUPERVISED = 'GOVTEXT_SUPERVISED';

/** What a supervised run tells its supervisor: the temporary folder it writes and the --out it publishes to. */
export interface TempNote {
  govtextTemp: string;
  out: string;
}

/** In a supervised run: tell the supervisor which temporary folder to remove if the run has to be killed. */
function announceTemp(tmp: string, out: string): void {
  if (process.env[SUPERVISED] && process.send) process.send({ govtextTemp: tmp, out } satisfies TempNote);
}

interface MarkerFile {
  tool: 'govtext';
  note: string;
  files: string[];
}

/** A pipeline name: letters, digits, '.', '_', '-' and spaces, 1-64 characters, not starting with '.' (it names output/NAME). */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 64) return 'expected 1 to 64 characters';
  if (!/^[\p{L}\p{N}_-][\p{L}\p{N}._ -]*$/u.test(name)) return "expected letters, digits, '.', '_', '-' and spaces only, not starting with '.' (no '/', '\\' or '..': it names the folder output/NAME)";
  return undefined;
}

/** The default output folder of a pipeline: output/NAME under cwd; a name that would lead elsewhere is refused. */
export function defaultOut(name: string, cwd: string): string {
  const problem = nameProblem(name);
  const base = path.resolve(cwd, 'output');
  const out = path.resolve(base, name);
  if (problem || path.dirname(out) !== base) throw new InputError(`pipeline name '${name}': ${problem ?? 'not a plain folder name'}`);
  return out;
}

/** Real path of p when p does not exist yet: the real path of its nearest existing folder, plus the rest. */
export function realPathOf(p: string): string {
  const rest: string[] = [];
  let dir = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync(dir), ...rest.reverse());
    } catch {
      const up = path.dirname(dir);
      if (up === dir) return path.resolve(p);
      rest.push(path.basename(dir));
      dir = up;
    }
  }
}

/**
 * The folder a run writes for `--out`: the path itself, or, when it is a
 * symlink, the folder it points to (the symlink stays a symlink).
 */
export function resolveOut(out: string): string {
  let st;
  try {
    st = lstatSync(out);
  } catch {
    return realPathOf(out);
  }
  if (!st.isSymbolicLink()) return realPathOf(out);
  try {
    return realpathSync(out);
  } catch {
    throw new InputError(`--out ${out}: a symlink to a folder that does not exist; create the folder or choose another --out`);
  }
}

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

const within = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Is dir a mount point (its own file system, or the root)? Such a folder cannot be renamed or replaced. */
export function isMountPoint(dir: string): boolean {
  const here = statSync(dir);
  const up = statSync(path.dirname(dir));
  return here.dev !== up.dev || here.ino === up.ino;
}

/** Every file (and symlink) under dir, relative with '/', sorted. */
export function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else files.push(r);
    }
  };
  walk(dir, '');
  return files.sort();
}

function readMarker(dir: string): MarkerFile | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')) as Partial<MarkerFile>;
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { tool?: { name?: unknown; version?: unknown } };
    if (m.tool !== 'govtext' || !Array.isArray(m.files)) return undefined;
    if (manifest.tool?.name !== 'govtext' || typeof manifest.tool.version !== 'string') return undefined;
    return m as MarkerFile;
  } catch {
    return undefined;
  }
}

const listed = (names: readonly string[]) => `${names.slice(0, 10).join(', ')}${names.length > 10 ? ` … and ${names.length - 10} more` : ''}`;

/**
 * Why govtext may not replace the existing folder `out`, or undefined when
 * it may (empty, or a govtext output holding only the files it wrote).
 */
export function replaceProblem(out: string, shown = out): string | undefined {
  const files = filesUnder(out);
  if (files.length === 0) return undefined;
  const marker = readMarker(out);
  if (!marker) {
    return `--out ${shown}: the folder is not a govtext output folder (no ${MARKER} marker beside a govtext manifest.json) and holds ${files.length} file(s) (${listed(files)}); govtext replaces its output folder whole, so choose a new or empty folder (an output of an older govtext version: delete it yourself first)`;
  }
  const own = new Set([...marker.files, MARKER]);
  const foreign = files.filter((f) => !own.has(f));
  if (foreign.length) return `--out ${shown}: holds file(s) govtext did not write: ${listed(foreign)}; move them out of the folder (it is replaced whole), or choose another --out`;
  return undefined;
}

/**
 * Checks `--out` before anything runs (exit 2 on a problem): never a file, a
 * mount point, the working folder or a folder above it, an input or a folder
 * holding inputs (paths compared after symlinks are resolved), nor a folder
 * govtext did not write (see replaceProblem).
 */
export function checkOutFolder(out: string, inputs: readonly string[], cwd: string): void {
  const real = resolveOut(out);
  if (within(realPathOf(cwd), real)) throw new InputError(`--out ${out}: the output folder would contain the working folder; choose a folder of its own, e.g. output/NAME`);
  for (const input of inputs) {
    const realInput = realPathOf(input);
    if (within(realInput, real) || within(real, realInput)) {
      throw new InputError(`--out ${out}: overlaps the input ${input}${real !== path.resolve(out) || realInput !== path.resolve(input) ? ` (after symlinks: ${real} and ${realInput})` : ''}; choose a folder outside the inputs`);
    }
  }
  if (!existsSync(real)) return;
  if (!statSync(real).isDirectory()) throw new InputError(`--out ${out}: is a file, not a folder; govtext writes a folder of tables there`);
  if (isMountPoint(real)) throw new InputError(`--out ${out}: is a mount point; govtext replaces its output folder whole and a mount point cannot be replaced: use a folder inside it, e.g. --out ${path.join(out, 'govtext-out')}`);
  const problem = replaceProblem(real, out);
  if (problem) throw new InputError(problem);
}

const STALE = /^\.(.+)\.(tmp|previous)-(\d+)-\d+(\.previous)?$/u;

/** Is the process alive? (EPERM: alive, someone else's.) */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Clean-up at start: the temporary folders that runs to this `--out` left
 * when they were killed (kill -9, power loss) are removed once their process
 * is gone; if such a run was killed inside the publish step, after the
 * previous output was moved aside and before the new one came in, the
 * previous output is put back. Returns a warning for each thing done.
 */
export function recoverOutFolder(out: string): Message[] {
  const real = resolveOut(out);
  const parent = path.dirname(real);
  const base = path.basename(real);
  const messages: Message[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return messages;
  }
  const stale = names
    .map((n) => ({ n, m: STALE.exec(n) }))
    .filter((x) => x.m && x.m[1] === base && !alive(Number(x.m[3])))
    .map((x) => ({ name: x.n, previous: x.m![2] === 'previous' || x.m![4] !== undefined }))
    .sort((a, b) => (a.name < b.name ? 1 : -1));
  const restore = !existsSync(real) ? stale.find((s) => s.previous && readMarker(path.join(parent, s.name))) : undefined;
  if (restore) {
    renameSync(path.join(parent, restore.name), real);
    messages.push({ origin: 'run:recover', text: `a run killed while publishing had moved the previous output to ${restore.name}: it was put back in place`, file: out });
  }
  for (const s of stale) {
    if (s === restore) continue;
    rmSync(path.join(parent, s.name), { recursive: true, force: true, maxRetries: 5 });
    messages.push({ origin: 'run:recover', text: `removed ${s.name}, the temporary folder of a run that was killed (its process is gone)`, file: out });
  }
  return messages;
}

/** The temporary folder of a run, beside the real output folder; `made` is the first parent folder this created (removed again if the run fails). */
export function prepareTemp(out: string): { tmp: string; made: string | undefined } {
  const real = resolveOut(out);
  const parent = path.dirname(real);
  try {
    const made = mkdirSync(parent, { recursive: true });
    const tmp = path.join(parent, `.${path.basename(real)}.tmp-${process.pid}-${Date.now()}`);
    mkdirSync(tmp);
    announceTemp(tmp, out);
    return { tmp, made };
  } catch (err) {
    throw new InputError(`cannot write to the output folder ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (choose another with --out DIR)`);
  }
}

/** After a failed run: the parent folders prepareTemp made for it, removed while empty (from the deepest up). */
export function removeMadeParents(out: string, made: string | undefined): void {
  if (!made) return;
  let dir = path.dirname(resolveOut(out));
  while (within(dir, made)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty: something else is there now
    }
    if (dir === made) return;
    dir = path.dirname(dir);
  }
}

/**
 * Test hook, read only under the test runner (VITEST set): GOVTEXT_TEST_FAULT
 * names a point of the run where it is killed (after-first-rename,
 * after-second-rename: inside publish) or where it spins in a synchronous
 * loop that never ends (spin:STAGE, before that stage runs).
 */
export function testFault(point: string): void {
  const want = process.env.VITEST ? process.env.GOVTEXT_TEST_FAULT : undefined;
  if (!want) return;
  if (want === point) process.kill(process.pid, 'SIGKILL');
  if (want === `spin:${point}`) for (;;);
}

/**
 * Moves the finished temporary folder into place. The marker is written
 * last into the temporary folder; the previous output (checked again: a
 * file put there during the run is never deleted) is renamed aside, the new
 * one renamed in, and the previous one removed. A kill between the two
 * renames is repaired by recoverOutFolder at the next start.
 */
export function publish(tmp: string, out: string): void {
  const real = resolveOut(out);
  const marker: MarkerFile = { tool: 'govtext', note: 'This folder was written by govtext; a later run with this --out replaces it whole.', files: filesUnder(tmp) };
  writeFileSync(path.join(tmp, MARKER), `${JSON.stringify(marker, null, 1)}\n`);
  const hadOld = existsSync(real);
  if (hadOld) {
    const problem = replaceProblem(real, out);
    if (problem) throw new InputError(`${problem} (the folder changed during the run; the new output was not published)`);
  }
  const old = path.join(path.dirname(real), `.${path.basename(real)}.previous-${process.pid}-${Date.now()}`);
  if (hadOld) renameSync(real, old);
  testFault('after-first-rename');
  try {
    renameSync(tmp, real);
  } catch (err) {
    if (hadOld) renameSync(old, real);
    throw err;
  }
  testFault('after-second-rename');
  if (hadOld) rmSync(old, { recursive: true, force: true, maxRetries: 5 });
}

function sizeOf(dir: string): number {
  let n = 0;
  for (const f of existsSync(dir) ? filesUnder(dir) : []) {
    try {
      n += lstatSync(path.join(dir, f)).size;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

/** The newest file under dir (the one being written when a write failed). */
function newestFile(dir: string): string | undefined {
  let best: { f: string; t: number } | undefined;
  for (const f of existsSync(dir) ? filesUnder(dir) : []) {
    const t = lstatSync(path.join(dir, f)).mtimeMs;
    if (!best || t >= best.t) best = { f, t };
  }
  return best?.f;
}

/**
 * A full disk (ENOSPC, EDQUOT) is the environment, not the run: an input
 * error (exit 2) naming the file being written, what the run had written and
 * what the previous output took, which it keeps. Other errors come back as
 * they are.
 */
export function explainWriteError(err: unknown, tmp: string, out: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (e?.code !== 'ENOSPC' && e?.code !== 'EDQUOT') return err;
  const file = e.path ? path.relative(tmp, e.path) || e.path : newestFile(tmp);
  const written = sizeOf(tmp);
  const real = resolveOut(out);
  const previous = existsSync(real) ? sizeOf(real) : 0;
  const need = previous > written ? `a finished output of this kind took ${formatBytes(previous)} last time (the previous output)` : `more than the ${formatBytes(written)} it had written`;
  return new InputError(
    `the disk is full (${e.code}) writing ${file ? `${file} of ` : ''}the output for ${out} in ${path.dirname(real)}: the run had written ${formatBytes(written)} and needs ${need}; free space there (or choose --out on another disk) and run again. ${existsSync(real) ? 'The previous output was kept as it was.' : ''}`.trim(),
  );
}

/**
 * Checks an `--out FILE` (kwic, table) before anything runs: not a folder,
 * in a folder that exists, and not an input nor inside an input folder
 * (after symlinks are resolved), so a run never overwrites what it reads.
 */
export function checkOutFile(file: string, inputs: readonly string[], cwd: string): void {
  const abs = path.resolve(cwd, file);
  const real = realPathOf(abs);
  for (const input of inputs) {
    const realInput = realPathOf(path.resolve(cwd, input));
    if (within(real, realInput)) throw new InputError(`--out ${file}: is ${real === realInput ? 'the input' : 'inside the input'} ${input}; writing there would overwrite what is read: choose a file outside the inputs`);
  }
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new InputError(`--out ${file}: is a folder; expected a file name, e.g. --out ${path.join(file, 'kwic.csv')}`);
  const parent = path.dirname(abs);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new InputError(`--out ${file}: the folder ${parent} does not exist; create it first or choose another file`);
}

/** A write of `--out FILE` that failed for a reason of the path (a folder, a missing folder, no permission): exit 2 naming it. */
export function explainFileWriteError(err: unknown, file: string): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why: Record<string, string> = { EISDIR: 'is a folder, expected a file name', ENOENT: 'its folder does not exist', ENOTDIR: 'a part of the path is a file, not a folder', EACCES: 'permission denied', EPERM: 'permission denied', ENOSPC: 'the disk is full', EROFS: 'the file system is read-only' };
  return code && why[code] ? new InputError(`--out ${file}: cannot write: ${why[code]} (${code})`) : err;
}
