import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The import graph of src/, read from the import and export statements (static and dynamic `import('...')`),
// type-only imports included: a type import is still a dependency a reader has to follow.
const SRC = path.resolve(__dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');

const graph = new Map<string, string[]>(
  sourceFiles(SRC).map((f) => {
    const text = readFileSync(f, 'utf8');
    const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
    return [rel(f), specs.map((s) => rel(path.resolve(path.dirname(f), s.replace(/\.js$/, '.ts'))))];
  }),
);

/**
 * Who may import a stage: the registry (the stage seam), the light registry of
 * stages a worker thread runs (it must not load the whole registry: nodejieba,
 * danfojs), and the package's public entry point.
 */
const MAY_IMPORT_STAGES = new Set(['pipeline/registry.ts', 'pipeline/thread-stages.ts', 'index.ts']);

describe('import graph of src/', () => {
  it('reads a graph of the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('pipeline/registry.ts')).toContain('stages/weigh.ts');
  });

  it('reaches src/stages/ only through the registry', () => {
    const offending: string[] = [];
    for (const [from, deps] of graph) {
      if (from.startsWith('stages/') || MAY_IMPORT_STAGES.has(from)) continue;
      for (const d of deps) if (d.startsWith('stages/')) offending.push(`${from} -> ${d}`);
    }
    expect(offending).toEqual([]);
  });

  it('has no import cycle', () => {
    // Tarjan's strongly connected components: any component of more than one module (or a self-import) is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const c: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          c.push(w);
        } while (w !== v);
        if (c.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(c.sort());
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });

  it('keeps artifacts/ free of stages, pipeline, output and report', () => {
    const offending = [...graph].flatMap(([from, deps]) => (from.startsWith('artifacts/') ? deps.filter((d) => /^(stages|pipeline|output|report)\//.test(d)).map((d) => `${from} -> ${d}`) : []));
    expect(offending).toEqual([]);
  });
});
