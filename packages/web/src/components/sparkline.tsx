import { scaleLinear } from 'd3-scale';
import { hasValue, traceLine } from './trace-line';

interface SparklineProps {
  /** One value a point, in order; NaN or null (a diverged epoch) is a gap. */
  values: readonly (number | null)[];
  width?: number;
  height?: number;
  label: string;
}

/** A tiny accuracy trend for a table cell; y spans 0..1 so sparklines compare across rows. */
export function Sparkline({ values, width = 80, height = 20, label }: SparklineProps) {
  const points = values.map((y, x) => ({ x, y }));
  if (!points.some(hasValue)) return <span className="muted">—</span>;
  // One pixel inside the box, so the stroke is not cut; a single value sits in the middle.
  const x = scaleLinear()
    .domain([0, values.length - 1])
    .range([1, width - 1]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([height - 1, 1])
    .clamp(true);
  const line = traceLine(points, x, y);
  return (
    <svg width={width} height={height} className="sparkline" role="img" aria-label={label}>
      {line.path === null ? null : <path d={line.path} fill="none" strokeWidth={1.5} />}
      {line.dots.map((dot) => (
        <circle key={dot.cx} cx={dot.cx} cy={dot.cy} r={2} />
      ))}
    </svg>
  );
}
