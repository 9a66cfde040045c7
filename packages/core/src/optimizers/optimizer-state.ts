import * as tf from '@tensorflow/tfjs';
import type { OptimizerState } from '@fashion-lab/run';

/** Thrown when saved optimizer state cannot be read back. */
export class OptimizerStateError extends Error {
  override name = 'OptimizerStateError';
}

/**
 * The optimizer's slots (iterations, moments, accumulators) serialized with tfjs's own weight
 * encoding, in the optimizer's weight order; works for every optimizer `createOptimizer` makes.
 */
export async function getOptimizerState(optimizer: tf.Optimizer): Promise<OptimizerState> {
  const weights = await optimizer.getWeights();
  const { data, specs } = await tf.io.encodeWeights(weights);
  // Values made just for saving (tfjs's `iter`, Nadam's `m_schedule`) are not the optimizer's own.
  for (const weight of weights) {
    if (!(weight.tensor instanceof tf.Variable)) weight.tensor.dispose();
  }
  return { weightSpecs: specs, weightData: data };
}

/**
 * Puts state from `getOptimizerState` back into a fresh optimizer of the same kind and config, so
 * its next step is the one the saved optimizer would have taken. Call after `model.compile`.
 */
export async function setOptimizerState(
  optimizer: tf.Optimizer,
  state: OptimizerState,
): Promise<void> {
  const names = state.weightSpecs.map((spec) => spec.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new OptimizerStateError(`optimizer state: weight '${duplicate}' appears twice`);
  }
  const decoded = tf.io.decodeWeights(state.weightData, state.weightSpecs);
  const weights = names.map((name) => {
    const tensor = decoded[name];
    if (tensor === undefined)
      throw new OptimizerStateError(`optimizer state: weight '${name}' has no data`);
    return { name, tensor };
  });
  try {
    await optimizer.setWeights(weights);
  } finally {
    // The optimizer keeps its own variables (they share the data, which stays alive).
    tf.dispose(weights.map((weight) => weight.tensor));
  }
}
