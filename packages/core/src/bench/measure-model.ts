import { createRng, normalizeImages, type ImageSet } from '@fashion-lab/data';
import type { ModelName } from '@fashion-lab/run';
import { defaultConfig } from '@fashion-lab/run';
import { MODELS } from '../models/registry.js';
import { predictProbabilities } from '../evaluation/predict-probabilities.js';
import { createInProcessTrainStep, type TrainStepFactory } from '../training/train-step.js';

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
  /** Replicas computing each step (1: this thread, as `train` does with `--workers 1`). */
  workers?: number;
  /** How the step is computed for `workers` > 1 (the Node worker pool); default: in-process. */
  createTrainStep?: TrainStepFactory;
}

/** Batch size of the training measurement (the models' default). */
export const TRAIN_BATCH = 128;
/** Batch size of the inference measurement (what evaluation uses). */
export const INFERENCE_BATCH = 1000;
/**
 * Untimed batches first: JIT, XNNPACK operator setup and heap growth settle over the first few
 * steps (the 2-worker CNN measured 8% slow after 2 of them, steady after ~10).
 */
const WARMUP_BATCHES = 10;
/** Batches of INFERENCE_BATCH each replica predicts in the inference measurement. */
const INFERENCE_BATCHES_PER_REPLICA = 2;
/** A warm-up batch for inference (JIT, kernel setup); small for the slow cpu backend. */
const INFERENCE_WARMUP = 100;
/** The images the measurements cycle through (the PyTorch reference gets the same ones). */
export const IMAGES_USED = 8_192;

/**
 * Slices of the first `IMAGES_USED` images, normalized once, cycled through by index: only these
 * stay referenced, so a measurement's peak RSS is the model's, not the dataset's.
 */
export function cyclingSlices(
  images: ImageSet,
): (index: number, size: number) => { images: Float32Array; labels: Uint8Array } {
  const count = Math.min(images.count, IMAGES_USED);
  const pixels = normalizeImages(images.images.subarray(0, count * 784));
  return (index, size) => {
    const start = (index * size) % (count - size + 1);
    return {
      images: pixels.subarray(start * 784, (start + size) * 784),
      labels: images.labels.subarray(start, start + size),
    };
  };
}

/**
 * Times the training step the training loop uses (its TrainStep: Adam, categorical cross-entropy,
 * regularization, Dropout reseeding; over worker threads when asked) and evaluation-style inference
 * (batches of 1000, over the same replicas) on the current backend.
 */
export async function measureModel(options: MeasureOptions): Promise<ModelMeasurement> {
  const model = MODELS[options.model].build(1);
  const workers = options.workers ?? 1;
  const config = defaultConfig(options.model, {
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: TRAIN_BATCH,
    workers,
  });
  const slice = cyclingSlices(options.images);

  const factory =
    workers > 1 && options.createTrainStep ? options.createTrainStep : createInProcessTrainStep;
  // The step exists for inference too: with workers, evaluation runs on every replica.
  const step = options.train
    ? await factory({ model, config, learningRate: config.learningRate })
    : undefined;
  let trainSamplesPerSec: number | undefined;
  let inferenceSamplesPerSec: number;
  try {
    if (step) {
      const rng = createRng(1);
      const trainStep = async (index: number): Promise<void> => {
        await step.step({ ...slice(index, TRAIN_BATCH), size: TRAIN_BATCH }, rng);
      };
      for (let i = 0; i < WARMUP_BATCHES; i++) await trainStep(i);
      const start = performance.now();
      for (let i = 0; i < options.trainBatches; i++) await trainStep(WARMUP_BATCHES + i);
      trainSamplesPerSec =
        (options.trainBatches * TRAIN_BATCH) / ((performance.now() - start) / 1000);
    }
    // What evaluation does: batches of 1000 images, on every replica when there are several.
    // One forward pass an image (no test-time flips), as the PyTorch reference predicts.
    const predict = (set: ImageSet): Promise<Float32Array> =>
      step?.predict ? step.predict(set, 'off') : predictProbabilities(model, set);
    const images = (count: number): ImageSet => ({
      images: options.images.images.subarray(0, count * 784),
      labels: options.images.labels.subarray(0, count),
      count,
    });
    const replicas = step?.replicas ?? 1;
    await predict(images(INFERENCE_WARMUP * replicas));
    const count = INFERENCE_BATCHES_PER_REPLICA * INFERENCE_BATCH * replicas;
    const start = performance.now();
    await predict(images(count));
    inferenceSamplesPerSec = count / ((performance.now() - start) / 1000);
  } finally {
    await step?.dispose();
  }

  model.dispose();
  return {
    ...(trainSamplesPerSec !== undefined ? { trainSamplesPerSec } : {}),
    inferenceSamplesPerSec,
  };
}
