import {
  DEFAULT_SMOOTH_GRAD,
  gradCamLayer,
  saliencyMaps,
  type SaliencyMethod,
  type SmoothGradParameters,
} from '@fashion-lab/core';
import type * as tf from '@tensorflow/tfjs';

/** How a run explained its images: Grad-CAM where the model has a convolution, else SmoothGrad. */
export interface DrawingSaliency {
  method: SaliencyMethod;
  /** SmoothGrad's copies, noise and seed, as the run used them (its explain.json, else its seed). */
  smoothGrad: SmoothGradParameters;
}

/** Grad-CAM for a model with a convolution layer (as the run's gallery shows), SmoothGrad else. */
export function drawingSaliency(
  model: tf.LayersModel,
  smoothGrad: Partial<SmoothGradParameters>,
): DrawingSaliency {
  return {
    method: gradCamLayer(model) === undefined ? 'smoothgrad' : 'grad-cam',
    smoothGrad: { ...DEFAULT_SMOOTH_GRAD, seed: 0, ...smoothGrad },
  };
}

/** The method's name as people know it, with SmoothGrad's parameters. */
export function describeSaliency({ method, smoothGrad }: DrawingSaliency): string {
  return method === 'grad-cam'
    ? 'Grad-CAM'
    : `SmoothGrad (${smoothGrad.samples} noisy copies, noise ${smoothGrad.noise}, seed ${smoothGrad.seed})`;
}

/**
 * One 28x28 heatmap (784 bytes, 0..255 as explain.json stores them) per class in `classes`, for
 * one preprocessed image (784 values in [0, 1]). Runs core's saliencyMaps: no tensor is left.
 */
export async function drawingHeatmaps(
  model: tf.LayersModel,
  image: Float32Array,
  classes: readonly number[],
  saliency: DrawingSaliency,
): Promise<Uint8Array[]> {
  if (image.length !== 784) {
    throw new RangeError(`drawingHeatmaps: the image has ${image.length} values, not 28x28`);
  }
  // The same image once per class, as the dataset's bytes (what saliencyMaps reads).
  const bytes = Uint8Array.from(image, (value) =>
    Math.round(Math.min(1, Math.max(0, value)) * 255),
  );
  const images = new Uint8Array(classes.length * 784);
  classes.forEach((_, i) => images.set(bytes, i * 784));
  const maps = await saliencyMaps(model, images, {
    method: saliency.method,
    classes,
    smoothGrad: saliency.smoothGrad,
  });
  return maps.map((map) => Uint8Array.from(map, (heat) => Math.round(heat * 255)));
}
