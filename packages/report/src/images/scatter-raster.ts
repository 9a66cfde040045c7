/** One dot of a scatter raster: its centre in raster pixels and its opaque color. */
export interface RasterDot {
  x: number;
  y: number;
  color: readonly [number, number, number];
}

/**
 * Draws dots as hard-edged opaque discs on a transparent RGBA raster (4 bytes a pixel), in the
 * order given, later dots over earlier ones. No anti-aliasing: flat colors compress to a small PNG
 * and every pixel is exactly a dot's color, which tests can check.
 */
export function scatterRaster(
  width: number,
  height: number,
  dots: readonly RasterDot[],
  radius: number,
): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  const reach = Math.ceil(radius);
  for (const dot of dots) {
    const cx = Math.floor(dot.x);
    const cy = Math.floor(dot.y);
    for (let row = Math.max(0, cy - reach); row <= Math.min(height - 1, cy + reach); row++) {
      for (let col = Math.max(0, cx - reach); col <= Math.min(width - 1, cx + reach); col++) {
        // A pixel belongs to the disc when its centre lies inside it.
        if (Math.hypot(col + 0.5 - dot.x, row + 0.5 - dot.y) > radius) continue;
        const at = (row * width + col) * 4;
        out[at] = dot.color[0];
        out[at + 1] = dot.color[1];
        out[at + 2] = dot.color[2];
        out[at + 3] = 255;
      }
    }
  }
  return out;
}
