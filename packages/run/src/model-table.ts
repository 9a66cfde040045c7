import type { AugmentName, LrScheduleName, ModelName, OptimizerName } from './config.js';

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

/** What a reader needs to know of a model without building it: `--help`, the web, defaults. */
export interface ModelInfo {
  name: ModelName;
  /** One line, shown in `--help` and on the web. */
  description: string;
  defaults: ModelDefaults;
}

/**
 * Every model's description and defaults, by name. Pure data, so reading a default never imports a
 * model builder (or tfjs); core's model registry adds each model's `build` to these entries.
 */
export const MODEL_TABLE: Readonly<Record<ModelName, ModelInfo>> = {
  dense: {
    name: 'dense',
    description:
      'Fully connected: flatten -> dense 256 relu -> dense 256 relu -> dense 10 softmax.',
    defaults: {
      epochs: 12,
      learningRate: 0.001,
      lrSchedule: 'cosine',
      batchSize: 128,
      optimizer: 'adam',
      // A step takes ~12 ms on WASM: one worker trains at ~10,500 samples/s, two at ~7,900.
      maxWorkers: 1,
    },
  },
  cnn: {
    name: 'cnn',
    description:
      'CNN: conv 32 -> pool -> conv 64 -> pool -> conv 64 -> dense 64 -> softmax 10 (3x3, relu).',
    defaults: {
      epochs: 12,
      learningRate: 0.001,
      lrSchedule: 'cosine',
      batchSize: 64,
      optimizer: 'adam',
    },
  },
  'cnn-regularized': {
    name: 'cnn-regularized',
    description:
      'The CNN with batch normalization, dropout (0.1, 0.1, 0.3) and L2 1e-4; Adam at a lower rate.',
    defaults: {
      // ~36 s an epoch with two workers here: 22 epochs fit the 10-15 minutes of a default run.
      epochs: 22,
      learningRate: 0.0008,
      lrSchedule: 'cosine',
      batchSize: 128,
      optimizer: 'adam',
      // Mirrored images, nothing more: 22 epochs gave 92.39% test (loss 0.218) against 92.32% (0.234)
      // unaugmented; adding 1-pixel shifts underfit (91.8% validation), and shifts plus erasing
      // underfit far more in this budget.
      augment: 'flip',
    },
  },
  'cnn-strong': {
    name: 'cnn-strong',
    description:
      'VGG-style CNN: 3 blocks of conv (32, 64, 128, same) + BatchNorm + pool, dense 128, dropout; cosine rate.',
    defaults: {
      epochs: 16,
      learningRate: 0.002,
      lrSchedule: 'cosine',
      batchSize: 128,
      optimizer: 'adam',
      augment: 'flip',
    },
  },
};
