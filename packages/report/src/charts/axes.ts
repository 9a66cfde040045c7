import type { ScaleLinear } from 'd3';
import { px, text, type Frame } from './svg.js';

/** The inner plot rectangle of a frame. */
export function plotArea(frame: Frame): {
  left: number;
  right: number;
  top: number;
  bottom: number;
} {
  return {
    left: frame.margin.left,
    right: frame.width - frame.margin.right,
    top: frame.margin.top,
    bottom: frame.height - frame.margin.bottom,
  };
}

/** A bottom x axis: baseline, ticks with labels, and the axis title (name and unit) below. */
export function bottomAxis(
  scale: ScaleLinear<number, number>,
  ticks: number[],
  formatTick: (value: number) => string,
  frame: Frame,
  label: string,
): string {
  const area = plotArea(frame);
  const parts = [
    `<line x1="${px(area.left)}" x2="${px(area.right)}" y1="${px(area.bottom)}" y2="${px(area.bottom)}"/>`,
  ];
  for (const tick of ticks) {
    const x = scale(tick);
    parts.push(
      `<line x1="${px(x)}" x2="${px(x)}" y1="${px(area.bottom)}" y2="${px(area.bottom + 5)}"/>`,
    );
    parts.push(text(x, area.bottom + 17, formatTick(tick), { anchor: 'middle' }));
  }
  parts.push(
    text((area.left + area.right) / 2, frame.height - 6, label, {
      className: 'axis-title',
      anchor: 'middle',
    }),
  );
  return `<g class="axis x-axis">${parts.join('')}</g>`;
}

/** A left y axis with light gridlines across the plot, tick labels and a rotated axis title. */
export function leftAxis(
  scale: ScaleLinear<number, number>,
  ticks: number[],
  formatTick: (value: number) => string,
  frame: Frame,
  label: string,
): string {
  const area = plotArea(frame);
  const grid: string[] = [];
  const parts = [
    `<line x1="${px(area.left)}" x2="${px(area.left)}" y1="${px(area.top)}" y2="${px(area.bottom)}"/>`,
  ];
  for (const tick of ticks) {
    const y = scale(tick);
    grid.push(`<line x1="${px(area.left)}" x2="${px(area.right)}" y1="${px(y)}" y2="${px(y)}"/>`);
    parts.push(
      `<line x1="${px(area.left - 5)}" x2="${px(area.left)}" y1="${px(y)}" y2="${px(y)}"/>`,
    );
    parts.push(text(area.left - 8, y + 4, formatTick(tick), { anchor: 'end' }));
  }
  const middle = (area.top + area.bottom) / 2;
  parts.push(
    text(12, middle, label, {
      className: 'axis-title',
      anchor: 'middle',
      transform: `rotate(-90 12 ${px(middle)})`,
    }),
  );
  return `<g class="grid">${grid.join('')}</g><g class="axis y-axis">${parts.join('')}</g>`;
}
