import type { TrainConfig } from '../config.js';
import { numericKind, type SweepField } from './space-fields.js';

/** A value a config field may take in a sweep (what run.json's config holds for that field). */
export type SweepValue = NonNullable<TrainConfig[SweepField]>;

/** The distributions a random search draws a field from. */
export const DISTRIBUTION_NAMES = ['uniform', 'loguniform', 'choice'] as const;
export type DistributionName = (typeof DISTRIBUTION_NAMES)[number];

/**
 * A random-search dimension: `uniform` draws evenly between lo and hi, `loguniform` evenly in
 * log(lo)..log(hi) (rates), `choice` one of the listed values, each equally likely.
 */
export type SpaceDistribution =
  | { uniform: [number, number] }
  | { loguniform: [number, number] }
  | { choice: SweepValue[] };

/** One field of `space`: a list of values (grid search) or a distribution (random search). */
export type SpaceDimension = SweepValue[] | SpaceDistribution;

/** What a sweep varies: config field -> its values or distribution, in the order the spec lists them. */
export type SweepSpace = Partial<Record<SweepField, SpaceDimension>>;

/** The fields of `space` with their dimensions, in the order the spec lists them. */
export function spaceEntries(space: SweepSpace): [SweepField, SpaceDimension][] {
  return Object.entries(space) as [SweepField, SpaceDimension][];
}

/** True when `space` holds distributions: a random search of `trials` draws, not a grid. */
export function isRandomSearch(space: SweepSpace): boolean {
  return spaceEntries(space).some(([, dimension]) => !Array.isArray(dimension));
}

/**
 * How many different points `space` holds: the grid's size, or for a random search the number of
 * distinct draws (Infinity once a real-valued field is sampled; integer ranges count lo..hi).
 */
export function distinctPoints(space: SweepSpace): number {
  let count = 1;
  for (const [key, dimension] of spaceEntries(space)) {
    if (Array.isArray(dimension)) count *= dimension.length;
    else if ('choice' in dimension) count *= dimension.choice.length;
    else {
      const [lo, hi] = 'uniform' in dimension ? dimension.uniform : dimension.loguniform;
      count *= numericKind(key) === 'integer' ? hi - lo + 1 : Number.POSITIVE_INFINITY;
    }
  }
  return count;
}

/** The values a grid list or a `choice` lists; undefined for a uniform or loguniform range. */
export function listedValues(dimension: SpaceDimension): SweepValue[] | undefined {
  if (Array.isArray(dimension)) return dimension;
  return 'choice' in dimension ? dimension.choice : undefined;
}
