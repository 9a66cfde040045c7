import * as tf from '@tensorflow/tfjs';
import type { Batch, ImageSet, Rng } from '@fashion-lab/data';
import type { OptimizerState, TrainConfig, TtaName } from '@fashion-lab/run';
import {
  reseedDropout,
  useClosedFormBatchNormGradients,
  useSeededDropout,
} from '@fashion-lab/tfjs-wasm-training';
import {
  createOptimizer,
  getOptimizerState,
  setLearningRate,
  setOptimizerState,
} from '../optimizers/registry.js';

/** The mean loss (regularization included) and accuracy of one training step's batch. */
export interface StepResult {
  loss: number;
  acc: number;
}

/**
 * One optimizer step per batch, however it is computed (in this thread, or split over worker
 * threads). `model` passed to the factory always holds the current weights after a step resolves,
 * so validation, checkpoints and the final model read it directly.
 */
export interface TrainStep {
  /** How many model replicas compute each step (1: this thread only). */
  readonly replicas: number;
  /** Trains on `batch`; reseeds Dropout from `rng` first (same rng state, same masks). */
  step(batch: Batch, rng: Rng): Promise<StepResult>;
  /** The learning rate of the following steps (reduce-on-plateau). */
  setLearningRate(learningRate: number): Promise<void>;
  /**
   * Class probabilities (count x 10) of every image of `set` from the current weights, computed
   * by all replicas at once (see `predictProbabilities` for `tta`); absent where there is one
   * replica (the caller predicts itself).
   */
  predict?(set: ImageSet, tta: TtaName): Promise<Float32Array>;
  /** The optimizer's slots, for a checkpoint. */
  optimizerState(): Promise<OptimizerState>;
  /** Frees the optimizer and any threads; the model stays usable. */
  dispose(): Promise<void>;
}

/** What a TrainStep factory gets: the (uncompiled) model to train and where its optimizer starts. */
export interface TrainStepOptions {
  model: tf.LayersModel;
  config: TrainConfig;
  learningRate: number;
  /** Optimizer slots to continue from (resume). */
  optimizerState?: OptimizerState;
}

/** Builds the TrainStep a run uses; `train()` uses `createInProcessTrainStep` unless given another. */
export type TrainStepFactory = (options: TrainStepOptions) => Promise<TrainStep>;

/** The config's optimizer at `learningRate`. */
export function optimizerFor(config: TrainConfig, learningRate: number): tf.Optimizer {
  return createOptimizer(config.optimizer, learningRate, {
    ...(config.momentum !== undefined ? { momentum: config.momentum } : {}),
  });
}

/** Training in this thread with the compiled model's own `trainOnBatch` (one replica). */
export const createInProcessTrainStep: TrainStepFactory = async (options) => {
  const { model } = options;
  useClosedFormBatchNormGradients(model);
  useSeededDropout(model);
  const optimizer = optimizerFor(options.config, options.learningRate);
  try {
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    if (options.optimizerState) await setOptimizerState(optimizer, options.optimizerState);
  } catch (error) {
    optimizer.dispose();
    throw error;
  }
  return {
    replicas: 1,
    async step(batch, rng) {
      reseedDropout(model, rng);
      const x = tf.tensor4d(batch.images, [batch.size, 28, 28, 1]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(batch.labels, 'int32'), 10));
      try {
        const [loss, acc] = (await model.trainOnBatch(x, y)) as number[];
        return { loss: loss ?? NaN, acc: acc ?? NaN };
      } finally {
        x.dispose();
        y.dispose();
      }
    },
    async setLearningRate(learningRate) {
      setLearningRate(optimizer, learningRate);
    },
    optimizerState: () => getOptimizerState(optimizer),
    async dispose() {
      optimizer.dispose();
    },
  };
};
