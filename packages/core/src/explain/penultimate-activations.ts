import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, normalizeImages, type ImageSet } from '@fashion-lab/data';
import { applyLayers, chainLayers } from './model-layers.js';

/** The activations of one layer for a set of images: `count * width` values, image after image. */
export interface LayerActivations {
  layer: string;
  width: number;
  values: Float32Array;
}

const BATCH = 500;

/**
 * The activations of the layer before the model's output layer (for our models the last hidden
 * Dense: 64 to 256 values) for every image of `set`, in batches, no tensors left behind. A Dropout
 * in between is skipped when naming the layer: in inference it passes its input through.
 */
export async function penultimateActivations(
  model: tf.LayersModel,
  set: ImageSet,
): Promise<LayerActivations> {
  const layers = chainLayers(model).slice(0, -1);
  while (layers.length > 1 && layers.at(-1)?.getClassName() === 'Dropout') layers.pop();
  const layer = layers.at(-1);
  if (layer === undefined) throw new Error(`model "${model.name}" has no hidden layer`);
  const width = (layer.outputShape as (number | null)[])
    .slice(1)
    .reduce<number>((product, dim) => product * (dim ?? 1), 1);
  const values = new Float32Array(set.count * width);
  for (let start = 0; start < set.count; start += BATCH) {
    const size = Math.min(BATCH, set.count - start);
    const pixels = normalizeImages(
      set.images.subarray(start * IMAGE_PIXELS, (start + size) * IMAGE_PIXELS),
    );
    const output = tf.tidy(() =>
      applyLayers(layers, tf.tensor4d(pixels, [size, 28, 28, 1])).reshape([size, width]),
    );
    try {
      values.set((await output.data()) as Float32Array, start * width);
    } finally {
      output.dispose();
    }
  }
  return { layer: layer.name, width, values };
}
