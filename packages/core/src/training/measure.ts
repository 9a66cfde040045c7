import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, normalizeImages, type ImageSet } from '@fashion-lab/data';

/** Predicting this many images at once keeps memory flat and the event loop responsive. */
const PREDICT_BATCH = 1000;
const EPSILON = 1e-7;

/** Class probabilities for every image of `set` (count x 10), predicted in batches. */
export async function predictProbabilities(
  model: tf.LayersModel,
  set: ImageSet,
): Promise<Float32Array> {
  const probabilities = new Float32Array(set.count * 10);
  for (let start = 0; start < set.count; start += PREDICT_BATCH) {
    const size = Math.min(PREDICT_BATCH, set.count - start);
    const pixels = normalizeImages(
      set.images.subarray(start * IMAGE_PIXELS, (start + size) * IMAGE_PIXELS),
    );
    const output = tf.tidy(
      () => model.predict(tf.tensor4d(pixels, [size, 28, 28, 1])) as tf.Tensor,
    );
    probabilities.set(await output.data(), start * 10);
    output.dispose();
  }
  return probabilities;
}

/** Mean categorical cross-entropy and accuracy of predicted probabilities against labels. */
export function lossAndAccuracy(
  probabilities: Float32Array,
  labels: Uint8Array,
): { loss: number; acc: number } {
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    let best = 0;
    for (let c = 1; c < 10; c++) {
      if ((probabilities[i * 10 + c] ?? 0) > (probabilities[i * 10 + best] ?? 0)) best = c;
    }
    if (best === label) correct++;
    lossSum -= Math.log(Math.max(probabilities[i * 10 + label] ?? 0, EPSILON));
  }
  const count = Math.max(labels.length, 1);
  return { loss: lossSum / count, acc: correct / count };
}

/** Validation metrics of `model` on `set`. */
export async function measure(
  model: tf.LayersModel,
  set: ImageSet,
): Promise<{ loss: number; acc: number }> {
  return lossAndAccuracy(await predictProbabilities(model, set), set.labels);
}
