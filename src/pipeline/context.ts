/**
 * What a stage may ask of the runner while it works. Stages report progress
 * through it and nothing else: they print nothing and touch no files.
 */
export interface StageContext {
  /** `done` of `total` units (records, documents, paragraphs) are finished. */
  progress(done: number, total: number, unit: string): void;
}

export const silentContext: StageContext = { progress() {} };
