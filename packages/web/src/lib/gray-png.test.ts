import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sampleImageUri } from './gray-png';

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
