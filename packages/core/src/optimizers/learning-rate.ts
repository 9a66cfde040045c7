import type * as tf from '@tensorflow/tfjs';

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
  const sgd = optimizer as unknown as { setLearningRate?: (rate: number) => void };
  if (typeof sgd.setLearningRate === 'function') {
    sgd.setLearningRate(learningRate);
    return;
  }
  const withRate = optimizer as unknown as { learningRate?: unknown };
  if (typeof withRate.learningRate !== 'number') {
    throw new TypeError(
      `setLearningRate: ${optimizer.getClassName()} has no numeric learningRate field`,
    );
  }
  withRate.learningRate = learningRate;
}

/** The learning rate an optimizer will use for its next step. */
export function getLearningRate(optimizer: tf.Optimizer): number {
  const rate = (optimizer as unknown as { learningRate?: unknown }).learningRate;
  if (typeof rate !== 'number') {
    throw new TypeError(
      `getLearningRate: ${optimizer.getClassName()} has no numeric learningRate field`,
    );
  }
  return rate;
}
