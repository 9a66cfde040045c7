import { scaleLinear, scaleLog, scalePoint } from 'd3-scale';
import type { AxisValue, SweepAxis } from './sweep-view';

/** Where an axis is drawn and what it shows: a value's height, and labelled ticks. */
export interface AxisScale {
  /** The height of `value` on the axis; undefined for a value the axis cannot place. */
  y(value: AxisValue): number | undefined;
  ticks: { label: string; y: number }[];
}

const NUMERIC_TICKS = 5;

/**
 * The d3 scale of one parallel-coordinates axis from `bottom` (lowest value, first category) up
 * to `top`. The plot draws with it and the brush filter places trials with it, so a line inside
 * a brush on screen is a trial the table keeps.
 */
export function axisScale(axis: SweepAxis, top: number, bottom: number): AxisScale {
  if (axis.kind === 'point') {
    const scale = scalePoint<string>().domain(axis.domain).range([bottom, top]).padding(0.5);
    return {
      y: (value) => (typeof value === 'string' ? scale(value) : undefined),
      ticks: axis.domain.map((label) => ({ label, y: scale(label) ?? bottom })),
    };
  }
  const scale = (axis.kind === 'log' ? scaleLog() : scaleLinear())
    .domain(axis.domain)
    .range([bottom, top]);
  const format = scale.tickFormat(NUMERIC_TICKS);
  return {
    y: (value) =>
      typeof value === 'number' && Number.isFinite(value) && (axis.kind !== 'log' || value > 0)
        ? scale(value)
        : undefined,
    ticks: scale.ticks(NUMERIC_TICKS).map((tick) => ({ label: format(tick), y: scale(tick) })),
  };
}
