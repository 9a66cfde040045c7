import { describe, expect, it } from 'vitest';
import { preprocessBitmap, type Bitmap } from './preprocess-bitmap.js';

/** A gray bitmap filled with `background` and a `fill` rectangle [x0, x1) x [y0, y1). */
function grayBitmap(
  width: number,
  height: number,
  background: number,
  fill: number,
  rect: [number, number, number, number],
): Bitmap {
  const data = new Uint8Array(width * height).fill(background);
  const [x0, y0, x1, y1] = rect;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = fill;
  return { width, height, data, channels: 1 };
}

/** The same picture as RGBA, opaque. */
function toRgba(bitmap: Bitmap): Bitmap {
  const data = new Uint8ClampedArray(bitmap.width * bitmap.height * 4);
  bitmap.data.forEach((v, i) => data.set([v, v, v, 255], i * 4));
  return { ...bitmap, data, channels: 4 };
}

/** Bounding box [left, top, right, bottom] of pixels above 0.5, and the centre of mass. */
function describe28(pixels: Float32Array) {
  let left = 28,
    top = 28,
    right = -1,
    bottom = -1,
    mass = 0,
    cx = 0,
    cy = 0;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const v = pixels[y * 28 + x]!;
      mass += v;
      cx += v * x;
      cy += v * y;
      if (v > 0.5) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  return { box: [left, top, right, bottom], centre: [cx / mass, cy / mass] };
}

describe('preprocessBitmap', () => {
  it('inverts a light background so the clothing is bright on black', () => {
    const photo = grayBitmap(100, 100, 240, 20, [35, 10, 65, 90]);
    const pixels = preprocessBitmap(photo);
    expect(pixels).toHaveLength(784);
    expect(pixels[0]).toBe(0); // corner: background
    expect(pixels[14 * 28 + 14]).toBeCloseTo(1); // centre: the shape, at full brightness
  });

  it('keeps a dark background as it is', () => {
    const pixels = preprocessBitmap(grayBitmap(50, 50, 0, 200, [20, 5, 30, 45]));
    expect(pixels[0]).toBe(0);
    expect(pixels[14 * 28 + 14]).toBeCloseTo(1);
  });

  it('centres an off-centre shape and scales its long side to 28', () => {
    const pixels = preprocessBitmap(grayBitmap(200, 200, 0, 255, [5, 10, 45, 30])); // 40 x 20, top-left
    const { box, centre } = describe28(pixels);
    expect(box).toEqual([0, 7, 27, 20]); // 28 x 14: aspect kept
    expect(centre[0]).toBeCloseTo(13.5, 5);
    expect(centre[1]).toBeCloseTo(13.5, 5);
  });

  it('gives the same input for gray and RGBA versions of a picture', () => {
    const gray = grayBitmap(64, 48, 250, 30, [3, 5, 40, 44]);
    expect(preprocessBitmap(toRgba(gray))).toEqual(preprocessBitmap(gray));
  });

  it('treats transparent pixels as background', () => {
    const rgba = toRgba(grayBitmap(30, 30, 0, 0, [0, 0, 0, 0]));
    for (let y = 0; y < 30; y++)
      for (let x = 0; x < 30; x++)
        if (x < 10 || x >= 20 || y < 5 || y >= 25) rgba.data[(y * 30 + x) * 4 + 3] = 0;
    const pixels = preprocessBitmap(rgba); // an opaque black 10x20 card on a transparent sheet
    expect(pixels[0]).toBe(0);
    expect(pixels[14 * 28 + 14]).toBeCloseTo(1);
  });

  it.each([
    ['tiny', 3, 3, [1, 1, 2, 2] as const],
    ['large', 1000, 700, [100, 50, 900, 650] as const],
    ['one row', 40, 1, [10, 0, 30, 1] as const],
  ])('handles a %s bitmap', (_, width, height, rect) => {
    const pixels = preprocessBitmap(grayBitmap(width, height, 0, 255, [...rect]));
    expect(pixels).toHaveLength(784);
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pixels)).toBeCloseTo(1);
  });

  it('averages areas when shrinking: a fine checkerboard becomes even gray', () => {
    const width = 56;
    const data = new Uint8Array(width * width).map((_, i) =>
      ((i % width) + Math.floor(i / width)) % 2 === 0 ? 255 : 0,
    );
    // Dark border so the background is dark and the board is the content.
    const framed = grayBitmap(60, 60, 0, 0, [0, 0, 0, 0]);
    for (let y = 0; y < width; y++)
      for (let x = 0; x < width; x++) framed.data[(y + 2) * 60 + x + 2] = data[y * width + x]!;
    const pixels = preprocessBitmap(framed);
    expect(pixels[14 * 28 + 14]).toBeCloseTo(0.5, 1);
  });

  it('gives all zeros for an image without content', () => {
    expect(preprocessBitmap(grayBitmap(10, 10, 255, 255, [0, 0, 0, 0])).every((v) => v === 0)).toBe(
      true,
    );
  });

  it('rejects data of the wrong length or an empty size', () => {
    expect(() =>
      preprocessBitmap({ width: 2, height: 2, data: new Uint8Array(4), channels: 4 }),
    ).toThrow('needs 16 bytes, got 4');
    expect(() =>
      preprocessBitmap({ width: 0, height: 2, data: new Uint8Array(0), channels: 1 }),
    ).toThrow(RangeError);
  });
});
