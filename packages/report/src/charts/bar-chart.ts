import { format, scaleLinear } from 'd3';
import { escapeText } from '../escape.js';
import { bottomAxis, plotArea } from './axes.js';
import { openSvg, px, text, type Frame } from './svg.js';

/** One bar; `highlight` draws it with an outline and a bold label (e.g. the best run). */
export interface Bar {
  label: string;
  value: number;
  color: string;
  highlight?: boolean;
}

/** Bars to draw, their axis and number format. */
export interface BarChartOptions {
  title: string;
  description: string;
  bars: Bar[];
  xLabel: string;
  /** Value range; bars start at the lower end. Default [0, max]. */
  xDomain?: [number, number];
  /** d3-format specifier for ticks and value labels, e.g. ".1%". */
  valueFormat: string;
  width?: number;
}

/**
 * A horizontal bar chart as an SVG string, one <rect class="bar"> per bar in the given order,
 * each labeled on the left with its name and at its end with its value.
 */
export function barChart(options: BarChartOptions): string {
  const barHeight = 16;
  const step = 22;
  const labelWidth = Math.max(50, ...options.bars.map((bar) => bar.label.length * 6.5 + 12));
  const frame: Frame = {
    width: labelWidth + (options.width ?? 360) + 50,
    height: 10 + options.bars.length * step + 40,
    margin: { top: 10, right: 50, bottom: 40, left: labelWidth },
  };
  const area = plotArea(frame);
  const maxValue = Math.max(
    0,
    ...options.bars.map((bar) => (Number.isFinite(bar.value) ? bar.value : 0)),
  );
  const x = scaleLinear()
    .domain(options.xDomain ?? [0, maxValue === 0 ? 1 : maxValue])
    .range([area.left, area.right])
    .clamp(true);
  const valueFormat = format(options.valueFormat);
  let svg = openSvg('bar-chart', frame, options.title, options.description);
  svg += bottomAxis(x, x.ticks(5), valueFormat, frame, options.xLabel);
  options.bars.forEach((bar, index) => {
    const y = area.top + index * step;
    // A missing value (NaN, e.g. the precision of a class never predicted) is an empty bar marked "–".
    const known = Number.isFinite(bar.value);
    const end = known ? x(bar.value) : area.left;
    const highlight = bar.highlight === true;
    svg +=
      `<g class="bar-group${highlight ? ' highlight' : ''}">` +
      `<rect class="bar" x="${px(area.left)}" y="${px(y)}" width="${px(Math.max(0, end - area.left))}" height="${barHeight}" style="${escapeText(`fill:${bar.color}`)}"/>` +
      text(area.left - 6, y + barHeight / 2 + 4, bar.label, {
        anchor: 'end',
        className: 'bar-label',
      }) +
      text(end + 4, y + barHeight / 2 + 4, known ? valueFormat(bar.value) : '–', {
        className: 'value-label',
      }) +
      '</g>';
  });
  return `${svg}</svg>`;
}
