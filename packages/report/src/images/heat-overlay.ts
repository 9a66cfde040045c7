import { interpolateTurbo, rgb } from 'd3';

/**
 * How much of the heat color covers the image: half, as Grad-CAM's own figures blend, so the
 * garment stays readable under the cold blue and the hot red still stands out.
 */
export const HEAT_OPACITY = 0.5;

/** The color of each heat byte (0 cold .. 255 hot) on d3's Turbo scale, as [r, g, b]. */
export const HEAT_COLORS: readonly (readonly [number, number, number])[] = Array.from(
  { length: 256 },
  (_, value) => {
    const color = rgb(interpolateTurbo(value / 255));
    return [color.r, color.g, color.b] as const;
  },
);

/**
 * A grayscale image with its heatmap blended over it, as RGB bytes (3 a pixel): each channel is
 * round((1 - HEAT_OPACITY) * gray + HEAT_OPACITY * heat color). Both inputs are 784 bytes.
 */
export function heatOverlay(image: Uint8Array, heat: Uint8Array): Uint8Array {
  if (image.length !== heat.length) {
    throw new RangeError(
      `a heatmap of ${heat.length} bytes does not fit an image of ${image.length}`,
    );
  }
  const out = new Uint8Array(image.length * 3);
  for (let i = 0; i < image.length; i++) {
    const gray = image[i]!;
    const color = HEAT_COLORS[heat[i]!]!;
    for (let channel = 0; channel < 3; channel++) {
      out[i * 3 + channel] = Math.round((1 - HEAT_OPACITY) * gray + HEAT_OPACITY * color[channel]!);
    }
  }
  return out;
}
