import type * as tf from '@tensorflow/tfjs';
import { seededDropout } from '../kernels/dropout.js';
import { dropoutFields, replaceTrainingCall } from '../tfjs-internals.js';

/**
 * Gives every Dropout layer of `model` a training pass through `seededDropout`: the mask comes
 * from the layer's seed (set before every step by `reseedDropout` or `setDropoutSeeds`) through an
 * integer hash, in one SIMD pass on WASM, instead of tfjs's per-value JavaScript random numbers.
 * Layers without a seed, with a noise shape, and inference stay stock; so does serialization.
 * Call before training (core's train steps do).
 */
export function useSeededDropout(model: tf.LayersModel): void {
  replaceTrainingCall(model, 'Dropout', (layer, input) => {
    const fields = dropoutFields(layer);
    if (fields === undefined) return undefined;
    const { rate, seed, noiseShape } = fields;
    const plain = seed !== undefined && noiseShape === undefined;
    return plain && rate > 0 && rate < 1 ? seededDropout(input, rate, seed) : undefined;
  });
}
