import type * as tf from '@tensorflow/tfjs';
import { setDropoutSeed } from '../tfjs-internals.js';

/** Where fresh dropout seeds come from: the run's seeded generator (data's `Rng` fits). */
export interface SeedSource {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number;
}

function dropoutLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((layer) => layer.getClassName() === 'Dropout');
}

/** How many Dropout layers `model` has: the number of seeds `setDropoutSeeds` takes. */
export function dropoutLayerCount(model: tf.LayersModel): number {
  return dropoutLayers(model).length;
}

/**
 * Gives the Dropout layers of `model`, in layer order, the seeds of their next training call
 * (one per layer; a data-parallel replica draws them elsewhere and passes them in).
 */
export function setDropoutSeeds(model: tf.LayersModel, seeds: readonly number[]): void {
  const layers = dropoutLayers(model);
  if (seeds.length !== layers.length) {
    throw new RangeError(
      `setDropoutSeeds: got ${seeds.length} dropout seeds for ${layers.length} Dropout layers`,
    );
  }
  layers.forEach((layer, index) => setDropoutSeed(layer, seeds[index]!));
}

/**
 * Gives every Dropout layer a fresh seed drawn from rng, in layer order; call before each training
 * step. A tfjs Dropout layer with a fixed seed draws the same mask on every call, and one without
 * a seed uses Math.random (not reproducible). The layers stay stock Dropout, so saved models load
 * anywhere.
 */
export function reseedDropout(model: tf.LayersModel, rng: SeedSource): void {
  for (const layer of dropoutLayers(model)) setDropoutSeed(layer, rng.nextUint32());
}
