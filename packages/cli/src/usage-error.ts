/**
 * A mistake in how the CLI was called (unknown flag, bad number, missing argument). The message is
 * one sentence the entry prints as is, exiting with code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
