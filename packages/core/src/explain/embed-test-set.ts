import type * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '@fashion-lab/data';
import { encodePoints, type Embedding, type Evaluation } from '@fashion-lab/run';
import { penultimateActivations } from './penultimate-activations.js';
import { DEFAULT_UMAP, umapEmbedding, type UmapParameters } from './umap-embedding.js';

/**
 * embedding.json for a run: the penultimate activations of every image of `test` mapped to 2D with
 * seeded UMAP, in test-set order, with the evaluation's predicted classes when given (so a view
 * marks mistakes without reading evaluation.json). Pure tfjs and umap-js.
 */
export async function embedTestSet(
  model: tf.LayersModel,
  test: ImageSet,
  options: Partial<UmapParameters> & {
    seed: number;
    predictions?: Evaluation['predictions'] | undefined;
  },
): Promise<Embedding> {
  const started = performance.now();
  const parameters = { ...DEFAULT_UMAP, ...options };
  const activations = await penultimateActivations(model, test);
  const points = await umapEmbedding(activations.values, activations.width, parameters);
  return {
    method: 'umap',
    seed: parameters.seed,
    layer: activations.layer,
    width: activations.width,
    n: test.count,
    nNeighbors: parameters.nNeighbors,
    minDist: parameters.minDist,
    points: encodePoints(points),
    ...(options.predictions === undefined ? {} : { predicted: options.predictions }),
    seconds: (performance.now() - started) / 1000,
  };
}
