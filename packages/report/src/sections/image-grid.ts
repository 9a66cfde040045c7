import { escapeText } from '../escape.js';
import { grayPngDataUri } from '@fashion-lab/data';

/** A 28x28 test image as an <img> with a PNG data URI, `size` CSS pixels wide; `alt` says what it shows. */
export function pixelImage(pixels: Uint8Array, alt: string, size = 56): string {
  const side = Math.round(Math.sqrt(pixels.length));
  return `<img class="pixels" src="${grayPngDataUri(side, side, pixels)}" alt="${escapeText(alt)}" width="${size}" height="${size}">`;
}

/** A gallery of captioned images; captions are plain text lines. */
export function imageGallery(
  items: { pixels: Uint8Array; alt: string; caption: string[] }[],
): string {
  const figures = items.map(
    (item) =>
      `<figure>${pixelImage(item.pixels, item.alt)}<figcaption>${item.caption.map(escapeText).join('<br>')}</figcaption></figure>`,
  );
  return `<div class="gallery">${figures.join('')}</div>`;
}
