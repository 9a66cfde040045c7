import { interpolateTurbo, rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { HEAT_COLORS, HEAT_OPACITY, heatOverlay } from './heat-overlay.js';

describe('heatOverlay', () => {
  it('colors heat on d3’s Turbo scale: 0 the scale’s cold end, 255 its hot end', () => {
    const turbo = (t: number) => {
      const color = rgb(interpolateTurbo(t));
      return [color.r, color.g, color.b];
    };
    expect(HEAT_COLORS).toHaveLength(256);
    expect(HEAT_COLORS[0]).toEqual(turbo(0));
    expect(HEAT_COLORS[128]).toEqual(turbo(128 / 255));
    expect(HEAT_COLORS[255]).toEqual(turbo(1));
  });

  it('blends the heat color over the gray image at half opacity, channel by channel', () => {
    expect(HEAT_OPACITY).toBe(0.5);
    const image = Uint8Array.of(0, 255, 100);
    const heat = Uint8Array.of(255, 0, 128);
    const [hot, cold, middle] = [HEAT_COLORS[255]!, HEAT_COLORS[0]!, HEAT_COLORS[128]!];
    expect([...heatOverlay(image, heat)]).toEqual([
      ...hot.map((channel) => Math.round(channel / 2)),
      ...cold.map((channel) => Math.round((255 + channel) / 2)),
      ...middle.map((channel) => Math.round((100 + channel) / 2)),
    ]);
  });

  it('refuses a heatmap of another size than the image', () => {
    expect(() => heatOverlay(new Uint8Array(784), new Uint8Array(783))).toThrow(
      'a heatmap of 783 bytes does not fit an image of 784',
    );
  });
});
