import * as tf from '@tensorflow/tfjs';
import { normalizeImages, type ImageSet } from '@fashion-lab/data';
import type { ModelName } from '../config.js';
import { MODELS } from '../models/registry.js';
import { createOptimizer } from '../optimizers/registry.js';

/** What one (backend, model) measurement reports; `undefined` where it was skipped. */
export interface ModelMeasurement {
  trainSamplesPerSec?: number;
  inferenceSamplesPerSec: number;
}

/** What to measure: one model on the current backend, with the images it cycles through. */
export interface MeasureOptions {
  model: ModelName;
  images: ImageSet;
  trainBatches: number;
  /** False where training is hopeless on this backend (cpu CNNs); inference is still measured. */
  train: boolean;
}

/** Batch size of the training measurement (the models' default). */
export const TRAIN_BATCH = 128;
/** Batch size of the inference measurement (what evaluation uses). */
export const INFERENCE_BATCH = 1000;
const WARMUP_BATCHES = 2;
const INFERENCE_RUNS = 2;
/** A warm-up batch for inference (JIT, kernel setup); small for the slow cpu backend. */
const INFERENCE_WARMUP = 100;
const IMAGES_USED = 8_192;

/**
 * Times the training step the training loop uses (compiled model, Adam, categorical cross-entropy,
 * `trainOnBatch`, tensors built from each batch) and batched inference on the current backend.
 */
export async function measureModel(options: MeasureOptions): Promise<ModelMeasurement> {
  const model = MODELS[options.model].build(1);
  const optimizer = createOptimizer('adam', 0.001);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  // Only the images the measurement cycles through, so peak RSS is the model's, not the dataset's.
  const count = Math.min(options.images.count, IMAGES_USED);
  const pixels = normalizeImages(options.images.images.subarray(0, count * 784));
  const batchAt = (index: number, size: number): { x: tf.Tensor4D; labels: Uint8Array } => {
    const start = (index * size) % (count - size + 1);
    return {
      x: tf.tensor4d(pixels.subarray(start * 784, (start + size) * 784), [size, 28, 28, 1]),
      labels: options.images.labels.subarray(start, start + size),
    };
  };

  let trainSamplesPerSec: number | undefined;
  if (options.train) {
    const trainStep = async (index: number): Promise<void> => {
      const { x, labels } = batchAt(index, TRAIN_BATCH);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
      await model.trainOnBatch(x, y);
      tf.dispose([x, y]);
    };
    for (let i = 0; i < WARMUP_BATCHES; i++) await trainStep(i);
    const start = performance.now();
    for (let i = 0; i < options.trainBatches; i++) await trainStep(WARMUP_BATCHES + i);
    trainSamplesPerSec =
      (options.trainBatches * TRAIN_BATCH) / ((performance.now() - start) / 1000);
  }

  const predict = async (index: number, size: number): Promise<void> => {
    const { x } = batchAt(index, size);
    const output = model.predict(x) as tf.Tensor;
    await output.data();
    tf.dispose([x, output]);
  };
  await predict(0, INFERENCE_WARMUP);
  const start = performance.now();
  for (let i = 0; i < INFERENCE_RUNS; i++) await predict(1 + i, INFERENCE_BATCH);
  const inferenceSamplesPerSec =
    (INFERENCE_RUNS * INFERENCE_BATCH) / ((performance.now() - start) / 1000);

  model.dispose();
  optimizer.dispose();
  return {
    ...(trainSamplesPerSec !== undefined ? { trainSamplesPerSec } : {}),
    inferenceSamplesPerSec,
  };
}
