import { indicators } from '../stages/indicators.js';
import { type IndicatorsParams } from '../artifacts/indicators.js';
import type { Corpus, TextStore } from '../artifacts/corpus.js';
import { stageContext } from './context.js';

/**
 * The stages that may run on a thread of their own: pure functions of the
 * corpus alone, whose result no stage needs until later in the pipeline.
 * The stage worker imports this module, so what it imports must stay light
 * (no danfojs, no nodejieba).
 */
export const THREAD_STAGES: Record<string, (corpus: Corpus, params: never, text: TextStore) => unknown> = {
  indicators: (corpus, params: IndicatorsParams, text) => indicators(corpus, params, stageContext({ text })),
};
