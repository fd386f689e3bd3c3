import { documentText, type TextStore } from '../artifacts/corpus.js';

/**
 * What a stage may ask of the runner while it works: it reports progress,
 * reads the documents' text and keeps run state through it, and nothing
 * else (it prints nothing and touches no files).
 */
export interface StageContext {
  /** `done` of `total` units (records, documents, paragraphs) are finished. */
  progress(done: number, total: number, unit: string): void;
  /** Where the stage reads the documents' text (the run's clean/ once the run let the text go). */
  text: TextStore;
  /** State of this run that a stage shares with its set-up (segment's warm workers): the runner disposes of it when the run ends. */
  scope: RunScope;
}

/**
 * One kind of run state: how it is made (on first use in a run) and how it
 * is let go when the run ends.
 *
 * @example
 * const WARM: RunState<WarmWorkers> = { name: 'segment: warm workers', make: () => new WarmWorkers(), dispose: (w) => w.release() };
 * ctx.scope.get(WARM).take(2);
 */
export interface RunState<T> {
  readonly name: string;
  make(): T;
  dispose?(value: T): void | Promise<void>;
}

/**
 * The state of one run (worker threads started ahead, caches), made on
 * first use and disposed of at the end of the run: two runs in one process,
 * or two stage calls with contexts of their own, share none of it.
 *
 * @example
 * const scope = new RunScope();
 * warmSegment(corpus, params, scope);                                   // workers start loading jieba
 * const tokens = await segment(corpus, set, params, stageContext({ scope })); // and are taken here
 * await scope.dispose();                                                // what was not taken ends
 */
export class RunScope {
  private readonly held = new Map<RunState<unknown>, unknown>();

  /** This run's value of `state`, made on first use. */
  get<T>(state: RunState<T>): T {
    if (!this.held.has(state)) this.held.set(state, state.make());
    return this.held.get(state) as T;
  }

  /** Whether `state` was made in this run. */
  has(state: RunState<unknown>): boolean {
    return this.held.has(state);
  }

  /** Disposes of every value made, the last made first; the scope is empty afterwards. */
  async dispose(): Promise<void> {
    const made = [...this.held].reverse();
    this.held.clear();
    for (const [state, value] of made) await state.dispose?.(value);
  }
}

/**
 * A context of its own for a stage called as a library function: no
 * progress, the documents' own text ({@link documentText}), a fresh run
 * scope; `parts` replaces any of them.
 *
 * @example
 * const tokens = await segment(corpus, phraseSet, segmentParams.parse({}), stageContext({ progress: (d, t) => console.log(d, t) }));
 */
export function stageContext(parts: Partial<StageContext> = {}): StageContext {
  return { progress() {}, text: documentText, scope: new RunScope(), ...parts };
}
