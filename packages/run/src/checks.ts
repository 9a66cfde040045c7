import { RunFileError } from './run-file-error.js';

/**
 * Tiny hand-written validators shared by the run-file schemas: each one returns the value typed
 * or throws a RunFileError naming the file and the dotted field path.
 */
export interface Where {
  file: string;
  path: string;
}

/** Where a field of the object at `where` lives. */
export function at(where: Where, key: string | number): Where {
  const path =
    typeof key === 'number'
      ? `${where.path}[${key}]`
      : where.path === ''
        ? key
        : `${where.path}.${key}`;
  return { file: where.file, path };
}

/** Throws the RunFileError for `where`. */
export function fail(where: Where, expected: string, actual: unknown): never {
  throw new RunFileError(where.file, where.path, expected, actual);
}

/** A plain JSON object. */
export function object(value: unknown, where: Where): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(where, 'an object', value);
  }
  return value as Record<string, unknown>;
}

/** A finite number. */
export function finite(value: unknown, where: Where): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, 'a finite number', value);
  return value;
}

/**
 * A metric value: a number, or null for NaN/Infinity (JSON.stringify writes a diverged loss as
 * null, and a reader should still show that run).
 */
export function metric(value: unknown, where: Where): number {
  if (value === null) return Number.NaN;
  if (typeof value !== 'number') fail(where, 'a number or null', value);
  return value;
}

/** A finite number in [min, max] (or (min, max) ends when `open`). */
export function inRange(
  value: unknown,
  where: Where,
  min: number,
  max: number,
  open: { min?: boolean; max?: boolean } = {},
): number {
  const n = typeof value === 'number' ? value : Number.NaN;
  const lowOk = open.min ? n > min : n >= min;
  const highOk = open.max ? n < max : n <= max;
  if (!Number.isFinite(n) || !lowOk || !highOk) {
    fail(where, `a number in ${open.min ? '(' : '['}${min}, ${max}${open.max ? ')' : ']'}`, value);
  }
  return n;
}

/** A positive finite number. */
export function positive(value: unknown, where: Where): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(where, 'a positive number', value);
  }
  return value;
}

/** An integer >= 1. */
export function positiveInteger(value: unknown, where: Where): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    fail(where, 'a positive integer', value);
  }
  return value;
}

/** An integer >= 0. */
export function nonNegativeInteger(value: unknown, where: Where): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(where, 'a non-negative integer', value);
  }
  return value;
}

/** Any safe integer. */
export function integer(value: unknown, where: Where): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(where, 'an integer', value);
  return value;
}

/** A string (non-empty unless `allowEmpty`). */
export function string(value: unknown, where: Where, allowEmpty = false): string {
  if (typeof value !== 'string' || (!allowEmpty && value === '')) {
    fail(where, allowEmpty ? 'a string' : 'a non-empty string', value);
  }
  return value;
}

/** An ISO 8601 date-time string. */
export function timestamp(value: unknown, where: Where): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    fail(where, 'an ISO date-time string', value);
  }
  return value;
}

/** true or false. */
export function boolean(value: unknown, where: Where): boolean {
  if (typeof value !== 'boolean') fail(where, 'true or false', value);
  return value;
}

/** One of the listed strings. */
export function oneOf<T extends string>(value: unknown, where: Where, values: readonly T[]): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    fail(where, `one of ${values.map((v) => `'${v}'`).join(', ')}`, value);
  }
  return value as T;
}

/** An array whose items each pass `item`; `length` fixes its size. */
export function arrayOf<T>(
  value: unknown,
  where: Where,
  item: (value: unknown, where: Where) => T,
  length?: number,
): T[] {
  if (!Array.isArray(value)) fail(where, 'an array', value);
  if (length !== undefined && value.length !== length) {
    fail(where, `an array of ${length}`, value);
  }
  return value.map((v, i) => item(v, at(where, i)));
}

/** Checks `obj[key]` with `check`, reporting the field's path. */
export function field<T>(
  obj: Record<string, unknown>,
  key: string,
  where: Where,
  check: (value: unknown, where: Where) => T,
): T {
  return check(obj[key], at(where, key));
}

/** Like `field`, but an absent key is fine (returns undefined). */
export function optionalField<T>(
  obj: Record<string, unknown>,
  key: string,
  where: Where,
  check: (value: unknown, where: Where) => T,
): T | undefined {
  return obj[key] === undefined ? undefined : check(obj[key], at(where, key));
}
