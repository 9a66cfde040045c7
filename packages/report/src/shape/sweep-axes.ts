import type { SpaceDimension, SweepJson, SweepTrial } from '@fashion-lab/run';

/**
 * One axis of the sweep's parallel-coordinates figure: numbers on a linear or log scale (with
 * the values a grid lists as its ticks), or categories as points in the order the sweep lists them.
 */
export type SweepAxis =
  | {
      key: string;
      label: string;
      kind: 'linear' | 'log';
      domain: [number, number];
      /** The grid's values, when the axis came from a list; otherwise the scale picks ticks. */
      ticks?: number[];
      percent?: boolean;
    }
  | { key: string; label: string; kind: 'point'; domain: string[] };

/** A trial's outcome on the two accuracy axes; absent until its run completed. */
export interface TrialOutcome {
  testAcc?: number;
  bestValAcc?: number;
}

/** The keys of the axes every figure ends with. */
export const SEED_AXIS = 'seed';
export const TEST_AXIS = 'testAcc';
export const BEST_VAL_AXIS = 'bestValAcc';

/** How a category reads on a point axis: names and numbers as they are, objects as JSON. */
export function categoryLabel(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** The trial's value of a config field: its point's, else its full config's (the base's). */
function fieldValue(trial: SweepTrial, key: string): unknown {
  const point = trial.point as Record<string, unknown>;
  return key in point ? point[key] : (trial.config as unknown as Record<string, unknown>)[key];
}

/** Values in first-seen order, once each (by how they read). */
function distinct(values: readonly unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const value of values)
    if (!seen.has(categoryLabel(value))) seen.set(categoryLabel(value), value);
  return [...seen.values()];
}

function fieldAxis(
  key: string,
  dimension: SpaceDimension | undefined,
  values: unknown[],
): SweepAxis {
  if (dimension !== undefined && !Array.isArray(dimension) && !('choice' in dimension)) {
    const [lo, hi] = 'loguniform' in dimension ? dimension.loguniform : dimension.uniform;
    return {
      key,
      label: key,
      kind: 'loguniform' in dimension ? 'log' : 'linear',
      domain: [lo, hi],
    };
  }
  if (values.every((value) => typeof value === 'number')) {
    const numbers = (values as number[]).slice().sort((a, b) => a - b);
    const lo = numbers[0]!;
    const hi = numbers[numbers.length - 1]!;
    // Rates listed a factor of ten or more apart (0.0001, 0.001, 0.01) are log-spaced by intent.
    const kind = lo > 0 && hi / lo >= 10 ? 'log' : 'linear';
    return { key, label: key, kind, domain: [lo, hi], ticks: numbers };
  }
  return { key, label: key, kind: 'point', domain: values.map(categoryLabel) };
}

/** The accuracy range both outcome axes share: whole percents around the values there are. */
export function outcomeDomain(outcomes: readonly TrialOutcome[]): [number, number] {
  const values = outcomes
    .flatMap((outcome) => [outcome.testAcc, outcome.bestValAcc])
    .filter((value): value is number => value !== undefined && Number.isFinite(value));
  if (values.length === 0) return [0, 1];
  const lo = Math.floor(Math.min(...values) * 100) / 100;
  const hi = Math.ceil(Math.max(...values) * 100) / 100;
  return lo === hi ? [Math.max(0, lo - 0.01), Math.min(1, hi + 0.01)] : [lo, hi];
}

/**
 * The figure's axes, left to right: each config field the trials vary (the space's in the spec's
 * order, then those the spec's `configs` set), the seed, test accuracy and best validation
 * accuracy on one shared scale. A `loguniform` range is a log axis, `uniform` linear, a list of
 * numbers linear (log when it spans a factor of ten), anything else points in listed order.
 */
export function sweepAxes(sweep: SweepJson, outcomes: readonly TrialOutcome[]): SweepAxis[] {
  const space = sweep.spec.space as Record<string, SpaceDimension>;
  const keys = [
    ...Object.keys(space),
    ...sweep.trials.flatMap((trial) => Object.keys(trial.point)),
  ].filter((key, index, all) => all.indexOf(key) === index);
  const axes: SweepAxis[] = [];
  for (const key of keys) {
    const dimension = space[key];
    const listed = Array.isArray(dimension)
      ? dimension
      : dimension !== undefined && 'choice' in dimension
        ? dimension.choice
        : [];
    const values = distinct([...listed, ...sweep.trials.map((trial) => fieldValue(trial, key))]);
    if (values.length > 1) axes.push(fieldAxis(key, dimension, values));
  }
  axes.push({
    key: SEED_AXIS,
    label: 'seed',
    kind: 'point',
    domain: distinct(sweep.spec.seeds).map(categoryLabel),
  });
  const domain = outcomeDomain(outcomes);
  axes.push({ key: TEST_AXIS, label: 'test acc', kind: 'linear', domain, percent: true });
  axes.push({ key: BEST_VAL_AXIS, label: 'best val acc', kind: 'linear', domain, percent: true });
  return axes;
}

/** A trial's value on an axis: a number on a numeric axis, a category's label on a point axis. */
export function axisValue(
  axis: SweepAxis,
  trial: SweepTrial,
  outcome: TrialOutcome,
): number | string | undefined {
  const raw =
    axis.key === SEED_AXIS
      ? trial.seed
      : axis.key === TEST_AXIS
        ? outcome.testAcc
        : axis.key === BEST_VAL_AXIS
          ? outcome.bestValAcc
          : fieldValue(trial, axis.key);
  if (raw === undefined) return undefined;
  if (axis.kind === 'point') return categoryLabel(raw);
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
}
