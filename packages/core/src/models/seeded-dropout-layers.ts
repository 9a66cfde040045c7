import type * as tf from '@tensorflow/tfjs';
import { seededDropout } from '../kernels/dropout.js';

/** The parts of a tfjs Dropout layer its training path reads (private in the typings). */
interface DropoutInternals {
  rate: number;
  noiseShape?: number[] | null;
  seed?: number;
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[];
}

/** Layers already given the seeded path (a loaded model may be trained more than once). */
const patched = new WeakSet<tf.layers.Layer>();

/**
 * Gives every Dropout layer of `model` a training pass through `seededDropout`: the mask comes
 * from the layer's seed (set before every step by `reseedDropout` or the worker pool) through an
 * integer hash, in one SIMD pass on WASM, instead of tfjs's per-value JavaScript random numbers.
 * Layers without a seed, with a noise shape, and inference stay stock; so does serialization.
 * Call before training (the train steps do).
 */
export function useSeededDropout(model: tf.LayersModel): void {
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Dropout' || patched.has(layer)) continue;
    const internals = layer as unknown as DropoutInternals;
    const stockCall = internals.call.bind(layer);
    internals.call = (inputs, kwargs) => {
      const input = Array.isArray(inputs) ? inputs[0] : inputs;
      const { rate, seed, noiseShape } = internals;
      if (
        kwargs['training'] !== true ||
        input === undefined ||
        seed === undefined ||
        (noiseShape !== undefined && noiseShape !== null) ||
        !(rate > 0 && rate < 1)
      ) {
        return stockCall(inputs, kwargs);
      }
      return seededDropout(input, rate, seed);
    };
    patched.add(layer);
  }
}
