/** One line of a chart: points in data coordinates. */
export interface ChartSeries {
  label: string;
  color: string;
  points: readonly { x: number; y: number }[];
  dashed?: boolean;
}

interface LineChartProps {
  title: string;
  series: readonly ChartSeries[];
  xLabel: string;
  /** Fixes the y range (e.g. [0, 1] for accuracy); otherwise it fits the data. */
  yDomain?: readonly [number, number];
  width?: number;
  height?: number;
}

const MARGIN = { top: 10, right: 12, bottom: 32, left: 48 };

/** Evenly spaced round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const rawStep = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rawStep) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

function extent(values: number[], fallback: [number, number]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return fallback;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return min === max ? [min - 0.5, max + 0.5] : [min, max];
}

/**
 * A server-renderable SVG line chart with axes and a legend: training curves, overlaid runs on
 * the compare page, and the live view all draw through it.
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
  const [xMin, xMax] = extent(
    allPoints.map((p) => p.x),
    [0, 1],
  );
  const [yMin, yMax] =
    yDomain ??
    extent(
      allPoints.map((p) => p.y),
      [0, 1],
    );
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => MARGIN.left + ((x - xMin) / (xMax - xMin || 1)) * plotWidth;
  const sy = (y: number) => MARGIN.top + (1 - (y - yMin) / (yMax - yMin || 1)) * plotHeight;
  const xTicks = niceTicks(xMin, xMax, Math.min(6, Math.max(1, Math.round(xMax - xMin))));
  const yTicks = niceTicks(yMin, yMax, 4);
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
        {yTicks.map((tick) => (
          <g key={`y${tick}`}>
            <line
              x1={MARGIN.left}
              x2={width - MARGIN.right}
              y1={sy(tick)}
              y2={sy(tick)}
              className="grid"
            />
            <text x={MARGIN.left - 6} y={sy(tick) + 4} textAnchor="end" className="tick">
              {tick}
            </text>
          </g>
        ))}
        {xTicks.map((tick) => (
          <text
            key={`x${tick}`}
            x={sx(tick)}
            y={height - MARGIN.bottom + 16}
            textAnchor="middle"
            className="tick"
          >
            {tick}
          </text>
        ))}
        <text x={MARGIN.left + plotWidth / 2} y={height - 4} textAnchor="middle" className="axis">
          {xLabel}
        </text>
        {series.map((s) =>
          s.points.length === 1 ? (
            <circle
              key={s.label}
              cx={sx(s.points[0]!.x)}
              cy={sy(s.points[0]!.y)}
              r={3}
              fill={s.color}
            />
          ) : (
            <polyline
              key={s.label}
              data-series={s.label}
              points={s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '5 4' : undefined}
            />
          ),
        )}
      </svg>
      <ul className="legend">
        {series.map((s) => (
          <li key={s.label}>
            <span className="swatch" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
