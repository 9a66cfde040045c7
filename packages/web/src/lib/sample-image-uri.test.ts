import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sampleImageUri } from './sample-image-uri';

/** The data of the IDAT chunk of a PNG with one IDAT (as the encoder writes). */
function idatOf(png: Buffer): Buffer {
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT') {
      return png.subarray(offset + 8, offset + 8 + length);
    }
    offset += 12 + length;
  }
  throw new Error('no IDAT chunk');
}

describe('sampleImageUri', () => {
  it('turns base64 pixels of a 28x28 sample into a PNG data URI of those pixels', () => {
    const pixels = Buffer.from(Array.from({ length: 784 }, (_, i) => i % 251));
    const uri = sampleImageUri(pixels.toString('base64'));
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64');
    const rows = inflateSync(idatOf(png));
    expect(rows.length).toBe(29 * 28);
    // Each row is a filter byte (0) and then the row's 28 pixels.
    const withoutFilterBytes = rows.filter((_, i) => i % 29 !== 0);
    expect(withoutFilterBytes).toEqual(pixels);
  });
});
