import * as zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeGrayPng, grayPngDataUri } from './gray-png.js';

/** Splits a PNG into its chunks (type and data), after the 8-byte signature. */
function readChunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks = [];
  for (let offset = 8; offset < png.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

describe('encodeGrayPng', () => {
  const width = 3;
  const height = 2;
  const pixels = Uint8Array.of(0, 128, 255, 10, 20, 30);
  const png = encodeGrayPng(width, height, pixels);

  it('is a PNG that pngjs decodes (checking every CRC) to the same gray pixels', () => {
    const decoded = PNG.sync.read(Buffer.from(png), { checkCRC: true });
    expect([decoded.width, decoded.height, decoded.depth, decoded.colorType]).toEqual([3, 2, 8, 0]);
    // pngjs expands to RGBA: gray g becomes (g, g, g, 255).
    expect([...decoded.data]).toEqual([...pixels].flatMap((gray) => [gray, gray, gray, 255]));
  });

  it('has exactly IHDR, IDAT, IEND, not interlaced', () => {
    const chunks = readChunks(png);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([...chunks[0]!.data.subarray(8)]).toEqual([8, 0, 0, 0, 0]);
  });

  it('stores each row behind a filter byte 0, in a zlib stream zlib inflates', () => {
    const rows = zlib.inflateSync(readChunks(png)[1]!.data);
    expect([...rows]).toEqual([0, 0, 128, 255, 0, 10, 20, 30]);
  });

  it('gives these exact bytes on every runtime (pure-JS deflate at fixed settings)', () => {
    expect(Buffer.from(png).toString('hex')).toBe(
      '89504e470d0a1a0a0000000d4948445200000003000000020800000000b81f39c60000001049444154' +
        '78da636068f8cfc025220700086701bc74669a2f0000000049454e44ae426082',
    );
  });

  it('encodes a full 28x28 image that pngjs reads back', () => {
    const image = Uint8Array.from({ length: 784 }, (_, i) => (i % 28) * 9);
    const decoded = PNG.sync.read(Buffer.from(encodeGrayPng(28, 28, image)));
    expect(decoded.data.filter((_, i) => i % 4 === 0)).toEqual(Buffer.from(image));
  });

  it('rejects a pixel count that does not match the size', () => {
    expect(() => encodeGrayPng(28, 28, new Uint8Array(10))).toThrow(
      'a 28x28 image needs 784 bytes, got 10',
    );
  });
});

describe('grayPngDataUri', () => {
  it('is the PNG as a base64 data URI', () => {
    const pixels = Uint8Array.from({ length: 784 }, (_, i) => (i * 7) & 0xff);
    const uri = grayPngDataUri(28, 28, pixels);
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    const base64 = uri.slice('data:image/png;base64,'.length);
    expect(new Uint8Array(Buffer.from(base64, 'base64'))).toEqual(encodeGrayPng(28, 28, pixels));
    expect(Buffer.from(base64, 'base64').toString('base64')).toBe(base64);
  });
});
