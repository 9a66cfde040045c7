/** Describes a value for an error message: short, JSON-like, never the whole object. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `an ${typeof value}`;
}

/**
 * A run file (run.json, evaluation.json, a metrics line, a study file) that does not match its
 * schema. The message names the file, the field and what was wrong, e.g.
 * "runs/x/run.json: config.epochs must be a positive integer, got -1".
 */
export class RunFileError extends Error {
  override readonly name = 'RunFileError';

  constructor(
    readonly file: string,
    /** Dotted path of the bad field ('' for the whole file). */
    readonly field: string,
    readonly expected: string,
    readonly actual: unknown,
  ) {
    super(
      `${file}: ${field === '' ? 'the file' : field} must be ${expected}, got ${describeValue(actual)}`,
    );
  }
}
