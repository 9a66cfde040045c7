import type * as tf from '@tensorflow/tfjs';

/** Where fresh dropout seeds come from: the run's seeded generator (data's `Rng` fits). */
export interface SeedSource {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number;
}

/**
 * Gives every Dropout layer a fresh seed drawn from rng; call before each training step. A tfjs
 * Dropout layer with a fixed seed draws the same mask on every call, and one without a seed uses
 * Math.random (not reproducible). The layers stay stock Dropout, so saved models load anywhere.
 */
export function reseedDropout(model: tf.LayersModel, rng: SeedSource): void {
  for (const layer of model.layers) {
    if (layer.getClassName() === 'Dropout') {
      (layer as unknown as { seed: number | undefined }).seed = rng.nextUint32();
    }
  }
}
