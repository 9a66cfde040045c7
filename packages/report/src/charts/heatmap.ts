import { interpolateBlues, interpolateOranges, lab, scaleSequentialSqrt } from 'd3';
import { escapeText } from '../escape.js';
import { openSvg, px, text, type Frame } from './svg.js';

/** A confusion matrix to draw, with its class names. */
export interface ConfusionHeatmapOptions {
  title: string;
  description: string;
  /** Class names, in label order: rows are true classes, columns predicted ones. */
  classNames: readonly string[];
  /** counts[trueLabel][predictedLabel]. */
  counts: number[][];
  cellSize?: number;
}

const correctColor = scaleSequentialSqrt(interpolateBlues).domain([0, 1]);
const errorColor = scaleSequentialSqrt(interpolateOranges).domain([0, 1]);

/**
 * A confusion matrix as an SVG heatmap: one <rect class="cell"> per (true, predicted) pair with
 * its count written in it. Color is the share of the true class's images (row-normalized, square
 * root scale so rare mistakes still show): blue on the diagonal, orange off it.
 */
export function confusionHeatmap(options: ConfusionHeatmapOptions): string {
  const size = options.cellSize ?? 40;
  const classCount = options.classNames.length;
  const labelWidth = Math.max(60, ...options.classNames.map((name) => name.length * 6.5 + 14));
  const frame: Frame = {
    width: labelWidth + 24 + classCount * size + 12,
    height: 12 + classCount * size + labelWidth * 0.72 + 30,
    margin: { top: 12, right: 12, bottom: labelWidth * 0.72 + 30, left: labelWidth + 24 },
  };
  const left = frame.margin.left;
  const top = frame.margin.top;
  let svg = openSvg('heatmap', frame, options.title, options.description);

  for (let row = 0; row < classCount; row++) {
    const rowCounts = options.counts[row] ?? [];
    const rowTotal = rowCounts.reduce((sum, count) => sum + count, 0);
    for (let column = 0; column < classCount; column++) {
      const count = rowCounts[column] ?? 0;
      const share = rowTotal === 0 ? 0 : count / rowTotal;
      const fill = (row === column ? correctColor : errorColor)(share);
      // Dark cells get white numbers: keeps contrast whatever the fill.
      const ink = lab(fill).l < 60 ? '#ffffff' : '#1a1a1a';
      const x = left + column * size;
      const y = top + row * size;
      const trueName = options.classNames[row] ?? String(row);
      const predictedName = options.classNames[column] ?? String(column);
      svg +=
        `<g><title>${escapeText(`${trueName} predicted as ${predictedName}: ${count} (${(share * 100).toFixed(1)}% of ${trueName})`)}</title>` +
        (count === 0
          ? // Empty cells stay page-colored so the eye goes to the counts that matter.
            `<rect class="cell zero" x="${px(x)}" y="${px(y)}" width="${size}" height="${size}"/>` +
            `<text class="count zero" x="${px(x + size / 2)}" y="${px(y + size / 2 + 4)}" text-anchor="middle">0</text></g>`
          : `<rect class="cell" x="${px(x)}" y="${px(y)}" width="${size}" height="${size}" fill="${fill}"/>` +
            `<text class="count" x="${px(x + size / 2)}" y="${px(y + size / 2 + 4)}" text-anchor="middle" style="fill:${ink}">${count}</text></g>`);
    }
  }

  const gridBottom = top + classCount * size;
  options.classNames.forEach((name, index) => {
    svg += text(left - 6, top + index * size + size / 2 + 4, name, {
      anchor: 'end',
      className: 'row-label',
    });
    const x = left + index * size + size / 2;
    svg += text(x, gridBottom + 10, name, {
      anchor: 'end',
      className: 'column-label',
      transform: `rotate(-45 ${px(x)} ${px(gridBottom + 10)})`,
    });
  });
  const middleY = top + (classCount * size) / 2;
  svg += text(12, middleY, 'True class', {
    anchor: 'middle',
    className: 'axis-title',
    transform: `rotate(-90 12 ${px(middleY)})`,
  });
  svg += text(left + (classCount * size) / 2, frame.height - 8, 'Predicted class', {
    anchor: 'middle',
    className: 'axis-title',
  });
  return `${svg}</svg>`;
}
