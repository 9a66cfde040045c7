import * as tf from '@tensorflow/tfjs';

/**
 * Divides each map of a non-negative batch `[n, 28, 28, 1]` by its own maximum, so its hottest
 * pixel is 1 and 0 still means "no evidence"; an all-zero map stays zero. Call inside tf.tidy.
 */
export function scaleToUnit(maps: tf.Tensor4D): tf.Tensor4D {
  const peak = tf.max(maps, [1, 2, 3], true);
  return tf.divNoNan(maps, peak) as tf.Tensor4D;
}

/** Splits `[n, 28, 28, 1]` values into one Float32Array of 784 per image. */
export function splitMaps(values: Float32Array, count: number): Float32Array[] {
  return Array.from({ length: count }, (_, i) => values.slice(i * 784, (i + 1) * 784));
}
