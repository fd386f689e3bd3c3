/**
 * The artifacts that travel down a govtext pipeline, by name: raw files ->
 * {@link Corpus} (ingest) -> {@link PhraseSet} -> {@link Tokens} ->
 * {@link Weights} -> {@link Clusters}, {@link Indicators} -> {@link Report}.
 * Each artifact's type and its stage's parameter schema live in one file of
 * this folder; stages/ makes them, everything else reads them from here.
 */
import type { Source } from '../io/sources.js';
import type { Clusters } from './clusters.js';
import type { Corpus } from './corpus.js';
import type { Indicators } from './indicators.js';
import type { PhraseSet } from './phrases.js';
import type { Report } from './report.js';
import type { RunRecord } from './run.js';
import type { Tokens } from './tokens.js';
import type { Weights } from './weights.js';

/**
 * The artifacts a run holds, by name. `sources` is what the runner reads;
 * every other artifact is made by a stage and persisted by a writer.
 */
export interface Artifacts {
  sources: Source[];
  corpus?: Corpus;
  phrases?: PhraseSet;
  tokens?: Tokens;
  weights?: Weights;
  clusters?: Clusters;
  indicators?: Indicators;
  report?: Report;
  /** The run so far (pipeline, parameters, versions, inputs, warnings), kept current by the runner for the report. */
  run?: RunRecord;
}

export type ArtifactName = keyof Artifacts;

/** The artifacts a stage makes (every one but the inputs and the run record, which the runner keeps). */
export type MadeName = Exclude<ArtifactName, 'sources' | 'run'>;

/** The artifact named K, once made. */
export type Made<K extends MadeName> = NonNullable<Artifacts[K]>;
