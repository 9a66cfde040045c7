import type * as tf from '@tensorflow/tfjs';
import {
  decodeBase64,
  encodeBase64,
  type Evaluation,
  type Explain,
  type Heatmap,
} from '@fashion-lab/run';
import { gradCamLayer } from './grad-cam.js';
import { saliencyMaps, type SaliencyMethod } from './saliency-maps.js';
import { DEFAULT_SMOOTH_GRAD, type SmoothGradParameters } from './smooth-grad.js';

/** A heatmap of [0, 1] floats as the 784 bytes explain.json stores. */
function heatmapBytes(map: Float32Array): Uint8Array {
  return Uint8Array.from(map, (heat) => Math.round(Math.min(1, Math.max(0, heat)) * 255));
}

/**
 * explain.json for a run: every evaluation sample's heatmap for its predicted class and, for a
 * mistake, its true class too; Grad-CAM where the model has a convolution, SmoothGrad always
 * (seeded with `seed`). Pure tfjs: the browser can compute the same file.
 */
export async function explainSamples(
  model: tf.LayersModel,
  evaluation: Pick<Evaluation, 'samples'>,
  options: { seed: number; smoothGrad?: Partial<Omit<SmoothGradParameters, 'seed'>> },
): Promise<Explain> {
  const started = performance.now();
  const targets = evaluation.samples.flatMap((sample) =>
    (sample.label === sample.predicted ? [sample.predicted] : [sample.predicted, sample.label]).map(
      (klass) => ({ sample, klass }),
    ),
  );
  const images = new Uint8Array(targets.length * 784);
  targets.forEach(({ sample }, i) => images.set(decodeBase64(sample.pixels), i * 784));
  const classes = targets.map(({ klass }) => klass);
  const layer = gradCamLayer(model);
  const smoothGrad = { ...DEFAULT_SMOOTH_GRAD, ...options.smoothGrad, seed: options.seed };
  const methods: SaliencyMethod[] =
    layer === undefined ? ['smoothgrad'] : ['grad-cam', 'smoothgrad'];
  const heatmaps: Heatmap[] = [];
  for (const method of methods) {
    const maps = await saliencyMaps(model, images, { method, classes, smoothGrad });
    maps.forEach((map, i) =>
      heatmaps.push({
        index: targets[i]!.sample.index,
        class: classes[i]!,
        method,
        pixels: encodeBase64(heatmapBytes(map)),
      }),
    );
  }
  return {
    ...(layer === undefined ? {} : { gradCam: { layer } }),
    smoothGrad,
    heatmaps,
    seconds: (performance.now() - started) / 1000,
  };
}
