import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from '@fashion-lab/run';
import { FusedAdamOptimizer } from '@fashion-lab/tfjs-wasm-training';
import { NadamOptimizer } from './nadam.js';

// The training loop imports everything optimizer-related from here.
export { getLearningRate, setLearningRate } from './learning-rate.js';
export { getOptimizerState, setOptimizerState } from './optimizer-state.js';

/**
 * A fresh optimizer. `momentum` applies to SGD only (0 or absent: plain SGD); the others use
 * Keras's defaults (epsilon 1e-7), so runs compare with the seed's Keras results.
 */
export function createOptimizer(
  name: OptimizerName,
  learningRate: number,
  options: { momentum?: number } = {},
): tf.Optimizer {
  if (!(learningRate > 0)) {
    throw new RangeError(
      `createOptimizer: the learning rate must be greater than 0, got ${learningRate}`,
    );
  }
  const { momentum } = options;
  if (momentum !== undefined && name !== 'sgd') {
    throw new RangeError(`createOptimizer: momentum applies to sgd only, not ${name}`);
  }
  switch (name) {
    case 'sgd':
      return momentum !== undefined && momentum > 0
        ? tf.train.momentum(learningRate, momentum)
        : tf.train.sgd(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate, 0.9, 0, 1e-7);
    case 'adam':
      return new FusedAdamOptimizer(learningRate, 0.9, 0.999, 1e-7);
    case 'nadam':
      return new NadamOptimizer(learningRate);
  }
}
