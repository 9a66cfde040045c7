import type { Explain } from '@fashion-lab/run';

/** The heatmaps of one test image, by the class they explain (base64 of 784 bytes each). */
export type HeatmapsByClass = ReadonlyMap<number, string>;

/**
 * explain.json's heatmaps grouped by test image, one per class: Grad-CAM where the run has it (the
 * CNNs), else SmoothGrad, as the run chose.
 */
export function heatmapsByImage(explain: Explain): Map<number, Map<number, string>> {
  const byImage = new Map<number, Map<number, string>>();
  for (const heatmap of explain.heatmaps) {
    const classes = byImage.get(heatmap.index) ?? new Map<number, string>();
    if (heatmap.method === 'grad-cam' || !classes.has(heatmap.class)) {
      classes.set(heatmap.class, heatmap.pixels);
    }
    byImage.set(heatmap.index, classes);
  }
  return byImage;
}
