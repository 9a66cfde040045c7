import { describe, expect, it } from 'vitest';
import { heatColor, heatmapRgba } from './heat-colors';

describe('heatColor', () => {
  it.each([
    [0, [0, 0, 64, 64]],
    [255, [255, 255, 224, 255]],
  ])('maps heat %i to the end stop %j', (value, rgba) => {
    expect(heatColor(value)).toEqual(rgba);
  });

  it('gets warmer and more opaque as the heat rises', () => {
    const colors = [0, 64, 128, 192, 255].map(heatColor);
    for (let i = 1; i < colors.length; i++) {
      const [r0, g0, , a0] = colors[i - 1]!;
      const [r1, g1, , a1] = colors[i]!;
      expect(r1 + g1).toBeGreaterThan(r0 + g0);
      expect(a1).toBeGreaterThan(a0);
    }
  });

  it('clamps values outside 0..255', () => {
    expect(heatColor(-5)).toEqual(heatColor(0));
    expect(heatColor(300)).toEqual(heatColor(255));
  });
});

describe('heatmapRgba', () => {
  it('gives four bytes a pixel, each pixel its own colour', () => {
    const rgba = heatmapRgba(Uint8Array.of(0, 255));
    expect([...rgba]).toEqual([...heatColor(0), ...heatColor(255)]);
  });
});
