import * as tf from '@tensorflow/tfjs';
import type { ModelWeights } from '@fashion-lab/run';

/**
 * A copy of `model`'s weights as bytes, named as `model.save` names them (so they match the
 * model's own weightSpecs); use it to keep a set of weights apart from the model, off the backend.
 */
export async function copyModelWeights(model: tf.LayersModel): Promise<ModelWeights> {
  const named = model.weights.map((weight) => ({
    name: weight.originalName,
    tensor: weight.read(),
  }));
  const { data, specs } = await tf.io.encodeWeights(named);
  return { weightSpecs: specs, weightData: data };
}

/** Puts weights from `copyModelWeights` back into `model` (of the same architecture), by name. */
export function loadModelWeights(model: tf.LayersModel, weights: ModelWeights): void {
  const decoded = tf.io.decodeWeights(weights.weightData, weights.weightSpecs);
  try {
    // Strict: every weight of the model must be there, and nothing else.
    model.loadWeights(decoded);
  } finally {
    // The model's variables keep the values (they share the data, which stays alive).
    tf.dispose(Object.values(decoded));
  }
}
