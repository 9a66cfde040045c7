import type { SpaceDimension, SweepJson, SweepTrial } from '@fashion-lab/run';
import type { AxisValue, SweepAxis } from './sweep-view';

/** The outcome axes every sweep plot ends with, by the trial field that feeds them. */
export const OUTCOME_AXES = [
  { key: 'testAcc', label: 'test accuracy' },
  { key: 'bestValAcc', label: 'best val accuracy' },
] as const;

/** The axis of the trials' seeds. */
export const SEED_AXIS = 'seed';

/** How a categorical value reads on a point axis (objects as JSON, as config keys do). */
export function pointLabel(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** The values a dimension lists (grid or choice); undefined for a uniform or loguniform range. */
function listed(dimension: SpaceDimension): unknown[] | undefined {
  if (Array.isArray(dimension)) return dimension;
  return 'choice' in dimension ? dimension.choice : undefined;
}

function distinct(values: readonly unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const value of values) if (!seen.has(pointLabel(value))) seen.set(pointLabel(value), value);
  return [...seen.values()];
}

/** A numeric axis over `values`, or a point axis when any of them is not a number. */
function axisOfValues(key: string, values: readonly unknown[]): SweepAxis {
  if (values.length > 0 && values.every((value) => typeof value === 'number')) {
    const numbers = values as number[];
    return {
      key,
      label: key,
      kind: 'linear',
      domain: [Math.min(...numbers), Math.max(...numbers)],
    };
  }
  return { key, label: key, kind: 'point', domain: values.map(pointLabel) };
}

/** An outcome axis spanning the values there are ([0, 1] with none), widened if they are one. */
function outcomeAxis(key: string, label: string, values: readonly (number | null)[]): SweepAxis {
  const numbers = values.filter((value): value is number => value !== null);
  if (numbers.length === 0) return { key, label, kind: 'linear', domain: [0, 1] };
  const [lo, hi] = [Math.min(...numbers), Math.max(...numbers)];
  return { key, label, kind: 'linear', domain: lo === hi ? [lo - 0.005, hi + 0.005] : [lo, hi] };
}

/**
 * The axes of a sweep's parallel-coordinates plot, left to right: one per field the space varies,
 * in the spec's order (a `loguniform` range on a log scale, `uniform` and number lists linear,
 * anything else as points in listed order), then fields that differ between the spec's `configs`,
 * then the seed, then test and best validation accuracy over the values `outcomes` holds.
 */
export function sweepAxes(
  sweep: SweepJson,
  outcomes: readonly { testAcc: number | null; bestValAcc: number | null }[],
): SweepAxis[] {
  const axes: SweepAxis[] = [];
  const space = sweep.spec.space as Record<string, SpaceDimension>;
  for (const [key, dimension] of Object.entries(space)) {
    const values = listed(dimension);
    if (values === undefined) {
      const [kind, domain] =
        'loguniform' in dimension
          ? (['log', dimension.loguniform] as const)
          : (['linear', (dimension as { uniform: [number, number] }).uniform] as const);
      axes.push({ key, label: key, kind, domain: [domain[0], domain[1]] });
    } else if (distinct(values).length > 1) {
      axes.push(axisOfValues(key, distinct(values)));
    }
  }
  // Fields the explicit configs set: an axis where they differ between trials.
  const inSpace = new Set(Object.keys(space));
  const configFields = new Set(
    sweep.trials.flatMap((trial) => Object.keys(trial.point)).filter((key) => !inSpace.has(key)),
  );
  for (const key of configFields) {
    const values = distinct(
      sweep.trials.map((trial) => trial.point[key as keyof SweepTrial['point']]),
    );
    if (values.length > 1) axes.push(axisOfValues(key, values));
  }
  axes.push({
    key: SEED_AXIS,
    label: SEED_AXIS,
    kind: 'point',
    domain: distinct(sweep.spec.seeds).map(pointLabel),
  });
  for (const { key, label } of OUTCOME_AXES) {
    axes.push(
      outcomeAxis(
        key,
        label,
        outcomes.map((outcome) => outcome[key]),
      ),
    );
  }
  return axes;
}

/** A trial's value on each axis: its point's fields, its seed and its outcomes. */
export function trialAxisValues(
  axes: readonly SweepAxis[],
  trial: Pick<SweepTrial, 'point' | 'seed'>,
  outcome: { testAcc: number | null; bestValAcc: number | null },
): Record<string, AxisValue> {
  const values: Record<string, AxisValue> = {};
  for (const axis of axes) {
    const raw =
      axis.key === SEED_AXIS
        ? trial.seed
        : axis.key === 'testAcc' || axis.key === 'bestValAcc'
          ? outcome[axis.key]
          : (trial.point as Record<string, unknown>)[axis.key];
    values[axis.key] =
      raw === undefined || raw === null
        ? null
        : axis.kind === 'point'
          ? pointLabel(raw)
          : typeof raw === 'number' && Number.isFinite(raw)
            ? raw
            : null;
  }
  return values;
}
