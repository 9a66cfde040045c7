import { encodePng, pngDataUri } from './png-file.js';

/** Bytes per pixel of the two color layouts: red, green, blue and, with alpha, opacity. */
export type ColorLayout = 'rgb' | 'rgba';

/**
 * Encodes an 8-bit color image (row-major, 3 bytes a pixel for `rgb`, 4 for `rgba` with straight
 * alpha) as a PNG file. Pure and deterministic like encodeGrayPng: same pixels, same bytes anywhere.
 */
export function encodeColorPng(
  width: number,
  height: number,
  pixels: Uint8Array,
  layout: ColorLayout = 'rgb',
): Uint8Array {
  const channels = layout === 'rgb' ? 3 : 4;
  if (pixels.length !== width * height * channels) {
    throw new RangeError(
      `a ${width}x${height} ${layout.toUpperCase()} image needs ${width * height * channels} bytes (${channels} a pixel), got ${pixels.length}`,
    );
  }
  return encodePng(width, height, layout, pixels);
}

/** A color image as a `data:image/png;base64,...` URI, for an <img> or an SVG <image>. */
export function colorPngDataUri(
  width: number,
  height: number,
  pixels: Uint8Array,
  layout: ColorLayout = 'rgb',
): string {
  return pngDataUri(encodeColorPng(width, height, pixels, layout));
}
