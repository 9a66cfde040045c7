import { scaleLinear, type ScaleLinear } from 'd3';
import { accuracyInterval, type SampleStatistics } from '@fashion-lab/run';
import { escapeText } from '../escape.js';
import { px, text } from './svg.js';

/** Width of one row's interval bar and of the scale over them, in px; the ends keep 8 px free. */
export const INTERVAL_WIDTH = 200;
const INSET = 8;
const HEIGHT = 18;

/**
 * The accuracy scale every row's bar shares: from the lowest to the highest mean or interval end
 * (cut to 0..100%), widened to whole percents, onto [8, 192] px.
 */
export function intervalScale(stats: readonly SampleStatistics[]): ScaleLinear<number, number> {
  const values = stats.flatMap((item) => {
    const interval = accuracyInterval(item);
    return [
      ...(item.mean === undefined ? [] : [item.mean]),
      ...(interval === undefined ? [] : [interval.low, interval.high]),
    ];
  });
  const lo = values.length === 0 ? 0 : Math.floor(Math.min(...values) * 100) / 100;
  const hi = values.length === 0 ? 1 : Math.ceil(Math.max(...values) * 100) / 100;
  return scaleLinear()
    .domain(lo === hi ? [lo - 0.01, hi + 0.01] : [lo, hi])
    .range([INSET, INTERVAL_WIDTH - INSET]);
}

/**
 * One row's error bar as a small SVG: the 95% confidence interval as a line with end caps and the
 * mean as a dot (only the dot with one seed, nothing without a completed trial); an end cut at 0% or
 * 100% has no cap.
 */
export function intervalBar(
  scale: ScaleLinear<number, number>,
  stats: SampleStatistics,
  label: string,
): string {
  if (stats.mean === undefined) return '–';
  const y = HEIGHT / 2;
  let body = '';
  const interval = accuracyInterval(stats);
  if (interval !== undefined) {
    const [x1, x2] = [interval.low, interval.high].map((value) => px(scale(value)));
    body += `<line class="ci" x1="${x1}" x2="${x2}" y1="${y}" y2="${y}"/>`;
    // A cut end has no cap: the interval runs on past the scale's end.
    if (!interval.cut.low)
      body += `<line class="cap" x1="${x1}" x2="${x1}" y1="${y - 5}" y2="${y + 5}"/>`;
    if (!interval.cut.high)
      body += `<line class="cap" x1="${x2}" x2="${x2}" y1="${y - 5}" y2="${y + 5}"/>`;
  }
  body += `<circle class="mean" cx="${px(scale(stats.mean))}" cy="${y}" r="3.5"/>`;
  return (
    `<svg class="interval-bar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${INTERVAL_WIDTH} ${HEIGHT}" width="${INTERVAL_WIDTH}" height="${HEIGHT}" role="img">` +
    `<title>${escapeText(label)}</title>${body}</svg>`
  );
}

/** The shared scale drawn once, in the column's header: ticks in whole or tenth percents. */
export function intervalAxis(scale: ScaleLinear<number, number>): string {
  const tickFormat = scale.tickFormat(4, '%');
  const ticks = scale
    .ticks(4)
    .map(
      (tick) =>
        `<line x1="${px(scale(tick))}" x2="${px(scale(tick))}" y1="16" y2="22"/>` +
        text(scale(tick), 12, tickFormat(tick), { anchor: 'middle' }),
    )
    .join('');
  return (
    `<svg class="interval-axis" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${INTERVAL_WIDTH} 24" width="${INTERVAL_WIDTH}" height="24" role="img">` +
    `<title>Test accuracy scale of the intervals below</title>` +
    `<line x1="${INSET}" x2="${INTERVAL_WIDTH - INSET}" y1="22" y2="22"/>${ticks}</svg>`
  );
}
