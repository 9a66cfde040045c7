import { extent } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { Fragment } from 'react';
import { hasValue, traceLine, type ChartPoint } from './trace-line';

/** One line of a chart: points in data coordinates, NaN or null values being gaps. */
export interface ChartSeries {
  label: string;
  color: string;
  points: readonly ChartPoint[];
  dashed?: boolean;
}

interface LineChartProps {
  title: string;
  series: readonly ChartSeries[];
  xLabel: string;
  /** Fixes the y range (e.g. [0, 1] for accuracy); otherwise it fits the data, niced. */
  yDomain?: readonly [number, number];
  width?: number;
  height?: number;
}

const MARGIN = { top: 10, right: 12, bottom: 32, left: 48 };
const Y_TICKS = 4;

/** A domain that is an interval: one value is widened around itself, none falls back to [0, 1]. */
function spread([min, max]: [number, number] | [undefined, undefined], half: number) {
  if (min === undefined || max === undefined) return [0, 1];
  return min === max ? [min - half, max + half] : [min, max];
}

/**
 * A server-renderable SVG line chart with axes and a legend: training curves, overlaid runs on
 * the compare page, and the live view all draw through it. A diverged (NaN) value is a gap.
 */
export function LineChart({
  title,
  series,
  xLabel,
  yDomain,
  width = 460,
  height = 240,
}: LineChartProps) {
  const allPoints = series.flatMap((s) => s.points);
  const drawable = allPoints.filter(hasValue);
  // x spans every epoch, drawable or not, so a line that stops early shows where the run diverged.
  const x = scaleLinear()
    .domain(
      spread(
        extent(allPoints, (p) => p.x),
        0.5,
      ),
    )
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain(
      yDomain ??
        spread(
          extent(drawable, (p) => p.y),
          0.5,
        ),
    )
    .range([height - MARGIN.bottom, MARGIN.top])
    // A fixed domain may be narrower than an outlier (a loss that blew up): pin it to the edge.
    .clamp(true);
  if (yDomain === undefined) y.nice(Y_TICKS);
  const [xMin = 0, xMax = 1] = x.domain();
  // Epochs and batches are whole numbers: keep only integer ticks.
  const xTicks = x.ticks(Math.min(6, Math.max(1, xMax - xMin))).filter(Number.isInteger);
  const yTickLabel = y.tickFormat(Y_TICKS);
  const traced = series.map((s) => ({ s, line: traceLine(s.points, x, y) }));
  const plotMiddle = MARGIN.left + (width - MARGIN.left - MARGIN.right) / 2;

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={title}
      >
        {drawable.length === 0 ? (
          <text x={plotMiddle} y={height / 2} textAnchor="middle" className="axis">
            {allPoints.length === 0 ? 'nothing to plot yet' : 'no finite values to plot'}
          </text>
        ) : (
          <>
            <g className="y-ticks">
              {y.ticks(Y_TICKS).map((tick) => (
                <Fragment key={tick}>
                  <line
                    x1={MARGIN.left}
                    x2={width - MARGIN.right}
                    y1={y(tick)}
                    y2={y(tick)}
                    className="grid"
                  />
                  <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" className="tick">
                    {yTickLabel(tick)}
                  </text>
                </Fragment>
              ))}
            </g>
            <g className="x-ticks">
              {xTicks.map((tick) => (
                <text
                  key={tick}
                  x={x(tick)}
                  y={height - MARGIN.bottom + 16}
                  textAnchor="middle"
                  className="tick"
                >
                  {tick}
                </text>
              ))}
            </g>
          </>
        )}
        <text x={plotMiddle} y={height - 4} textAnchor="middle" className="axis">
          {xLabel}
        </text>
        {traced.map(({ s, line }) => (
          <Fragment key={s.label}>
            {line.path === null ? null : (
              <path
                data-series={s.label}
                d={line.path}
                fill="none"
                stroke={s.color}
                strokeWidth={2}
                strokeLinejoin="round"
                strokeDasharray={s.dashed ? '5 4' : undefined}
              />
            )}
            {line.dots.map((dot) => (
              <circle key={dot.cx} cx={dot.cx} cy={dot.cy} r={3} fill={s.color} />
            ))}
          </Fragment>
        ))}
      </svg>
      <ul className="legend">
        {series.map((s) => (
          <li key={s.label}>
            <span className="swatch" style={{ background: s.color }} />
            {s.points.some(hasValue) ? s.label : `${s.label} (no finite values)`}
          </li>
        ))}
      </ul>
    </figure>
  );
}
