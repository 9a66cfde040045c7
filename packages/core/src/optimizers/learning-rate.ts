import type * as tf from '@tensorflow/tfjs';
import { learningRateField, setLearningRateField } from '@fashion-lab/tfjs-wasm-training';

/**
 * Changes an optimizer's learning rate in place (reduce-on-plateau, resume). tfjs optimizers read
 * the `learningRate` field at every step, except SGD and momentum, which cache `-learningRate` in
 * a tensor and must be told through their own `setLearningRate`.
 */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  if (!(learningRate > 0)) {
    throw new RangeError(
      `setLearningRate: the learning rate must be greater than 0, got ${learningRate}`,
    );
  }
  // Duck-typed: tfjs's Optimizer overrides `instanceof` (every optimizer passes SGDOptimizer's).
  if ('setLearningRate' in optimizer && typeof optimizer.setLearningRate === 'function') {
    optimizer.setLearningRate(learningRate);
    return;
  }
  if (!setLearningRateField(optimizer, learningRate)) {
    throw new TypeError(
      `setLearningRate: ${optimizer.getClassName()} has no numeric learningRate field`,
    );
  }
}

/** The learning rate an optimizer will use for its next step. */
export function getLearningRate(optimizer: tf.Optimizer): number {
  const rate = learningRateField(optimizer);
  if (rate === undefined) {
    throw new TypeError(
      `getLearningRate: ${optimizer.getClassName()} has no numeric learningRate field`,
    );
  }
  return rate;
}
