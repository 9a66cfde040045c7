/** Stops of the heat colour map, cold to hot: transparent-dark blue, red, yellow, white. */
const STOPS: readonly (readonly [number, number, number])[] = [
  [0, 0, 64],
  [160, 0, 96],
  [232, 64, 0],
  [255, 200, 0],
  [255, 255, 224],
];

/** The RGBA colour of heat `value` (0..255): a ramp through STOPS, alpha rising with the heat. */
export function heatColor(value: number): [number, number, number, number] {
  const heat = Math.min(255, Math.max(0, value));
  const t = (heat / 255) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - i;
  const a = STOPS[i]!;
  const b = STOPS[i + 1]!;
  const mix = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f);
  // Cold pixels stay see-through so the garment shows where the model did not look.
  return [mix(0), mix(1), mix(2), Math.round(64 + (191 * heat) / 255)];
}

/** A heatmap's bytes as canvas RGBA (4 bytes a pixel), ready for `new ImageData`. */
export function heatmapRgba(heat: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(heat.length * 4);
  heat.forEach((value, i) => rgba.set(heatColor(value), i * 4));
  return rgba;
}
