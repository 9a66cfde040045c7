import type * as tf from '@tensorflow/tfjs';
import type { AugmentName, LrScheduleName, ModelName, OptimizerName } from '../config.js';

/** Training defaults a model ships with; every one can be overridden by a CLI flag. */
export interface ModelDefaults {
  epochs: number;
  learningRate: number;
  lrSchedule?: LrScheduleName;
  batchSize: number;
  optimizer: OptimizerName;
  /** How training images are augmented (absent: 'off'). */
  augment?: AugmentName;
  /**
   * The most workers a default run uses (absent: one per core, see core/node's
   * `defaultWorkerCount`): for a model whose step is shorter than the pool's per-step exchange.
   */
  maxWorkers?: number;
}

/** One entry of the model registry that the CLI's `--help` and the web read. */
export interface ModelSpec {
  name: ModelName;
  /** One line, shown in `--help` and on the web. */
  description: string;
  defaults: ModelDefaults;
  /** A fresh, uncompiled model: input [null, 28, 28, 1], 10-way softmax; seed fixes weights. */
  build(seed: number): tf.LayersModel;
}
