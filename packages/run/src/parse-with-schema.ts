import * as v from 'valibot';
import { RunFileError } from './run-file-error.js';

/** Where a value sits: the file, and the dotted path inside it ('' for the whole file). */
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

type AnySchema = v.GenericSchema & {
  message?: unknown;
  pipe?: readonly unknown[];
  wrapped?: unknown;
  entries?: Record<string, unknown>;
  item?: unknown;
};

/** The field schema at `keys` below `schema`, looking through pipes and optional wrappers. */
function schemaAt(schema: unknown, keys: readonly PropertyKey[]): AnySchema | undefined {
  let current = schema as AnySchema | undefined;
  for (let i = 0; current !== undefined; ) {
    if (current.entries !== undefined) {
      if (i === keys.length) return current;
      current = current.entries[String(keys[i++])] as AnySchema;
    } else if (current.pipe !== undefined) current = current.pipe[0] as AnySchema;
    else if (current.wrapped !== undefined) current = current.wrapped as AnySchema;
    else if (i === keys.length) return current;
    else if (current.item !== undefined) {
      current = current.item as AnySchema;
      i++;
    } else return undefined;
  }
  return undefined;
}

/** What the issue says the value must be, in the words of the schema that was not met. */
function expectation(schema: v.GenericSchema, issue: v.BaseIssue<unknown>, keys: PropertyKey[]) {
  const last = issue.path?.at(-1) as { origin?: string } | undefined;
  if (issue.expected === 'never') {
    // A strict object's unknown key (study files: a typo must not be silently ignored).
    const known = Object.keys(schemaAt(schema, keys.slice(0, -1))?.entries ?? {});
    return `absent (unknown field; known fields: ${known.join(', ')})`;
  }
  if (last?.origin === 'key' && issue.input === undefined) {
    // A required field is missing: say what the field itself must be.
    const field = schemaAt(schema, keys);
    if (typeof field?.message === 'string') return field.message;
  }
  return issue.message;
}

/**
 * Parses `value` with `schema`, or throws a RunFileError naming `where` and the first bad field
 * ("runs/x/run.json: config.epochs must be a positive integer, got -1").
 */
export function parseWithSchema<T extends v.GenericSchema>(
  schema: T,
  value: unknown,
  where: Where,
): v.InferOutput<T> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const keys = (issue.path ?? []).map((item) => item.key as PropertyKey);
  const path = keys.reduce<Where>(
    (w, key) => at(w, typeof key === 'number' ? key : String(key)),
    where,
  );
  throw new RunFileError(where.file, path.path, expectation(schema, issue, keys), issue.input);
}
