import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The govtext package folder (holds package.json, data/ and pipelines/), from src/ or from dist/src/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'govtext') return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('govtext: cannot find the package folder (package.json named govtext)');
    dir = up;
  }
}

/**
 * A worker thread's compiled script, dist/src/FOLDER/NAME.js, if it is built
 * (`npm ci` builds it; under vitest from src/ it may not be, and callers then
 * do the work in place).
 *
 * @example compiledScript('segment', 'worker.js') // '/…/govtext/dist/src/segment/worker.js'
 */
export function compiledScript(folder: string, name: string): string | undefined {
  const file = path.join(packageRoot(), 'dist', 'src', folder, name);
  return existsSync(file) ? file : undefined;
}

export function toolVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
