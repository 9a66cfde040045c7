import { validateConfigField } from '../config.js';
import { at, fail, type Where } from '../parse-with-schema.js';
import { numericKind, SWEEP_FIELDS, type SweepField } from './space-fields.js';
import {
  DISTRIBUTION_NAMES,
  type DistributionName,
  type SpaceDimension,
  type SweepSpace,
  type SweepValue,
} from './sweep-space.js';

const LIST_OR_DISTRIBUTION =
  'a list of values (grid search) or one of {"uniform": [lo, hi]}, {"loguniform": [lo, hi]}, {"choice": [...]} (random search)';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A grid list or a `choice`: non-empty, each value valid for the field, none twice. */
function parseValues(key: SweepField, values: unknown, where: Where): SweepValue[] {
  if (!Array.isArray(values) || values.length === 0) {
    fail(where, 'a non-empty list of values', values);
  }
  const seen = new Set<string>();
  return values.map((value, i) => {
    const parsed = validateConfigField(key, value, at(where, i)) as SweepValue;
    // Compared as parsed, so `true` and "full" (the same augment) count as one value.
    const text = JSON.stringify(parsed);
    if (seen.has(text)) fail(at(where, i), 'a value not listed before', value);
    seen.add(text);
    return parsed;
  });
}

/** A `[lo, hi]` range of a numeric field: both ends valid values of it, lo < hi. */
function parseRange(
  key: SweepField,
  name: 'uniform' | 'loguniform',
  range: unknown,
  where: Where,
): [number, number] {
  if (!Array.isArray(range) || range.length !== 2) fail(where, '[lo, hi]', range);
  const lo = validateConfigField(key, range[0], at(where, 0)) as number;
  const hi = validateConfigField(key, range[1], at(where, 1)) as number;
  if (name === 'loguniform' && lo <= 0) {
    fail(at(where, 0), 'a number above 0 (a loguniform range needs lo > 0)', lo);
  }
  if (!(lo < hi)) fail(at(where, 1), `a number above lo (${lo})`, hi);
  return [lo, hi];
}

/** One distribution object: exactly one known name, its values checked against the field. */
function parseDistribution(key: SweepField, value: unknown, where: Where): SpaceDimension {
  if (!isPlainObject(value)) fail(where, LIST_OR_DISTRIBUTION, value);
  const names = Object.keys(value);
  const unknown = names.find((name) => !(DISTRIBUTION_NAMES as readonly string[]).includes(name));
  if (unknown !== undefined) {
    fail(
      at(where, unknown),
      `absent (unknown distribution; known: ${DISTRIBUTION_NAMES.join(', ')})`,
      value[unknown],
    );
  }
  if (names.length !== 1) {
    fail(where, 'one distribution: uniform, loguniform or choice', names.join(' and '));
  }
  const name = names[0] as DistributionName;
  if (name === 'choice') return { choice: parseValues(key, value.choice, at(where, 'choice')) };
  if (numericKind(key) === undefined) {
    fail(
      where,
      `a list of values or {"choice": [...]} (${key} is not a number, so it has no ${name} range)`,
      value,
    );
  }
  const range = parseRange(key, name, value[name], at(where, name));
  return name === 'uniform' ? { uniform: range } : { loguniform: range };
}

/**
 * Checks a sweep's `space` field by field against each config field's own schema, so a bad value
 * reads "sweep.json: space.learningRate[1] must be a positive number, got -1". A space is a grid
 * (every field a list) or a random search (every field a distribution; `choice` is its list).
 */
export function parseSpace(space: Record<string, unknown>, where: Where): SweepSpace {
  const parsed: SweepSpace = {};
  const random = Object.values(space).some(isPlainObject);
  for (const [key, dimension] of Object.entries(space)) {
    const here = at(where, key);
    if (key === 'seed') {
      fail(here, 'absent (every trial\'s seed comes from "seeds")', dimension);
    }
    if (!(SWEEP_FIELDS as readonly string[]).includes(key)) {
      fail(here, `absent (unknown field; known fields: ${SWEEP_FIELDS.join(', ')})`, dimension);
    }
    const field = key as SweepField;
    if (Array.isArray(dimension) && random) {
      fail(here, '{"choice": [...]}, as in the rest of this random search', dimension);
    }
    parsed[field] = Array.isArray(dimension)
      ? parseValues(field, dimension, here)
      : parseDistribution(field, dimension, here);
  }
  return parsed;
}
