import * as zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { colorPngDataUri, encodeColorPng } from './color-png.js';

describe('encodeColorPng', () => {
  // A 2x2 image: red, green / blue, white.
  const rgb = Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255);

  it('writes RGB pixels that pngjs decodes (checking every CRC) to the same colors', () => {
    const decoded = PNG.sync.read(Buffer.from(encodeColorPng(2, 2, rgb)), { checkCRC: true });
    expect([decoded.width, decoded.height, decoded.depth, decoded.colorType]).toEqual([2, 2, 8, 2]);
    // pngjs expands to RGBA: an opaque pixel gets alpha 255.
    expect([...decoded.data]).toEqual([
      ...[255, 0, 0, 255, 0, 255, 0, 255],
      ...[0, 0, 255, 255, 255, 255, 255, 255],
    ]);
  });

  it('writes RGBA pixels with their straight alpha, transparent ones included', () => {
    const rgba = Uint8Array.of(10, 20, 30, 0, 200, 100, 50, 128);
    const png = encodeColorPng(2, 1, rgba, 'rgba');
    const decoded = PNG.sync.read(Buffer.from(png), { checkCRC: true });
    expect(decoded.colorType).toBe(6);
    expect([...decoded.data]).toEqual([...rgba]);
  });

  it('stores each row behind a filter byte 0, in a zlib stream zlib inflates', () => {
    const png = encodeColorPng(2, 2, rgb);
    // The IDAT chunk follows the signature (8 bytes) and IHDR (25 bytes).
    const length = new DataView(png.buffer, png.byteOffset).getUint32(33);
    const rows = zlib.inflateSync(png.subarray(41, 41 + length));
    expect([...rows]).toEqual([0, ...rgb.subarray(0, 6), 0, ...rgb.subarray(6)]);
  });

  it('gives the same bytes for the same pixels, other bytes for other pixels', () => {
    const other = Uint8Array.from(rgb, (value, i) => (i === 0 ? 254 : value));
    expect(encodeColorPng(2, 2, rgb)).toEqual(encodeColorPng(2, 2, Uint8Array.from(rgb)));
    expect(encodeColorPng(2, 2, other)).not.toEqual(encodeColorPng(2, 2, rgb));
  });

  it.each([
    ['rgb', 11, 'a 2x2 RGB image needs 12 bytes (3 a pixel), got 11'],
    ['rgba', 12, 'a 2x2 RGBA image needs 16 bytes (4 a pixel), got 12'],
  ] as const)('rejects a %s pixel count that does not match the size', (layout, bytes, message) => {
    expect(() => encodeColorPng(2, 2, new Uint8Array(bytes), layout)).toThrow(message);
  });
});

describe('colorPngDataUri', () => {
  it('is the PNG as a base64 data URI', () => {
    const pixels = Uint8Array.from({ length: 28 * 28 * 3 }, (_, i) => (i * 7) & 0xff);
    const uri = colorPngDataUri(28, 28, pixels);
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    const bytes = Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64');
    expect(new Uint8Array(bytes)).toEqual(encodeColorPng(28, 28, pixels));
  });
});
