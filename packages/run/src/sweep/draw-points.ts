import type { TrainConfig } from '../config.js';
import { createRng, type Rng } from '@fashion-lab/data';
import { configKey } from './config-key.js';
import { numericKind, type SweepField } from './space-fields.js';
import {
  spaceEntries,
  type SpaceDimension,
  type SweepSpace,
  type SweepValue,
} from './sweep-space.js';

/** Real-valued draws keep 4 significant digits: a rate of 0.0012 reads better than 0.001234567. */
const SIGNIFICANT_DIGITS = 4;

/** A draw from `lo..hi` (on a log scale for loguniform) by `next` in [0, 1). */
function between(lo: number, hi: number, log: boolean, next: number): number {
  return log
    ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * next)
    : lo + (hi - lo) * next;
}

/** One value of `key` from its dimension. */
function drawValue(key: SweepField, dimension: SpaceDimension, rng: Rng): SweepValue {
  if (Array.isArray(dimension) || 'choice' in dimension) {
    const values = Array.isArray(dimension) ? dimension : dimension.choice;
    return values[rng.nextInt(values.length)] as SweepValue;
  }
  const log = 'loguniform' in dimension;
  const [lo, hi] = 'uniform' in dimension ? dimension.uniform : dimension.loguniform;
  const clamp = (value: number) => Math.min(hi, Math.max(lo, value));
  if (numericKind(key) === 'integer') {
    // Every whole number in lo..hi gets its share: the draw spans lo - 0.5 to hi + 0.5, rounded.
    if (!log) return lo + rng.nextInt(hi - lo + 1);
    return clamp(Math.round(between(lo - 0.5, hi + 0.5, true, rng.next())));
  }
  return clamp(Number(between(lo, hi, log, rng.next()).toPrecision(SIGNIFICANT_DIGITS)));
}

/**
 * `trials` different points drawn from a random-search space with the project's seeded generator:
 * the same space and seed always give the same points. A point equal to an earlier one is drawn
 * again, so `trials` must not exceed the space's distinct points (`parseSweepSpec` checks).
 */
export function drawPoints(
  space: SweepSpace,
  trials: number,
  seed: number,
): Partial<TrainConfig>[] {
  const rng = createRng(seed);
  const points: Partial<TrainConfig>[] = [];
  const seen = new Set<string>();
  for (let draws = 0; points.length < trials; draws++) {
    if (draws > 1000 * trials) {
      throw new RangeError(`drawPoints: could not draw ${trials} different points from this space`);
    }
    const point: Partial<Record<SweepField, SweepValue>> = {};
    for (const [key, dimension] of spaceEntries(space)) point[key] = drawValue(key, dimension, rng);
    const key = configKey(point as Partial<TrainConfig>);
    if (seen.has(key)) continue;
    seen.add(key);
    points.push(point as Partial<TrainConfig>);
  }
  return points;
}
