import { area as areaShape, extent, format, line, scaleLinear } from 'd3';
import { escapeText } from '../escape.js';
import { bottomAxis, leftAxis, plotArea } from './axes.js';
import { spreadLabels } from './direct-labels.js';
import { openSvg, px, text, type Frame } from './svg.js';

/** One line of a line chart; `color` is any CSS color (the report passes palette variables). */
export interface LineSeries {
  label: string;
  color: string;
  points: { x: number; y: number }[];
  dashed?: boolean;
}

/** Series to draw, axis titles and formats, optional fixed domains shared by small multiples. */
export interface LineChartOptions {
  title: string;
  /** What the chart shows, for screen readers (the SVG's <desc>). */
  description: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  /** Fixed y range, so small multiples share axes; default: the data's extent, niced. */
  yDomain?: [number, number];
  xDomain?: [number, number];
  /** d3-format specifier of the y tick labels, e.g. ".0%". */
  yFormat?: string;
  /** Shades the area between the first two series (training vs validation: the overfitting gap). */
  shadeGap?: boolean;
  /** Vertical rules, e.g. the best epoch. */
  markers?: { x: number; label: string }[];
  width?: number;
  height?: number;
}

/**
 * A line chart as an SVG string: axes with ticks and titles, one <path class="series"> per
 * series that has points, and a direct label at each line's end instead of a legend.
 */
export function lineChart(options: LineChartOptions): string {
  // A diverged run stores null/NaN: such points are gaps, and a series without any number is left out.
  const isNumber = (point: { y: number }) => Number.isFinite(point.y);
  const series = options.series.filter((item) => item.points.some(isNumber));
  const labelWidth = Math.max(40, ...series.map((item) => item.label.length * 6.5 + 14));
  const frame: Frame = {
    width: (options.width ?? 380) + labelWidth - 40,
    height: options.height ?? 240,
    margin: { top: 12, right: labelWidth, bottom: 40, left: 54 },
  };
  const area = plotArea(frame);
  const allPoints = series.flatMap((item) => item.points.filter(isNumber));
  let svg = openSvg('line-chart', frame, options.title, options.description);
  if (allPoints.length === 0) {
    return `${svg}${text(frame.width / 2, frame.height / 2, 'no data yet', { anchor: 'middle', className: 'empty' })}</svg>`;
  }

  const [xMin = 0, xMax = 1] = options.xDomain ?? extent(allPoints, (point) => point.x);
  const x = scaleLinear()
    .domain(xMin === xMax ? [xMin - 1, xMax + 1] : [xMin, xMax])
    .range([area.left, area.right]);
  const [yMin = 0, yMax = 1] = options.yDomain ?? extent(allPoints, (point) => point.y);
  const y = scaleLinear()
    .domain(yMin === yMax ? [yMin - 0.5, yMax + 0.5] : [yMin, yMax])
    .range([area.bottom, area.top])
    // A fixed domain may be narrower than an outlier (a loss that blew up): pin it to the edge.
    .clamp(true);
  if (options.yDomain === undefined) y.nice(5);

  // Epochs are whole numbers: keep only integer ticks.
  const xTicks = x.ticks(Math.min(8, Math.max(1, xMax - xMin))).filter(Number.isInteger);
  const yTicks = y.ticks(5);
  const yTickFormat = options.yFormat === undefined ? y.tickFormat(5) : format(options.yFormat);
  svg += leftAxis(y, yTicks, yTickFormat, frame, options.yLabel);
  svg += bottomAxis(x, xTicks, format('d'), frame, options.xLabel);

  for (const marker of options.markers ?? []) {
    const markerX = x(marker.x);
    svg +=
      `<g class="marker"><line x1="${px(markerX)}" x2="${px(markerX)}" y1="${px(area.top)}" y2="${px(area.bottom)}"/>` +
      `${text(markerX + 4, area.top + 10, marker.label)}</g>`;
  }

  const path = line<{ x: number; y: number }>()
    .x((point) => x(point.x))
    .y((point) => y(point.y))
    .defined(isNumber)
    .digits(1);
  const first = series[0];
  const second = series[1];
  if (options.shadeGap === true && first !== undefined && second !== undefined) {
    const lower = new Map(second.points.map((point) => [point.x, point.y]));
    const shared = first.points.filter(
      (point) => isNumber(point) && Number.isFinite(lower.get(point.x)),
    );
    const band = areaShape<{ x: number; y: number }>()
      .x((point) => x(point.x))
      .y0((point) => y(lower.get(point.x)!))
      .y1((point) => y(point.y))
      .digits(1);
    if (shared.length > 1) {
      svg += `<path class="gap" style="${escapeText(`fill:${first.color}`)}" d="${band(shared) ?? ''}"/>`;
    }
  }
  const ends = series.map((item) => item.points.filter(isNumber).at(-1)!);
  const labelY = spreadLabels(
    ends.map((end) => y(end.y) + 4),
    13,
    area.top + 4,
    area.bottom,
  );
  series.forEach((item, index) => {
    const end = ends[index]!;
    const style = `stroke:${item.color}`;
    svg +=
      `<g class="series-group"><path class="series${item.dashed === true ? ' dashed' : ''}" style="${escapeText(style)}" d="${path(item.points) ?? ''}"/>` +
      `<circle class="end" style="${escapeText(`fill:${item.color}`)}" cx="${px(x(end.x))}" cy="${px(y(end.y))}" r="2.5"/>` +
      `<text class="direct-label" style="${escapeText(`fill:${item.color}`)}" x="${px(area.right + 6)}" y="${px(labelY[index]!)}">${escapeText(item.label)}</text></g>`;
  });
  return `${svg}</svg>`;
}
