import { extent, format, scaleLinear } from 'd3';
import { escapeText } from '../escape.js';
import { bottomAxis, plotArea } from './axes.js';
import { openSvg, px, text, type Frame } from './svg.js';

/** One row of a dot chart; `highlight` draws a larger ringed dot and a bold label. */
export interface Dot {
  label: string;
  value: number;
  color: string;
  highlight?: boolean;
}

/** Dots to draw, their axis and number format. */
export interface DotChartOptions {
  title: string;
  description: string;
  dots: Dot[];
  xLabel: string;
  /** d3-format specifier for ticks and value labels, e.g. ".1%". */
  valueFormat: string;
  width?: number;
}

/**
 * A Cleveland dot plot as an SVG string: one row per item, one <circle class="dot"> each. Unlike
 * bars, dots need no zero baseline, so close accuracies (91% vs 92%) stay distinguishable.
 */
export function dotChart(options: DotChartOptions): string {
  const step = 20;
  const labelWidth = Math.max(50, ...options.dots.map((dot) => dot.label.length * 6.5 + 12));
  const frame: Frame = {
    width: labelWidth + (options.width ?? 360) + 56,
    height: 14 + options.dots.length * step + 40,
    margin: { top: 14, right: 56, bottom: 40, left: labelWidth },
  };
  const area = plotArea(frame);
  const [low = 0, high = 1] = extent(options.dots, (dot) => dot.value);
  const pad = Math.max((high - low) * 0.1, 0.005);
  const x = scaleLinear()
    .domain([low - pad, high + pad])
    .range([area.left, area.right])
    .nice(5);
  const valueFormat = format(options.valueFormat);
  let svg = openSvg('dot-chart', frame, options.title, options.description);
  svg += bottomAxis(x, x.ticks(5), valueFormat, frame, options.xLabel);
  options.dots.forEach((dot, index) => {
    const y = area.top + index * step + step / 2;
    const cx = x(dot.value);
    const highlight = dot.highlight === true;
    svg +=
      `<g class="dot-group${highlight ? ' highlight' : ''}">` +
      `<line class="leader" x1="${px(area.left)}" x2="${px(area.right)}" y1="${px(y)}" y2="${px(y)}"/>` +
      `<circle class="dot" cx="${px(cx)}" cy="${px(y)}" r="${highlight ? 6 : 4.5}" style="${escapeText(`fill:${dot.color}`)}"/>` +
      text(area.left - 6, y + 4, dot.label, { anchor: 'end', className: 'dot-label' }) +
      text(cx + 9, y + 4, valueFormat(dot.value), { className: 'value-label' }) +
      '</g>';
  });
  return `${svg}</svg>`;
}
