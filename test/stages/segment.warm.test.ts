import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { phrases } from '../../src/stages/phrases.js';
import { phrasesParams, type PhraseSet } from '../../src/artifacts/phrases.js';
import { segment, warmSegment } from '../../src/stages/segment.js';
import { RunScope, stageContext } from '../../src/pipeline/context.js';
import { segmentParams, type Tokens } from '../../src/artifacts/tokens.js';
import { ROOT, sampleCorpus } from '../fixtures/samples.js';

let set: PhraseSet;
let mainThread: Tokens;

beforeAll(async () => {
  set = phrases(sampleCorpus(), phrasesParams.parse({}));
  mainThread = await segment(sampleCorpus(), set, segmentParams.parse({ workers: 1 }));
});

const plain = (t: Tokens) => ({ vocab: t.vocab, docs: t.documents.map((d) => [d.doc_id, Array.from(d.ids), Array.from(d.paragraphStarts)]) });

/**
 * The live child processes (the segmentation workers) of a process at each
 * count() of `body`, run in a child process of its own over the compiled
 * modules.
 */
function workerCounts(body: string): number[] {
  const stage = path.join(ROOT, 'dist', 'src', 'stages', 'segment.js');
  const tokens = path.join(ROOT, 'dist', 'src', 'artifacts', 'tokens.js');
  const context = path.join(ROOT, 'dist', 'src', 'pipeline', 'context.js');
  const script = `
    import { readFileSync } from 'node:fs';
    const { warmSegment, segment } = await import(${JSON.stringify(stage)});
    const { segmentParams } = await import(${JSON.stringify(tokens)});
    const { RunScope, stageContext } = await import(${JSON.stringify(context)});
    const scope = new RunScope();
    const corpus = { documents: [{ doc_id: 'a', kind: 'report', paragraphs: ['全面推进乡村振兴'] }] };
    const counts = [];
    // Children not yet reaped (state Z) have ended. The fewest over ~0.4 s: a process still ending only adds to a single reading.
    const alive = () => readFileSync('/proc/self/task/' + process.pid + '/children', 'utf8').split(' ').filter((p) => p && !/^\\d+ \\(.*\\) Z/.test(safeStat(p))).length;
    const safeStat = (p) => { try { return readFileSync('/proc/' + p + '/stat', 'utf8'); } catch { return '0 (gone) Z'; } };
    const count = async () => {
      let least = Infinity;
      for (let i = 0; i < 8; i++) {
        least = Math.min(least, alive());
        await new Promise((r) => setTimeout(r, 50));
      }
      counts.push(least);
    };
    ${body}
    console.log(JSON.stringify(counts));
  `;
  // A file, not --input-type=module -e: worker threads inherit the process's flags, and --input-type stops a worker's file.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'govtext-warm-'));
  const file = path.join(dir, 'count.mjs');
  writeFileSync(file, script);
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 50_000 });
  rmSync(dir, { recursive: true, force: true });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as number[];
}

describe('warm segmentation workers', () => {
  const parallel = segmentParams.parse({ workers: 2, parallel_min_chars: 0 });

  it('give exactly the tokens of cold workers and of the main thread', async () => {
    const cold = await segment(sampleCorpus(), set, parallel);
    const scope = new RunScope();
    warmSegment(sampleCorpus(), parallel, scope);
    const warm = await segment(sampleCorpus(), set, parallel, stageContext({ scope }));
    expect(warm.meta.workers).toBe(2);
    expect(plain(warm)).toEqual(plain(cold));
    expect(plain(warm)).toEqual(plain(mainThread));
    await scope.dispose();
  });

  it('are used once: a second segment starts its own, with the same tokens', async () => {
    const scope = new RunScope();
    warmSegment(sampleCorpus(), parallel, scope);
    const first = await segment(sampleCorpus(), set, parallel, stageContext({ scope }));
    const second = await segment(sampleCorpus(), set, parallel, stageContext({ scope }));
    expect(plain(first)).toEqual(plain(mainThread));
    expect(plain(second)).toEqual(plain(mainThread));
    await scope.dispose();
  });

  it('are not started when segment would run on the main thread', () => {
    // The samples' size is below parallel_min_chars.
    const [before, warmed] = workerCounts(`await count(); warmSegment(corpus, segmentParams.parse({}), scope); await count(); await scope.dispose();`);
    expect(warmed).toBe(before);
  });

  it('that do not fit the run (another count) are not used, and the tokens are the same', async () => {
    const scope = new RunScope();
    warmSegment(sampleCorpus(), segmentParams.parse({ workers: 3, parallel_min_chars: 0 }), scope);
    const got = await segment(sampleCorpus(), set, parallel, stageContext({ scope }));
    expect(got.meta.workers).toBe(2);
    expect(plain(got)).toEqual(plain(mainThread));
    await scope.dispose();
  });

  it('end when their run\'s scope is disposed of without use', () => {
    const [before, warmed, released, again] = workerCounts(
      `await count(); warmSegment(corpus, segmentParams.parse({ workers: 2, parallel_min_chars: 0 }), scope); await count(); await scope.dispose(); await count(); await scope.dispose(); await count();`,
    );
    expect(warmed).toBe(before + 2);
    expect(released).toBe(before);
    expect(again).toBe(before); // nothing left: a no-op
  });

  it('belong to one run: a segment with a scope of its own (another run, a library call) neither takes nor ends them', () => {
    // Process-global warm workers (before run scopes) were taken by whichever segment came next.
    const params = 'segmentParams.parse({ workers: 2, parallel_min_chars: 0 })';
    const [before, warmed, afterOther, afterOwn] = workerCounts(`
      const set = { lexicon: { entries: [] }, phrases: [], compounds: [], meta: { params: { match_ignore: '' } } };
      await count(); warmSegment(corpus, ${params}, scope); await count();
      // Another run's segment: it starts (and ends) 2 workers of its own; this run's 2 stay warm.
      const other = await segment(corpus, set, ${params}, stageContext());
      await count();
      await scope.dispose(); await count();
      if (other.meta.workers !== 2) throw new Error('expected 2 workers, got ' + other.meta.workers);
    `);
    expect(warmed).toBe(before + 2);
    expect(afterOther).toBe(before + 2);
    expect(afterOwn).toBe(before);
  });

  it('do not keep a process alive that warms them and never segments nor releases them', () => {
    // The compiled modules, as the CLI runs them: the process must end by itself, with code 0.
    const stage = path.join(ROOT, 'dist', 'src', 'stages', 'segment.js');
    const tokens = path.join(ROOT, 'dist', 'src', 'artifacts', 'tokens.js');
    const script = `
      const { warmSegment } = await import(${JSON.stringify(stage)});
      const { segmentParams } = await import(${JSON.stringify(tokens)});
      const { RunScope } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'pipeline', 'context.js'))});
      const corpus = { documents: [{ doc_id: 'a', kind: 'report', paragraphs: ['全面推进乡村振兴'] }] };
      warmSegment(corpus, segmentParams.parse({ workers: 2, parallel_min_chars: 0 }), new RunScope());
      console.log('warmed');
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 50_000 });
    expect(run.signal).toBeNull(); // not killed by the timeout
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('warmed');
  });
});
