import type * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '@fashion-lab/data';
import { crossEntropyFromProbs } from '../evaluation/evaluate-model.js';
import { predictProbabilities, type Predict } from '../evaluation/predict-probabilities.js';
import { regularizationPenalty } from '../evaluation/regularization-penalty.js';

/** The share of rows of `probabilities` (count x 10) whose most likely class is the label. */
export function accuracyFromProbs(probabilities: Float32Array, labels: Uint8Array): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < 10; c++) {
      if (probabilities[i * 10 + c]! > probabilities[i * 10 + best]!) best = c;
    }
    if (best === labels[i]) correct++;
  }
  return labels.length === 0 ? 0 : correct / labels.length;
}

/**
 * Loss and accuracy of `model` on `set` as Keras's `val_loss` and `val_acc` are: the categorical
 * cross-entropy plus the model's regularization penalty (the one the training loss includes, from
 * the current weights). `predict` computes the probabilities instead of `model` in this thread
 * (e.g. over the training workers, whose trainable weights equal this thread's).
 */
export async function measure(
  model: tf.LayersModel,
  set: ImageSet,
  predict?: Predict,
): Promise<{ loss: number; acc: number }> {
  const probabilities = await (predict ? predict(set) : predictProbabilities(model, set));
  return {
    loss: crossEntropyFromProbs(probabilities, set.labels) + (await regularizationPenalty(model)),
    acc: accuracyFromProbs(probabilities, set.labels),
  };
}
