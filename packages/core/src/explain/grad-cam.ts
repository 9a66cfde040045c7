import * as tf from '@tensorflow/tfjs';
import { scaleToUnit } from './heatmap-scale.js';
import { applyLayers, chainLayers, classScores, lastConvolutionIndex } from './model-layers.js';

/** The layer Grad-CAM explains with: the model's last convolution, or undefined when it has none. */
export function gradCamLayer(model: tf.LayersModel): string | undefined {
  const layers = chainLayers(model);
  return layers[lastConvolutionIndex(layers)]?.name;
}

/**
 * Grad-CAM (Selvaraju et al. 2017) of a batch `[n, 28, 28, 1]` of normalized images for one class
 * each: the last convolution's activations weighted per channel by the mean gradient of the class
 * score over the map, summed, ReLU, upsampled bilinearly to 28x28 and scaled to [0, 1].
 * Returns a new tensor `[n, 28, 28, 1]`; call inside tf.tidy.
 */
export function gradCam(
  model: tf.LayersModel,
  images: tf.Tensor4D,
  classes: tf.Tensor1D,
): tf.Tensor4D {
  const layers = chainLayers(model);
  const convolution = lastConvolutionIndex(layers);
  if (convolution < 0) {
    throw new Error(`Grad-CAM needs a convolution layer; model "${model.name}" has none`);
  }
  const activations = applyLayers(layers.slice(0, convolution + 1), images) as tf.Tensor4D;
  const head = layers.slice(convolution + 1);
  const chosen = tf.oneHot(classes, 10);
  // Each image's score depends on its own activations only, so one gradient of the batch's sum
  // holds every image's gradient.
  const score = (a: tf.Tensor): tf.Scalar => tf.sum(tf.mul(classScores(head, a), chosen));
  const gradients = tf.grad(score)(activations);
  const channelWeights = tf.mean(gradients, [1, 2], true);
  const map = tf.relu(tf.sum(tf.mul(channelWeights, activations), 3, true)) as tf.Tensor4D;
  // Half-pixel centres: each of the map's cells covers its own patch of the image.
  const upsampled = tf.image.resizeBilinear(map, [28, 28], false, true);
  return scaleToUnit(upsampled);
}
