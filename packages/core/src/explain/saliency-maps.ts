import * as tf from '@tensorflow/tfjs';
import { normalizeImages } from '@fashion-lab/data';
import { gradCam } from './grad-cam.js';
import { splitMaps } from './heatmap-scale.js';
import { DEFAULT_SMOOTH_GRAD, smoothGrad, type SmoothGradParameters } from './smooth-grad.js';

/** The saliency methods: Grad-CAM needs a convolution; SmoothGrad works for every model. */
export const SALIENCY_METHODS = ['grad-cam', 'smoothgrad'] as const;
export type SaliencyMethod = (typeof SALIENCY_METHODS)[number];

export interface SaliencyOptions {
  method: SaliencyMethod;
  /** The class to explain, one per image; default: the class the model predicts. */
  classes?: ArrayLike<number>;
  /** SmoothGrad's copies, noise and seed (defaults: DEFAULT_SMOOTH_GRAD, seed 0). */
  smoothGrad?: Partial<SmoothGradParameters>;
}

/** Images per pass: bounds memory (SmoothGrad keeps a batch's gradients per copy). */
const BATCH = 64;

/**
 * 28x28 heatmaps in [0, 1] (one Float32Array of 784 per image, row after row) saying where
 * `model` looked for each image's class. `images` are `count * 784` bytes as in the dataset.
 * Pure tfjs, so a browser computes them too; no tensors are left behind.
 */
export async function saliencyMaps(
  model: tf.LayersModel,
  images: Uint8Array,
  options: SaliencyOptions,
): Promise<Float32Array[]> {
  const count = images.length / 784;
  if (!Number.isInteger(count)) {
    throw new RangeError(`saliencyMaps: ${images.length} bytes are not whole 28x28 images`);
  }
  if (options.classes !== undefined && options.classes.length !== count) {
    throw new RangeError(`saliencyMaps: ${options.classes.length} classes for ${count} images`);
  }
  const parameters = { ...DEFAULT_SMOOTH_GRAD, seed: 0, ...options.smoothGrad };
  const maps: Float32Array[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const pixels = normalizeImages(images.subarray(start * 784, (start + size) * 784));
    const chosen = options.classes
      ? Int32Array.from(Array.from(options.classes).slice(start, start + size))
      : undefined;
    const heat = tf.tidy(() => {
      const batch = tf.tensor4d(pixels, [size, 28, 28, 1]);
      const classes = chosen
        ? tf.tensor1d(chosen, 'int32')
        : tf.argMax(model.predict(batch) as tf.Tensor, 1).toInt();
      return options.method === 'grad-cam'
        ? gradCam(model, batch, classes as tf.Tensor1D)
        : // Each batch draws its noise from the seed plus its first index: same images, same maps.
          smoothGrad(model, batch, classes as tf.Tensor1D, {
            ...parameters,
            seed: parameters.seed + start,
          });
    });
    try {
      maps.push(...splitMaps((await heat.data()) as Float32Array, size));
    } finally {
      heat.dispose();
    }
  }
  return maps;
}
