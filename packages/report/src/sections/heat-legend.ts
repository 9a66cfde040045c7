import { rgb } from 'd3';
import { HEAT_COLORS } from '../images/heat-overlay.js';

const STEPS = 16;

/** The heat color scale as a small SVG strip, cold to hot, for the galleries' heatmaps. */
export function heatLegend(): string {
  const width = 10;
  const rects = Array.from({ length: STEPS }, (_, step) => {
    const [r, g, b] = HEAT_COLORS[Math.round((step / (STEPS - 1)) * 255)]!;
    return `<rect x="${40 + step * width}" y="2" width="${width}" height="12" fill="${rgb(r, g, b).formatHex()}"/>`;
  }).join('');
  const right = 40 + STEPS * width;
  return (
    `<svg class="heat-legend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${right + 40} 16" width="${right + 40}" height="16" role="img">` +
    `<title>Heat color scale</title><desc>Heatmap colors from cold (no attention) to hot (the pixels that decided the class).</desc>` +
    `<text x="34" y="12" text-anchor="end">cold</text>${rects}<text x="${right + 6}" y="12">hot</text></svg>`
  );
}
