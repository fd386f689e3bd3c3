/**
 * Errors that stop a run. Both map to exit code 2 (bad usage or bad input);
 * anything else thrown during a run is a failure (exit code 1).
 */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = 2;
}

/** Bad input that stops the run; the message names the file, line or parameter and what was expected. */
export class InputError extends Error {
  override name = 'InputError';
  readonly exitCode = 2;
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError || err instanceof InputError) return 2;
  return 1;
}
