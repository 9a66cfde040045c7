import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeGrayPng, sampleImageUri } from './gray-png';

/** Reads the chunks of a PNG back, checking each CRC against zlib's reference implementation. */
function readChunks(png: Buffer): { type: string; data: Buffer }[] {
  const chunks: { type: string; data: Buffer }[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    expect(crc).toBe(crc32Reference(png.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data });
    offset += 12 + length;
  }
  return chunks;
}

/** Bitwise CRC-32 (no table), an independent reference for the encoder's table version. */
function crc32Reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('encodeGrayPng', () => {
  it('writes signature, IHDR, IDAT and IEND with the pixels row by row', () => {
    const pixels = Uint8Array.from([0, 64, 128, 255, 1, 2]);
    const png = encodeGrayPng(pixels, 3, 2);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = chunks[0]!.data;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([
      3, 2, 8, 0,
    ]);
    expect([...inflateSync(chunks[1]!.data)]).toEqual([0, 0, 64, 128, 0, 255, 1, 2]);
  });

  it('rejects a pixel count that does not match the size', () => {
    expect(() => encodeGrayPng(new Uint8Array(5), 3, 2)).toThrow(
      /expected 6 pixels for 3x2, got 5/,
    );
  });
});

describe('sampleImageUri', () => {
  it('turns base64 pixels of a 28x28 sample into a PNG data URI', () => {
    const pixels = Buffer.alloc(784, 200).toString('base64');
    const uri = sampleImageUri(pixels);
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64');
    const idat = readChunks(png).find((c) => c.type === 'IDAT')!;
    const rows = inflateSync(idat.data);
    expect(rows.length).toBe(29 * 28);
    expect(rows[1]).toBe(200);
  });
});
