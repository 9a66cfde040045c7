import { colorPngDataUri, grayPngDataUri } from '@fashion-lab/data';
import { rgb, schemeTableau10 } from 'd3';
import { escapeText } from '../escape.js';
import { formatInteger } from '../format.js';
import { scatterRaster, type RasterDot } from '../images/scatter-raster.js';
import { clusterMedians, mapScale, spritePoints, type PlotBox } from '../shape/map-layout.js';
import { openSvg, px, text } from './svg.js';

/** Raster pixels per CSS pixel: sharp dots on high-density screens and in print. */
export const MAP_RASTER_SCALE = 2;
/** A dot's radius in CSS pixels. */
export const MAP_DOT_RADIUS = 1.6;
/** The plot's box inside the map's SVG; the legend sits to its right. */
export const MAP_PLOT: PlotBox = { left: 8, top: 8, width: 464, height: 464 };
const SPRITE_SIZE = 22;

/** The class colors of the map, d3's Tableau 10 (legible on light and dark pages alike). */
export const MAP_CLASS_COLORS: readonly (readonly [number, number, number])[] = schemeTableau10.map(
  (hex) => {
    const color = rgb(hex);
    return [color.r, color.g, color.b] as const;
  },
);
const OTHER_COLOR = [128, 128, 128] as const;

/** What the map draws. */
export interface EmbeddingMapOptions {
  title: string;
  description: string;
  /** Interleaved x, y, one pair a test image, in test-set order. */
  points: Float32Array;
  /** The class that colors each point (the true class when known). */
  classes: Uint8Array;
  /** Points to mark as misclassified (same order), when known. */
  mistaken?: readonly boolean[];
  classNames: readonly string[];
  /** A test image's 784 bytes, for the sprites beside each cluster; without it, no sprites. */
  image?: (index: number) => Uint8Array | undefined;
  spritesPerCluster?: number;
}

function classColor(klass: number): readonly [number, number, number] {
  return MAP_CLASS_COLORS[klass % MAP_CLASS_COLORS.length] ?? OTHER_COLOR;
}

function hex(color: readonly [number, number, number]): string {
  return rgb(color[0], color[1], color[2]).formatHex();
}

/**
 * The test set's 2D map as one SVG: the points as one PNG raster (10,000 SVG circles would weigh
 * far more), misclassified points crossed in one path, each class named at its median point with
 * the test images nearest that point beside the name, and a legend.
 */
export function embeddingMap(options: EmbeddingMapOptions): string {
  const { points, classes, classNames } = options;
  const scale = mapScale(points, MAP_PLOT);
  const width = MAP_PLOT.left + MAP_PLOT.width + 180;
  const height = MAP_PLOT.top * 2 + MAP_PLOT.height;
  let svg = openSvg(
    'embedding-map',
    { width, height, margin: { top: 0, right: 0, bottom: 0, left: 0 } },
    options.title,
    options.description,
  );

  const rasterWidth = MAP_PLOT.width * MAP_RASTER_SCALE;
  const rasterHeight = MAP_PLOT.height * MAP_RASTER_SCALE;
  const dots: RasterDot[] = [];
  for (let i = 0; i < classes.length; i++) {
    const x = scale.x(points[2 * i]!);
    const y = scale.y(points[2 * i + 1]!);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    dots.push({
      x: (x - MAP_PLOT.left) * MAP_RASTER_SCALE,
      y: (y - MAP_PLOT.top) * MAP_RASTER_SCALE,
      color: classColor(classes[i]!),
    });
  }
  const raster = scatterRaster(rasterWidth, rasterHeight, dots, MAP_DOT_RADIUS * MAP_RASTER_SCALE);
  svg +=
    `<rect class="plot-frame" x="${MAP_PLOT.left}" y="${MAP_PLOT.top}" width="${MAP_PLOT.width}" height="${MAP_PLOT.height}"/>` +
    `<image class="points" x="${MAP_PLOT.left}" y="${MAP_PLOT.top}" width="${MAP_PLOT.width}" height="${MAP_PLOT.height}" ` +
    `href="${colorPngDataUri(rasterWidth, rasterHeight, raster, 'rgba')}"/>`;

  let mistakes = 0;
  if (options.mistaken !== undefined) {
    const crosses: string[] = [];
    options.mistaken.forEach((mistaken, i) => {
      const x = scale.x(points[2 * i]!);
      const y = scale.y(points[2 * i + 1]!);
      if (!mistaken || !Number.isFinite(x) || !Number.isFinite(y)) return;
      mistakes++;
      crosses.push(`M${px(x - 2)} ${px(y - 2)}l4 4m0-4l-4 4`);
    });
    if (crosses.length > 0) svg += `<path class="mistakes" d="${crosses.join('')}"/>`;
  }

  const clusters = clusterMedians(points, classes, classNames.length);
  const sprites =
    options.image === undefined
      ? new Map<number, number[]>()
      : spritePoints(points, classes, clusters, options.spritesPerCluster ?? 3);
  for (const cluster of clusters) {
    const cx = scale.x(cluster.x);
    const cy = scale.y(cluster.y);
    const name = classNames[cluster.klass] ?? String(cluster.klass);
    const chosen = sprites.get(cluster.klass) ?? [];
    const rowWidth = chosen.length * (SPRITE_SIZE + 2) - 2;
    const images = chosen
      .map((index, slot) => {
        const pixels = options.image?.(index);
        if (pixels === undefined) return '';
        const x = cx - rowWidth / 2 + slot * (SPRITE_SIZE + 2);
        return (
          `<image class="sprite" x="${px(x)}" y="${px(cy + 6)}" width="${SPRITE_SIZE}" height="${SPRITE_SIZE}" ` +
          `href="${grayPngDataUri(28, 28, pixels)}"><title>${escapeText(`test image ${index}, a ${name}`)}</title></image>`
        );
      })
      .join('');
    svg +=
      `<g class="cluster" data-class="${cluster.klass}">${images}` +
      text(cx, cy, name, { className: 'cluster-label', anchor: 'middle' }) +
      '</g>';
  }

  const legendX = MAP_PLOT.left + MAP_PLOT.width + 16;
  const counts = new Array<number>(classNames.length).fill(0);
  for (const klass of classes) if (klass < counts.length) counts[klass]! += 1;
  svg += '<g class="legend">';
  classNames.forEach((name, klass) => {
    const y = MAP_PLOT.top + 14 + klass * 18;
    svg +=
      `<circle cx="${legendX + 5}" cy="${y - 4}" r="5" fill="${hex(classColor(klass))}"/>` +
      text(legendX + 16, y, `${name} (${formatInteger(counts[klass])})`);
  });
  if (options.mistaken !== undefined) {
    const y = MAP_PLOT.top + 14 + classNames.length * 18 + 6;
    svg +=
      `<path class="mistakes" d="M${legendX + 1} ${y - 8}l8 8m0-8l-8 8"/>` +
      text(legendX + 16, y, `misclassified (${formatInteger(mistakes)})`);
  }
  return `${svg}</g></svg>`;
}
