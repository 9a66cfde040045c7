import { encodePng, pngDataUri } from './png-file.js';

/**
 * Encodes an 8-bit grayscale image (row-major bytes, 0 black .. 255 white) as a PNG file.
 * Pure and deterministic: the same pixels give the same bytes on every runtime, browser included.
 */
export function encodeGrayPng(width: number, height: number, pixels: Uint8Array): Uint8Array {
  if (pixels.length !== width * height) {
    throw new RangeError(
      `a ${width}x${height} image needs ${width * height} bytes, got ${pixels.length}`,
    );
  }
  return encodePng(width, height, 'gray', pixels);
}

/** A grayscale image as a `data:image/png;base64,...` URI, for an <img> in a page or report. */
export function grayPngDataUri(width: number, height: number, pixels: Uint8Array): string {
  return pngDataUri(encodeGrayPng(width, height, pixels));
}
