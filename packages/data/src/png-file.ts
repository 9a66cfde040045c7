import { strFromU8, zlibSync } from 'fflate';
import { crc32 } from './crc32.js';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * fflate at pinned settings instead of the runtime's zlib: Node's bundled zlib changes between
 * releases (Node 20 and 24 compress the same rows differently), so the same pixels would give
 * other bytes on another Node. `mem` is fixed too, as fflate otherwise sizes it from the input.
 */
const DEFLATE_OPTIONS = { level: 9, mem: 4 } as const;

/** The PNG color types this package writes, with their bytes per pixel at bit depth 8. */
export const PNG_COLOR_TYPES = {
  gray: { code: 0, channels: 1 },
  rgb: { code: 2, channels: 3 },
  rgba: { code: 6, channels: 4 },
} as const;

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
 * An 8-bit PNG of row-major pixels (`channels` bytes each): IHDR, one IDAT, IEND, no filtering.
 * Pure and deterministic; callers check that `pixels` has the right length.
 */
export function encodePng(
  width: number,
  height: number,
  colorType: keyof typeof PNG_COLOR_TYPES,
  pixels: Uint8Array,
): Uint8Array {
  const { code, channels } = PNG_COLOR_TYPES[colorType];
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = code;
  // compression, filter method and interlace stay 0.
  const stride = width * channels;
  const rows = new Uint8Array(height * (stride + 1));
  for (let row = 0; row < height; row++) {
    // Filter type 0 (none) per row: small or mostly flat images compress well enough without it.
    rows.set(pixels.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
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

/** PNG bytes as a `data:image/png;base64,...` URI. */
export function pngDataUri(png: Uint8Array): string {
  // btoa takes one char per byte (latin1); it is global in browsers and in Node.
  return `data:image/png;base64,${btoa(strFromU8(png, true))}`;
}
