import type * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '@fashion-lab/data';
import type { Evaluation } from '@fashion-lab/run';
import { evaluatePredictions } from './evaluate-predictions.js';
import { predictProbabilities, type Predict } from './predict-probabilities.js';
import { regularizationPenalty } from './regularization-penalty.js';

/** Keras's epsilon: probabilities are clipped to [1e-7, 1 - 1e-7] before the log. */
const EPSILON = 1e-7;

/**
 * Categorical cross-entropy of `probs` (`n * 10`) against integer labels, as Keras computes it
 * from a softmax output: the mean of -log(clip(p[label])).
 */
export function crossEntropyFromProbs(probs: Float32Array, labels: Uint8Array): number {
  if (labels.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i * 10 + labels[i]!]!;
    sum -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, p)));
  }
  return sum / labels.length;
}

/**
 * Runs `model` over the whole test set in batches of 1000 (no tensors left behind) and evaluates
 * it: loss (cross-entropy plus the regularization penalty, as Keras's `evaluate` reports it, so it
 * compares with `val_loss`), accuracy, confusion matrix, per-class scores, predictions and gallery
 * samples. `predict` computes the probabilities instead (e.g. split over the training workers).
 */
export async function evaluateModel(
  model: tf.LayersModel,
  test: ImageSet,
  predict?: Predict,
): Promise<Evaluation> {
  const probs = await (predict ? predict(test) : predictProbabilities(model, test));
  return evaluatePredictions(
    probs,
    test.labels,
    test.images,
    crossEntropyFromProbs(probs, test.labels) + (await regularizationPenalty(model)),
  );
}
