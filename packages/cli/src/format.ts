import type { RunSummary } from '@fashion-lab/run';

/** Seconds as a short human duration: `42s`, `3m05s`, `1h02m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** A fraction as a percentage with `digits` decimals: 0.8712 -> `87.12%`. */
export function formatPercent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A run's test accuracy and, for a run with test-time flips, what it scores without them. */
export function formatTestAccuracy(
  summary: Pick<RunSummary, 'testAcc' | 'testAccWithoutTta'>,
): string {
  const without = summary.testAccWithoutTta;
  return (
    formatPercent(summary.testAcc) +
    (without === undefined ? '' : ` (${formatPercent(without)} without test-time flips)`)
  );
}

/** An integer with thousands separators: 101770 -> `101,770`. */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

/** A metric value with 4 decimals, or `--` when missing. */
export function formatMetric(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '--' : value.toFixed(4);
}

/** A learning rate compactly: 0.001 -> `0.001`, 0.00001 -> `1e-5`. */
export function formatLearningRate(lr: number): string {
  if (lr >= 0.001) return String(Number(lr.toPrecision(4)));
  const [mantissa = '', exponent = ''] = lr.toExponential().split('e');
  return `${Number(Number(mantissa).toPrecision(4))}e${exponent}`;
}
