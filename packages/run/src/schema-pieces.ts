import * as v from 'valibot';
import { base64DecodedLength } from './base64.js';

/**
 * The field schemas every run-file schema is built from. Each one's message is what the field
 * "must be", so `parseWithSchema` can say "config.epochs must be a positive integer, got -1".
 */

/** A finite number. */
export const finite = v.pipe(v.number('a finite number'), v.finite('a finite number'));

/** A positive finite number. */
export const positive = v.pipe(
  v.number('a positive number'),
  v.finite('a positive number'),
  v.gtValue(0, 'a positive number'),
);

/** An integer >= 1. */
export const positiveInteger = v.pipe(
  v.number('a positive integer'),
  v.integer('a positive integer'),
  v.minValue(1, 'a positive integer'),
);

/** An integer >= 0. */
export const nonNegativeInteger = v.pipe(
  v.number('a non-negative integer'),
  v.integer('a non-negative integer'),
  v.minValue(0, 'a non-negative integer'),
);

/** Any safe integer. */
export const integer = v.pipe(v.number('an integer'), v.safeInteger('an integer'));

/** A finite number in [min, max]; `open` makes either end exclusive. */
export function inRange(min: number, max: number, open: { min?: boolean; max?: boolean } = {}) {
  const message = `a number in ${open.min ? '(' : '['}${min}, ${max}${open.max ? ')' : ']'}`;
  return v.pipe(
    v.number(message),
    v.finite(message),
    open.min ? v.gtValue(min, message) : v.minValue(min, message),
    open.max ? v.ltValue(max, message) : v.maxValue(max, message),
  );
}

/** A non-negative number of seconds. */
export const seconds = inRange(0, Number.MAX_VALUE);

/** `schema`, or null read as `instead` (JSON has no NaN or Infinity: JSON.stringify writes null). */
export function nullAs<T extends v.GenericSchema<unknown, number>>(schema: T, instead: number) {
  return v.pipe(
    v.nullable(schema),
    v.transform((n): number => n ?? instead),
  );
}

/**
 * A metric value: a number, or null for NaN/Infinity (JSON.stringify writes a diverged loss as
 * null, and a reader should still show that run).
 */
export const metric = nullAs(v.number('a number or null'), Number.NaN);

/** A probability or accuracy in [0, 1] (null, i.e. NaN from a diverged run, allowed). */
export const fraction = nullAs(inRange(0, 1), Number.NaN);

/** A non-empty string. */
export const nonEmptyString = v.pipe(
  v.string('a non-empty string'),
  v.nonEmpty('a non-empty string'),
);

/** Any string, empty included. */
export const anyString = v.string('a string');

/** An ISO 8601 date-time string. */
export const timestamp = v.pipe(
  v.string('an ISO date-time string'),
  v.check((text) => !Number.isNaN(Date.parse(text)), 'an ISO date-time string'),
);

/** true or false. */
export const boolean = v.boolean('true or false');

/** One of the listed strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return v.picklist(values, `one of ${values.map((name) => `'${name}'`).join(', ')}`);
}

/** An array whose items each pass `item`; `length` fixes its size. */
export function arrayOf<T extends v.GenericSchema>(item: T, length?: number) {
  return length === undefined
    ? v.array(item, 'an array')
    : v.pipe(v.array(item, 'an array'), v.length(length, `an array of ${length}`));
}

/** A JSON object (not an array, not null). */
export const plainObject = v.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'an object',
);

/**
 * An object of the given fields that keeps fields it does not know (a newer build's). Arrays are
 * refused first (valibot's objects take them), so "[1]" is "not an object", not a missing field.
 */
export function record<T extends v.ObjectEntries>(entries: T) {
  return Object.assign(v.pipe(plainObject, v.looseObject(entries, 'an object')), { entries });
}

/** A class index 0..9. */
export const classIndex = v.pipe(nonNegativeInteger, v.maxValue(9, 'a class index 0..9'));

/** base64 text of `length` bytes (any length when undefined); `what` says what the bytes are. */
export function base64Of(length: number | undefined, what: string) {
  return v.pipe(
    v.string('a string'),
    v.rawCheck<string>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const decoded = base64DecodedLength(dataset.value);
      if (decoded === undefined) addIssue({ message: `base64 of ${what}` });
      else if (length !== undefined && decoded !== length) {
        addIssue({ message: `base64 of ${length} bytes (${what})`, input: `${decoded} bytes` });
      }
    }),
  );
}

/** The TypeScript type of an object with exactly these fields (unknown fields left out of the type). */
export type Fields<T extends v.ObjectEntries> = v.InferOutput<v.ObjectSchema<T, undefined>>;
