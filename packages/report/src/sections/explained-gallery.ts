import { colorPngDataUri } from '@fashion-lab/data';
import { escapeText } from '../escape.js';
import { heatOverlay } from '../images/heat-overlay.js';
import type { Heatmap } from '../run-types.js';
import type { HeatmapLookup } from '../shape/heatmap-lookup.js';
import { pixelImage } from './image-grid.js';

/** The methods as a reader knows them. */
export const METHOD_NAMES: Record<Heatmap['method'], string> = {
  'grad-cam': 'Grad-CAM',
  smoothgrad: 'SmoothGrad',
};

/** One heatmap cell: test image's heat for `klass` by `method`. */
export interface HeatCell {
  klass: number;
  className: string;
  method: Heatmap['method'];
}

/** One gallery image and the heatmaps in the grid beside it. */
export interface ExplainedImage {
  index: number;
  pixels: Uint8Array;
  alt: string;
  /** Column heads: the image's, then one per heat column. */
  heads: string[];
  /** Rows of heat cells; the image stands left of the first row. */
  rows: HeatCell[][];
  /** Caption lines, plain text. */
  caption: string[];
}

function heatImage(image: ExplainedImage, cell: HeatCell, heatmaps: HeatmapLookup): string {
  const what = `${METHOD_NAMES[cell.method]} heatmap of test image ${image.index} for ${cell.className}`;
  const heat = heatmaps.get(image.index, cell.klass, cell.method);
  if (heat === undefined) {
    return `<span class="no-heat" title="${escapeText(`no ${what}`)}">none</span>`;
  }
  const side = Math.round(Math.sqrt(image.pixels.length));
  return `<img class="pixels heat" src="${colorPngDataUri(side, side, heatOverlay(image.pixels, heat))}" alt="${escapeText(what)}" width="48" height="48">`;
}

/**
 * A gallery where each image sits beside its heatmaps (the heat blended over the image), in a
 * small grid under column heads; a heatmap the run lacks shows as "none".
 */
export function explainedGallery(images: ExplainedImage[], heatmaps: HeatmapLookup): string {
  const figures = images.map((image) => {
    const heads = image.heads.map((head) => `<span class="head">${escapeText(head)}</span>`);
    const rows = image.rows.map(
      (cells, row) =>
        (row === 0 ? pixelImage(image.pixels, image.alt, 48) : '<span></span>') +
        cells.map((cell) => heatImage(image, cell, heatmaps)).join(''),
    );
    return (
      `<figure class="explained"><div class="explain-grid" style="grid-template-columns:repeat(${image.heads.length},48px)">${heads.join('')}${rows.join('')}</div>` +
      `<figcaption>${image.caption.map(escapeText).join('<br>')}</figcaption></figure>`
    );
  });
  return `<div class="gallery">${figures.join('')}</div>`;
}
