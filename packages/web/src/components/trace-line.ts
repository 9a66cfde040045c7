import { line } from 'd3-shape';

/**
 * A point of a chart in data coordinates. A diverged metric is NaN, or null once it has been
 * through JSON (the live view's metrics API): either way it is a gap in the line.
 */
export interface ChartPoint {
  x: number;
  y: number | null;
}

/** Whether a point can be drawn: NaN, null and ±Infinity cannot. */
export function hasValue(point: ChartPoint): point is { x: number; y: number } {
  return Number.isFinite(point.x) && Number.isFinite(point.y);
}

/** A series in pixels: its path, one `M` per unbroken stretch, and the lone points as dots. */
export interface TracedLine {
  path: string | null;
  dots: { cx: number; cy: number }[];
}

/**
 * Traces a series through pixel scales `x` and `y`, with gaps where values are missing. A point
 * with no drawable neighbour is a dot, since a path of one point shows nothing.
 */
export function traceLine(
  points: readonly ChartPoint[],
  x: (value: number) => number,
  y: (value: number) => number,
): TracedLine {
  const drawable = points.map(hasValue);
  const joined = (i: number) =>
    drawable[i] === true && (drawable[i - 1] === true || drawable[i + 1] === true);
  // Only drawable points reach x and y, so `?? 0` never applies; it narrows the type.
  const path = line<ChartPoint>()
    .defined((_, i) => joined(i))
    .x((point) => x(point.x))
    .y((point) => y(point.y ?? 0))
    .digits(1)(points);
  const dots = points
    .filter((point, i) => hasValue(point) && !joined(i))
    .map((point) => ({ cx: round(x(point.x)), cy: round(y(point.y ?? 0)) }));
  return { path, dots };
}

/** One decimal, as the paths have: pixel positions need no more. */
function round(pixels: number): number {
  return Math.round(pixels * 10) / 10;
}
