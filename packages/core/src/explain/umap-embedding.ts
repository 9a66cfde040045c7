import { createRng } from '@fashion-lab/data';
import { UMAP } from 'umap-js';

/** UMAP's knobs as embedding.json records them. */
export interface UmapParameters {
  nNeighbors: number;
  minDist: number;
  seed: number;
}

/** umap-learn's defaults: 15 neighbours balance local and global structure; 0.1 keeps clusters tight. */
export const DEFAULT_UMAP: Omit<UmapParameters, 'seed'> = { nNeighbors: 15, minDist: 0.1 };

/** Hand the event loop back this often, so a live view keeps drawing during the layout. */
const YIELD_EVERY_MS = 125;

/**
 * Projects `values` (`count * width`, point after point) to 2D with UMAP (umap-js), seeded through
 * its `random` option with the project's PRNG, so the same input and seed give the same map.
 * Returns `count * 2` interleaved x, y.
 */
export async function umapEmbedding(
  values: Float32Array,
  width: number,
  parameters: UmapParameters,
): Promise<Float32Array> {
  const count = values.length / width;
  const rows = Array.from({ length: count }, (_, i) =>
    Array.from(values.subarray(i * width, (i + 1) * width)),
  );
  const rng = createRng(parameters.seed);
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.min(parameters.nNeighbors, count - 1),
    minDist: parameters.minDist,
    random: () => rng.next(),
  });
  const epochs = umap.initializeFit(rows);
  let lastYield = performance.now();
  for (let epoch = 0; epoch < epochs; epoch++) {
    umap.step();
    if (performance.now() - lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
  }
  return Float32Array.from(umap.getEmbedding().flat());
}
