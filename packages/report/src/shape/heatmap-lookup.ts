import { decodeBase64, EXPLAIN_METHODS } from '@fashion-lab/run';
import type { Explain, Heatmap } from '../run-types.js';

/** The heatmaps of explain.json by test image, class and method, indexed once. */
export interface HeatmapLookup {
  /** The methods the file has heatmaps of, in EXPLAIN_METHODS order (Grad-CAM first). */
  methods: Heatmap['method'][];
  /** The 784 heat bytes of test image `index` for `klass` by `method`, if the file has them. */
  get(index: number, klass: number, method: Heatmap['method']): Uint8Array | undefined;
}

/** Indexes explain.json's heatmaps; the first of duplicates wins, as a reader would expect. */
export function heatmapLookup(explain: Explain): HeatmapLookup {
  const byKey = new Map<string, string>();
  for (const heatmap of explain.heatmaps) {
    const key = `${heatmap.index}:${heatmap.class}:${heatmap.method}`;
    if (!byKey.has(key)) byKey.set(key, heatmap.pixels);
  }
  const present = new Set(explain.heatmaps.map((heatmap) => heatmap.method));
  return {
    methods: EXPLAIN_METHODS.filter((method) => present.has(method)),
    get(index, klass, method) {
      const pixels = byKey.get(`${index}:${klass}:${method}`);
      return pixels === undefined ? undefined : decodeBase64(pixels);
    },
  };
}
