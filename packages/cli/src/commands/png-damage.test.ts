import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { pngDamage, PNG_SIGNATURE } from './png-damage.js';

/** A whole 3x2 PNG, as pngjs writes it. */
function wholePng(): Uint8Array {
  const png = new PNG({ width: 3, height: 2 });
  png.data.fill(200);
  return new Uint8Array(PNG.sync.write(png));
}

/** The byte offset where the chunk of `type` starts (its length field). */
function chunkAt(bytes: Uint8Array, type: string): number {
  const text = Buffer.from(bytes).toString('latin1');
  return text.indexOf(type) - 4;
}

describe('pngDamage', () => {
  it('finds nothing wrong with a whole PNG', () => {
    expect(pngDamage(wholePng())).toBeUndefined();
  });

  it('says a file cut off inside its image data is cut off, naming the chunk', () => {
    const bytes = wholePng();
    const cut = bytes.subarray(0, chunkAt(bytes, 'IDAT') + 12);
    expect(pngDamage(cut)).toBe('it is cut off (the file ends inside its IDAT chunk)');
    // pngjs's own message for the same file names its stream internals.
    expect(() => PNG.sync.read(Buffer.from(cut))).toThrow();
  });

  it('says a file without its end marker is cut off', () => {
    const bytes = wholePng();
    expect(pngDamage(bytes.subarray(0, chunkAt(bytes, 'IEND')))).toBe(
      'it is cut off (no IEND chunk at the end)',
    );
  });

  it('finds a flipped byte in the image data by its checksum', () => {
    const bytes = wholePng().slice();
    bytes[chunkAt(bytes, 'IDAT') + 9]! ^= 0xff;
    expect(pngDamage(bytes)).toBe('its IDAT chunk is corrupted (the checksum does not match)');
  });

  it.each([
    [[...PNG_SIGNATURE], 'it has nothing after the PNG signature'],
    [[...PNG_SIGNATURE, 0, 0], 'it is cut off (the file ends inside a chunk header)'],
    [
      [...PNG_SIGNATURE, 0, 0, 0, 1, 0x49, 0x2a, 0, 0, 7],
      'it holds something that is not a PNG chunk at byte 8',
    ],
    [
      [...PNG_SIGNATURE, ...Buffer.from(' garbage here')],
      'it does not start with the IHDR header chunk',
    ],
  ])('describes %j without the PNG library', (bytes, problem) => {
    expect(pngDamage(new Uint8Array(bytes))).toBe(problem);
  });
});
