import { format } from 'd3';

const percentFormat = format('.1%');
const integerFormat = format(',d');

/** 0.9234 -> "92.3%"; undefined -> an en dash, so tables show missing values plainly. */
export function formatPercent(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '–' : percentFormat(value);
}

/** 123456 -> "123,456". */
export function formatInteger(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '–' : integerFormat(value);
}

/** A loss or similar value with 4 significant digits. */
export function formatDecimal(value: number | undefined, digits = 4): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** A learning rate as typed on the command line: 0.001, 5e-4 stays short. */
export function formatRate(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** Seconds as "42s", "3m 05s" or "1h 02m": compact, for table cells. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '–';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * An ISO timestamp as "2026-11-25 21:01 UTC". Parsed explicitly (never the local time zone), so
 * the report is byte-identical wherever it is built; an unparsable value is shown as given.
 */
export function formatDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const text = new Date(time).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}
