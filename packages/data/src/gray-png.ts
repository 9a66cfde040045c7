import { strFromU8, zlibSync } from 'fflate';
import { crc32 } from './crc32.js';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * fflate at pinned settings instead of the runtime's zlib: Node's bundled zlib changes between
 * releases (Node 20 and 24 compress the same rows differently), so the same pixels would give
 * other bytes on another Node. `mem` is fixed too, as fflate otherwise sizes it from the input.
 */
const DEFLATE_OPTIONS = { level: 9, mem: 4 } as const;

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

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
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 0; // color type: grayscale
  // compression, filter method and interlace stay 0.
  const rows = new Uint8Array(height * (width + 1));
  for (let row = 0; row < height; row++) {
    // Filter type 0 (none) per row: these tiny images compress well enough without filtering.
    rows.set(pixels.subarray(row * width, (row + 1) * width), row * (width + 1) + 1);
  }
  const parts = [
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', zlibSync(rows, DEFLATE_OPTIONS)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A grayscale image as a `data:image/png;base64,...` URI, for an <img> in a page or report. */
export function grayPngDataUri(width: number, height: number, pixels: Uint8Array): string {
  // btoa takes one char per byte (latin1); it is global in browsers and in Node.
  return `data:image/png;base64,${btoa(strFromU8(encodeGrayPng(width, height, pixels), true))}`;
}
