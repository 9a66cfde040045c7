interface SparklineProps {
  values: readonly number[];
  width?: number;
  height?: number;
  label: string;
}

/** A tiny accuracy trend for a table cell; y spans 0..1 so sparklines compare across rows. */
export function Sparkline({ values, width = 80, height = 20, label }: SparklineProps) {
  if (values.length === 0) return <span className="muted">—</span>;
  const step = values.length > 1 ? (width - 2) / (values.length - 1) : 0;
  const points = values
    .map((v, i) => `${(1 + i * step).toFixed(1)},${(1 + (1 - v) * (height - 2)).toFixed(1)}`)
    .join(' ');
  return (
    <svg width={width} height={height} className="sparkline" role="img" aria-label={label}>
      {values.length === 1 ? (
        <circle cx={width / 2} cy={1 + (1 - values[0]!) * (height - 2)} r={2} />
      ) : (
        <polyline points={points} fill="none" strokeWidth={1.5} />
      )}
    </svg>
  );
}
