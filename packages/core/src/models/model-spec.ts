import type * as tf from '@tensorflow/tfjs';
import type { ModelInfo } from '@fashion-lab/run';

/** One entry of the model registry: the run package's description and defaults, plus a builder. */
export interface ModelSpec extends ModelInfo {
  /** A fresh, uncompiled model: input [null, 28, 28, 1], 10-way softmax; seed fixes weights. */
  build(seed: number): tf.LayersModel;
}
