import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeImages, splitTrainValidation, type ImageSet } from '@fashion-lab/data';
import {
  defaultConfig,
  type EpochEvent,
  type Reporter,
  type RunEndEvent,
  type TrainConfig,
} from '@fashion-lab/run';
import { regularizationPenalty } from '../evaluation/regularization-penalty.js';
import { selectBackend } from '../node/backend.js';
import { workerPoolTrainStep } from '../node/worker-pool-train-step.js';
import { syntheticDataset } from './synthetic-dataset.test-support.js';
import { train } from './train.js';

/** Keras's l2(0.01): large enough that leaving it out of a loss shows in the second decimal. */
const L2 = 0.01;

const dataset = syntheticDataset(200, 60);

/** The whole model: 784 pixels -> 10-way softmax, optionally with L2 on its kernel. */
function softmaxRegression(withL2: boolean): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({
        units: 10,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
        ...(withL2 ? { kernelRegularizer: tf.regularizers.l2({ l2: L2 }) } : {}),
      }),
    ],
  });
}

/** The model's kernel (784 x 10, row-major) and bias, as float64. */
function denseWeights(model: tf.LayersModel): { kernel: Float64Array; bias: Float64Array } {
  const [kernel, bias] = model.getWeights();
  return {
    kernel: Float64Array.from(kernel!.dataSync()),
    bias: Float64Array.from(bias!.dataSync()),
  };
}

/** Mean categorical cross-entropy of `set`, the softmax regression computed by hand in float64. */
function crossEntropyByHand(model: tf.LayersModel, set: ImageSet): number {
  const { kernel, bias } = denseWeights(model);
  const pixels = normalizeImages(set.images);
  let sum = 0;
  for (let image = 0; image < set.count; image++) {
    const logits = Array.from(bias);
    for (let p = 0; p < 784; p++) {
      const x = pixels[image * 784 + p]!;
      for (let c = 0; c < 10; c++) logits[c]! += x * kernel[p * 10 + c]!;
    }
    const top = Math.max(...logits);
    const logSumExp = top + Math.log(logits.reduce((s, z) => s + Math.exp(z - top), 0));
    sum += logSumExp - logits[set.labels[image]!]!;
  }
  return sum / set.count;
}

/** l2 * the sum of the kernel's squared entries: Keras's L2 penalty, by hand. */
function l2ByHand(model: tf.LayersModel): number {
  return L2 * denseWeights(model).kernel.reduce((sum, w) => sum + w * w, 0);
}

/** Keeps the epoch lines and the run's end. */
class Recorder implements Reporter {
  epochs: EpochEvent[] = [];
  end: RunEndEvent | undefined;
  onEpochEnd(event: EpochEvent): void {
    this.epochs.push(event);
  }
  onRunEnd(event: RunEndEvent): void {
    this.end = event;
  }
}

/** Trains one epoch of `model` with `workers` replicas; its final weights are the validated ones. */
async function trainOneEpoch(model: tf.LayersModel, workers: number) {
  const config: TrainConfig = defaultConfig('dense', {
    optimizer: 'adam',
    learningRate: 0.01,
    epochs: 1,
    batchSize: 32,
    validationSplit: 0.25,
    seed: 3,
    augment: 'off',
    tta: 'off',
    workers,
    backend: 'wasm',
  });
  const recorder = new Recorder();
  const status = await train({
    model,
    dataset,
    config,
    runId: 'validation-loss',
    reporters: [recorder],
    backend: 'wasm',
    ...(workers > 1 ? { createTrainStep: workerPoolTrainStep('wasm') } : {}),
  });
  expect(status).toBe('completed');
  const { validation } = splitTrainValidation(dataset.train, {
    validationSplit: config.validationSplit,
    seed: config.seed,
  });
  return { epoch: recorder.epochs[0]!, summary: recorder.end?.summary, validation };
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('validation and test loss, as Keras reports val_loss and evaluate', () => {
  it.each([
    ['with L2: the cross-entropy of the images plus the L2 sum of the weights', true, 1],
    ['with L2, validation split over two workers: the same', true, 2],
    ['without regularizers: the cross-entropy alone, as before', false, 1],
  ])('%s', async (_, withL2, workers) => {
    const model = softmaxRegression(withL2);
    try {
      const { epoch, summary, validation } = await trainOneEpoch(model, workers);
      const penalty = withL2 ? l2ByHand(model) : 0;
      if (withL2) expect(penalty).toBeGreaterThan(0.05);
      expect(epoch.valLoss).toBeCloseTo(crossEntropyByHand(model, validation) + penalty, 5);
      expect(summary?.testLoss).toBeCloseTo(crossEntropyByHand(model, dataset.test) + penalty, 5);
    } finally {
      model.dispose();
    }
  });
});

describe('regularizationPenalty', () => {
  it('is the L2 sum of the current weights, and leaves no tensor behind', async () => {
    const model = softmaxRegression(true);
    const before = tf.memory().numTensors;
    expect(await regularizationPenalty(model)).toBeCloseTo(l2ByHand(model), 6);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('is 0 for a model without regularizers', async () => {
    const model = softmaxRegression(false);
    expect(await regularizationPenalty(model)).toBe(0);
    model.dispose();
  });
});
