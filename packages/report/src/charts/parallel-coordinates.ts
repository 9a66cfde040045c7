import { format, interpolateViridis, scaleLinear, scaleLog, scalePoint } from 'd3';
import { escapeText } from '../escape.js';
import type { SweepAxis } from '../shape/sweep-axes.js';
import { plotArea } from './axes.js';
import { openSvg, px, text, type Frame } from './svg.js';

/** One line of the figure: a trial's value on every axis (undefined: not known, left out). */
export interface ParallelLine {
  /** Names the line in its <title>, e.g. "trial 3: learningRate=0.001 optimizer=adam, seed 1". */
  label: string;
  values: (number | string | undefined)[];
  /** The value its colour encodes (test accuracy). */
  colorValue: number;
  highlight?: boolean;
}

/** What to draw and how the legend names the colour and the highlighted lines. */
export interface ParallelCoordinatesOptions {
  title: string;
  description: string;
  axes: SweepAxis[];
  lines: ParallelLine[];
  /** The colour scale's domain and name, e.g. the test accuracy range. */
  colorDomain: [number, number];
  colorLabel: string;
  highlightLabel: string;
  width?: number;
  height?: number;
}

type AxisScale = (value: number | string) => number | undefined;

const numberTick = format('~g');
const percentTick = format('.0%');

/**
 * The colour of a value in [lo, hi]: viridis without its palest yellow, which a white page (and
 * paper) would swallow.
 */
export function outcomeColor(value: number, [lo, hi]: [number, number]): string {
  const t = hi > lo ? Math.min(1, Math.max(0, (value - lo) / (hi - lo))) : 1;
  return interpolateViridis(0.08 + 0.8 * t);
}

/** A log axis's ticks: its powers of ten, with the range's ends when it spans less than a decade. */
function decades([lo, hi]: [number, number]): number[] {
  const powers = scaleLog()
    .domain([lo, hi])
    .ticks()
    .filter((value) => Math.abs(Math.log10(value) - Math.round(Math.log10(value))) < 1e-9);
  return powers.length >= 2 ? powers : [...new Set([lo, ...powers, hi])];
}

function scaleOf(axis: SweepAxis, range: [number, number]): { scale: AxisScale; ticks: string } {
  const [bottom, top] = range;
  const tick = (y: number, label: string) =>
    `<line x1="-5" x2="0" y1="${px(y)}" y2="${px(y)}"/>` +
    text(-8, y + 4, label, { anchor: 'end', className: 'tick' });
  if (axis.kind === 'point') {
    const scale = scalePoint<string>().domain(axis.domain).range([bottom, top]).padding(0.5);
    return {
      scale: (value) => (typeof value === 'string' ? scale(value) : undefined),
      ticks: axis.domain.map((value) => tick(scale(value) ?? bottom, value)).join(''),
    };
  }
  const scale =
    axis.kind === 'log'
      ? scaleLog().domain(axis.domain).range([bottom, top])
      : scaleLinear().domain(axis.domain).range([bottom, top]);
  const label = axis.kind === 'linear' && axis.percent === true ? percentTick : numberTick;
  const values = axis.ticks ?? (axis.kind === 'log' ? decades(axis.domain) : scale.ticks(5));
  return {
    scale: (value) => (typeof value === 'number' ? scale(value) : undefined),
    ticks: values.map((value) => tick(scale(value), label(value))).join(''),
  };
}

/**
 * A static parallel-coordinates plot as an SVG string: one vertical axis per entry of `axes`, one
 * <polyline class="trial"> per line through its values, coloured by `colorValue`, highlighted lines
 * drawn last over a dark halo, and a legend of the colour ramp and the highlight under the plot.
 */
export function parallelCoordinates(options: ParallelCoordinatesOptions): string {
  const frame: Frame = {
    width: options.width ?? 960,
    height: options.height ?? 400,
    margin: { top: 36, right: 48, bottom: 64, left: 72 },
  };
  const area = plotArea(frame);
  const x = scalePoint<number>()
    .domain(options.axes.map((_, index) => index))
    .range([area.left, area.right]);
  const scales = options.axes.map((axis) => scaleOf(axis, [area.bottom, area.top]));

  const polyline = (line: ParallelLine, className: string, style: string) => {
    const points = line.values.flatMap((value, index) => {
      const y = value === undefined ? undefined : scales[index]!.scale(value);
      return y === undefined ? [] : [`${px(x(index) ?? 0)},${px(y)}`];
    });
    return `<polyline class="${className}" points="${points.join(' ')}"${style}><title>${escapeText(line.label)}</title></polyline>`;
  };
  const ordered = [
    ...options.lines.filter((line) => line.highlight !== true),
    ...options.lines.filter((line) => line.highlight === true),
  ];
  let svg = openSvg('parallel-coordinates', frame, options.title, options.description);
  svg += '<g class="lines">';
  for (const line of ordered) {
    const color = outcomeColor(line.colorValue, options.colorDomain);
    if (line.highlight === true) svg += polyline(line, 'halo', '');
    svg += polyline(
      line,
      line.highlight === true ? 'trial best' : 'trial',
      ` style="stroke:${color}"`,
    );
  }
  svg += '</g>';
  options.axes.forEach((axis, index) => {
    svg +=
      `<g class="axis pc-axis" data-axis="${escapeText(axis.key)}" data-scale="${axis.kind}" transform="translate(${px(x(index) ?? 0)},0)">` +
      `<line x1="0" x2="0" y1="${px(area.top)}" y2="${px(area.bottom)}"/>` +
      scales[index]!.ticks +
      text(0, area.top - 16, axis.label, { anchor: 'middle', className: 'axis-name' }) +
      (axis.kind === 'log'
        ? text(0, area.top - 4, 'log scale', { anchor: 'middle', className: 'axis-title' })
        : '') +
      '</g>';
  });
  svg += legend(options, frame);
  return `${svg}</svg>`;
}

/** The colour ramp with its two ends labelled, and a sample of a highlighted line. */
function legend(options: ParallelCoordinatesOptions, frame: Frame): string {
  const y = frame.height - 30;
  const steps = 24;
  const rampWidth = 192;
  const left = frame.margin.left;
  const [lo, hi] = options.colorDomain;
  let ramp = '';
  for (let step = 0; step < steps; step++) {
    const value = lo + ((hi - lo) * (step + 0.5)) / steps;
    ramp += `<rect x="${px(left + (step * rampWidth) / steps)}" y="${y}" width="${px(rampWidth / steps + 0.3)}" height="10" style="fill:${outcomeColor(value, options.colorDomain)}"/>`;
  }
  const percent = format('.1%');
  const sample = left + rampWidth + 150;
  return (
    '<g class="legend">' +
    text(left, y - 6, options.colorLabel, { className: 'axis-title' }) +
    ramp +
    text(left, y + 24, percent(lo)) +
    text(left + rampWidth, y + 24, percent(hi), { anchor: 'end' }) +
    `<line class="halo" x1="${sample}" x2="${sample + 36}" y1="${y + 5}" y2="${y + 5}"/>` +
    `<line class="trial best" x1="${sample}" x2="${sample + 36}" y1="${y + 5}" y2="${y + 5}" style="stroke:${outcomeColor(hi, options.colorDomain)}"/>` +
    text(sample + 44, y + 9, options.highlightLabel) +
    '</g>'
  );
}
