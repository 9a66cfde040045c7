import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, normalizeImages, type ImageSet } from '@fashion-lab/data';
import type { TtaName } from '@fashion-lab/run';

/** Predicting this many images at once keeps memory flat and the event loop responsive. */
const PREDICT_BATCH = 1000;
/**
 * Images per forward pass inside a PREDICT_BATCH (tfjs's default is 32): larger products run
 * faster on WASM (cnn-regularized evaluates ~22% faster than at 32, cnn-strong ~7%) for ~30 MB
 * more memory; at 1000 the gain is small and the memory ~6x.
 */
const FORWARD_BATCH = 250;
/** The width axis of an NHWC image batch: reversing it mirrors every image left-right. */
const WIDTH_AXIS = 2;

/** Computes class probabilities (count x 10) for a set another way, e.g. over the training workers. */
export type Predict = (set: ImageSet) => Promise<Float32Array>;

/** How `predictProbabilities` predicts (see `TtaName`). */
export interface PredictOptions {
  /** 'flip': the mean of the image's and its mirror's probabilities. Default 'off'. */
  tta?: TtaName | undefined;
}

/**
 * The model's class probabilities for a batch of normalized images (a new tensor; call inside
 * tf.tidy): with `tta` 'flip', the mean of each image's and its mirror's.
 */
export function predictBatch(
  model: tf.LayersModel,
  images: tf.Tensor4D,
  tta: TtaName = 'off',
): tf.Tensor {
  const forward = (input: tf.Tensor4D): tf.Tensor => {
    const output = model.predict(input, { batchSize: FORWARD_BATCH });
    return Array.isArray(output) ? output[0]! : output;
  };
  if (tta === 'off') return forward(images);
  return tf.mul(tf.add(forward(images), forward(tf.reverse(images, WIDTH_AXIS))), 0.5);
}

/**
 * Class probabilities for every image of `set` (count x 10), predicted in batches, no tensors left
 * behind; with `tta: 'flip'` each row is the mean of the image's and its mirror's probabilities.
 */
export async function predictProbabilities(
  model: tf.LayersModel,
  set: ImageSet,
  options: PredictOptions = {},
): Promise<Float32Array> {
  const probabilities = new Float32Array(set.count * 10);
  for (let start = 0; start < set.count; start += PREDICT_BATCH) {
    const size = Math.min(PREDICT_BATCH, set.count - start);
    const pixels = normalizeImages(
      set.images.subarray(start * IMAGE_PIXELS, (start + size) * IMAGE_PIXELS),
    );
    const output = tf.tidy(() =>
      predictBatch(model, tf.tensor4d(pixels, [size, 28, 28, 1]), options.tta),
    );
    try {
      probabilities.set(await output.data(), start * 10);
    } finally {
      output.dispose();
    }
  }
  return probabilities;
}
