import type * as tf from '@tensorflow/tfjs';
import { seededDropout } from '../kernels/dropout.js';
import { replaceTrainingCall } from './training-call.js';

/** The parts of a tfjs Dropout layer its training path reads (private in the typings). */
interface DropoutInternals {
  rate: number;
  noiseShape?: number[] | null;
  seed?: number;
}

/**
 * Gives every Dropout layer of `model` a training pass through `seededDropout`: the mask comes
 * from the layer's seed (set before every step by `reseedDropout` or the worker pool) through an
 * integer hash, in one SIMD pass on WASM, instead of tfjs's per-value JavaScript random numbers.
 * Layers without a seed, with a noise shape, and inference stay stock; so does serialization.
 * Call before training (the train steps do).
 */
export function useSeededDropout(model: tf.LayersModel): void {
  replaceTrainingCall<DropoutInternals>(model, 'Dropout', ({ rate, seed, noiseShape }, input) => {
    const plain = seed !== undefined && (noiseShape === undefined || noiseShape === null);
    return plain && rate > 0 && rate < 1 ? seededDropout(input, rate, seed) : undefined;
  });
}
