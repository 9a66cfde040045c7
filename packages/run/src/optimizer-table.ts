import type { OptimizerName } from './config.js';

/** What `--help`, the web and the seed study know of an optimizer without creating one. */
export interface OptimizerInfo {
  name: OptimizerName;
  description: string;
  /** Keras's default learning rate for it. */
  defaultLearningRate: number;
}

/** Every optimizer `--optimizer` accepts, with Keras's default learning rates. */
export const OPTIMIZER_TABLE: Readonly<Record<OptimizerName, OptimizerInfo>> = {
  sgd: {
    name: 'sgd',
    description: 'Stochastic gradient descent, with optional momentum (--momentum).',
    defaultLearningRate: 0.01,
  },
  rmsprop: {
    name: 'rmsprop',
    description: 'RMSProp (rho 0.9, epsilon 1e-7).',
    defaultLearningRate: 0.001,
  },
  adam: {
    name: 'adam',
    description: 'Adam (beta1 0.9, beta2 0.999, epsilon 1e-7).',
    defaultLearningRate: 0.001,
  },
  nadam: {
    name: 'nadam',
    description: "Nadam: Adam with Nesterov momentum, Keras's rule with momentum schedule.",
    defaultLearningRate: 0.001,
  },
};
