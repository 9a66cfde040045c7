import { axisScale } from './axis-scale';
import type { AxisValue, SweepAxis } from './sweep-view';

/** A brushed span of one axis, in the plot's coordinates: the two ends of the drag. */
export type Brush = readonly [number, number];

/** The brushes on the plot, by axis key; an axis without one filters nothing. */
export type Brushes = Readonly<Record<string, Brush>>;

/**
 * The trials inside every brush (several brushes combine: a trial must lie in all of them); a
 * trial without a value on a brushed axis (no test accuracy yet) is outside that brush. `top` and
 * `bottom` are where the plot's axes begin and end, as `axisScale` takes them.
 */
export function brushedTrials<Trial extends { values: Record<string, AxisValue> }>(
  trials: readonly Trial[],
  axes: readonly SweepAxis[],
  brushes: Brushes,
  top: number,
  bottom: number,
): Trial[] {
  const active = axes
    .filter((axis) => Object.hasOwn(brushes, axis.key))
    .map((axis) => {
      const [a, b] = brushes[axis.key]!;
      return {
        key: axis.key,
        scale: axisScale(axis, top, bottom),
        lo: Math.min(a, b),
        hi: Math.max(a, b),
      };
    });
  if (active.length === 0) return [...trials];
  return trials.filter((trial) =>
    active.every(({ key, scale, lo, hi }) => {
      const y = scale.y(trial.values[key] ?? null);
      return y !== undefined && y >= lo && y <= hi;
    }),
  );
}
