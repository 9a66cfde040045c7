'use client';

import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { useRef, useState, type PointerEvent } from 'react';
import { axisScale } from '../lib/axis-scale';
import type { Brush, Brushes } from '../lib/brush-filter';
import type { AxisValue, SweepAxis } from '../lib/sweep-view';

/** Where the plot's axes begin and end (viewBox units): the brush filter measures with these. */
export const PLOT_TOP = 34;
export const PLOT_BOTTOM = 286;
const HEIGHT = 310;
const AXIS_SPACING = 130;
const SIDE_MARGIN = 60;
/** A drag shorter than this is a click: it clears the axis's brush. */
const MIN_BRUSH = 3;
/**
 * Half the width of the strip around an axis that takes a brush drag; it reaches as far beyond
 * the axis's ends, so a brush can start past the highest or lowest trial.
 */
const GRAB = 14;

/** One line of the plot. */
export interface PlotTrial {
  runId: string;
  trial: number;
  values: Record<string, AxisValue>;
  testAcc: number | null;
}

interface ParallelCoordinatesProps {
  axes: readonly SweepAxis[];
  trials: readonly PlotTrial[];
  /** The run ids inside every brush; the other lines are drawn faint. */
  selected: ReadonlySet<string>;
  brushes: Brushes;
  onBrush: (axisKey: string, brush: Brush | null) => void;
}

/** Low to high test accuracy, red to green; a trial without one is grey. */
function colourScale(axes: readonly SweepAxis[]) {
  const axis = axes.find((candidate) => candidate.key === 'testAcc');
  const domain = axis?.kind === 'linear' ? axis.domain : [0, 1];
  return scaleLinear<string>().domain(domain).range(['#dc2626', '#16a34a']).clamp(true);
}

/**
 * A parallel-coordinates plot of a sweep: one vertical axis per field, one line per trial
 * through its values, coloured by test accuracy. Dragging along an axis brushes a span of it
 * (several axes' brushes combine), a click on an axis clears its brush.
 */
export function ParallelCoordinates({
  axes,
  trials,
  selected,
  brushes,
  onBrush,
}: ParallelCoordinatesProps) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ axis: string; from: number; to: number } | null>(null);
  const width = SIDE_MARGIN * 2 + AXIS_SPACING * Math.max(1, axes.length - 1);
  const x = scalePoint<string>()
    .domain(axes.map((axis) => axis.key))
    .range([SIDE_MARGIN, width - SIDE_MARGIN]);
  const scales = axes.map((axis) => ({
    axis,
    x: x(axis.key) ?? SIDE_MARGIN,
    scale: axisScale(axis, PLOT_TOP, PLOT_BOTTOM),
  }));
  const colour = colourScale(axes);
  const path = line<{ x: number; y: number | undefined }>()
    .defined((point) => point.y !== undefined)
    .x((point) => point.x)
    .y((point) => point.y ?? 0);

  /** The pointer's height in the plot's viewBox units, kept within the axes. */
  const plotY = (event: PointerEvent<SVGElement>): number => {
    const matrix = svg.current?.getScreenCTM();
    const y = matrix ? (event.clientY - matrix.f) / matrix.d : event.clientY;
    return Math.min(PLOT_BOTTOM, Math.max(PLOT_TOP, y));
  };

  const shownBrush = (key: string): Brush | undefined =>
    drag?.axis === key ? [drag.from, drag.to] : brushes[key];

  return (
    <figure className="chart parallel" data-testid="parallel-coordinates">
      <svg
        ref={svg}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        width={width}
        height={HEIGHT}
        role="img"
        aria-label="Trials from hyperparameters to accuracy"
      >
        <g className="lines">
          {trials.map((trial) => {
            const d = path(
              scales.map(({ axis, x: ax, scale }) => ({
                x: ax,
                y: scale.y(trial.values[axis.key] ?? null),
              })),
            );
            const inside = selected.has(trial.runId);
            return (
              <path
                key={trial.runId}
                d={d ?? undefined}
                data-trial={trial.trial}
                data-selected={inside}
                fill="none"
                stroke={
                  inside ? (trial.testAcc === null ? '#9ca3af' : colour(trial.testAcc)) : '#e5e7eb'
                }
                strokeWidth={inside ? 1.8 : 1}
                strokeOpacity={inside ? 0.9 : 0.7}
              >
                <title>{`trial ${trial.trial}: ${trial.runId}`}</title>
              </path>
            );
          })}
        </g>
        {scales.map(({ axis, x: ax, scale }) => {
          const brush = shownBrush(axis.key);
          return (
            <g key={axis.key} className="pc-axis" data-axis={axis.key} data-kind={axis.kind}>
              <line
                className="axis-line"
                x1={ax}
                x2={ax}
                y1={PLOT_TOP}
                y2={PLOT_BOTTOM}
                stroke="#6b7280"
              />
              <text x={ax} y={PLOT_TOP - 14} textAnchor="middle" className="axis-label">
                {axis.label}
              </text>
              {scale.ticks.map((tick) => (
                <g key={`${tick.label}-${tick.y}`}>
                  <line x1={ax - 4} x2={ax} y1={tick.y} y2={tick.y} stroke="#6b7280" />
                  <text x={ax - 7} y={tick.y} dy="0.32em" textAnchor="end" className="tick">
                    {tick.label}
                  </text>
                </g>
              ))}
              {brush === undefined ? null : (
                <rect
                  className="brush"
                  data-brush={axis.key}
                  x={ax - 8}
                  width={16}
                  y={Math.min(brush[0], brush[1])}
                  height={Math.abs(brush[1] - brush[0])}
                />
              )}
              <rect
                className="brush-area"
                data-brush-area={axis.key}
                x={ax - GRAB}
                width={2 * GRAB}
                y={PLOT_TOP - GRAB}
                height={PLOT_BOTTOM - PLOT_TOP + 2 * GRAB}
                fill="transparent"
                onPointerDown={(event) => {
                  event.currentTarget.setPointerCapture(event.pointerId);
                  const y = plotY(event);
                  setDrag({ axis: axis.key, from: y, to: y });
                }}
                onPointerMove={(event) => {
                  if (drag?.axis === axis.key) setDrag({ ...drag, to: plotY(event) });
                }}
                onPointerUp={(event) => {
                  if (drag?.axis !== axis.key) return;
                  const to = plotY(event);
                  setDrag(null);
                  onBrush(axis.key, Math.abs(to - drag.from) < MIN_BRUSH ? null : [drag.from, to]);
                }}
                onPointerCancel={() => setDrag(null)}
              />
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        Drag along an axis to keep only the trials in that span (brushes on several axes combine);
        click an axis to clear its brush. Lines are coloured by test accuracy.
      </figcaption>
    </figure>
  );
}
