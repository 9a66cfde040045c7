import * as tf from '@tensorflow/tfjs';
import { createRng } from '@fashion-lab/data';
import { scaleToUnit } from './heatmap-scale.js';
import { chainLayers, classScores } from './model-layers.js';

/** How SmoothGrad averages: `samples` noisy copies with Gaussian noise of std `noise`, seeded. */
export interface SmoothGradParameters {
  samples: number;
  /** Standard deviation of the noise, in pixel units (images are 0..1). */
  noise: number;
  seed: number;
}

/** The paper's 10-20% of the input range, and enough copies for a steady map on 28x28 images. */
export const DEFAULT_SMOOTH_GRAD: Omit<SmoothGradParameters, 'seed'> = { samples: 16, noise: 0.15 };

/** `count` standard normal values from the project's PRNG (Box-Muller). */
function normals(count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const angle = 2 * Math.PI * rng.next();
    values[i] = radius * Math.cos(angle);
    if (i + 1 < count) values[i + 1] = radius * Math.sin(angle);
  }
  return values;
}

/**
 * SmoothGrad (Smilkov et al. 2017) of gradient x input for a batch `[n, 28, 28, 1]` of normalized
 * images, one class each: the mean over noisy copies of the class score's gradient times the noisy
 * input, then its positive part, scaled to [0, 1]. The positive part, not the absolute value:
 * the map shows what speaks for the class, so a mistake's "predicted" and "true" maps differ,
 * where absolute values would mark pixels that argue against a class as hot too.
 * Returns a new tensor `[n, 28, 28, 1]`; call inside tf.tidy. The same seed gives the same maps.
 */
export function smoothGrad(
  model: tf.LayersModel,
  images: tf.Tensor4D,
  classes: tf.Tensor1D,
  parameters: SmoothGradParameters,
): tf.Tensor4D {
  const layers = chainLayers(model);
  const chosen = tf.oneHot(classes, 10);
  const score = (x: tf.Tensor): tf.Scalar => tf.sum(tf.mul(classScores(layers, x), chosen));
  const gradient = tf.grad(score);
  const noise = normals(images.size * parameters.samples, parameters.seed);
  let sum: tf.Tensor = tf.zerosLike(images);
  for (let copy = 0; copy < parameters.samples; copy++) {
    const next = tf.tidy(() => {
      const offset = noise.subarray(copy * images.size, (copy + 1) * images.size);
      const noisy = tf.add(images, tf.tensor(offset, images.shape));
      return tf.add(sum, tf.mul(gradient(noisy), noisy));
    });
    sum.dispose();
    sum = next;
  }
  return scaleToUnit(tf.relu(tf.div(sum, parameters.samples)) as tf.Tensor4D);
}
