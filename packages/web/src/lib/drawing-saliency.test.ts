import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { describeSaliency, drawingHeatmaps, drawingSaliency } from './drawing-saliency';

beforeAll(async () => {
  // tfjs prints a one-time hint about tfjs-node on its first use in Node: expected here.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    await tf.setBackend('cpu');
    tf.tidy(() => tf.zeros([1]).add(1));
  } finally {
    warn.mockRestore();
  }
});

const inTopLeft = (pixel: number) => pixel % 28 < 14 && Math.floor(pixel / 28) < 14;
const inBottomRight = (pixel: number) => pixel % 28 >= 14 && Math.floor(pixel / 28) >= 14;

/** A dense net where class 0 looks only at the top-left quadrant and class 1 at the bottom-right. */
function quadrantDense(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  const kernel = new Float32Array(784 * 10);
  for (let pixel = 0; pixel < 784; pixel++) {
    if (inTopLeft(pixel)) kernel[pixel * 10 + 0] = 1;
    if (inBottomRight(pixel)) kernel[pixel * 10 + 1] = 1;
  }
  model.setWeights([tf.tensor2d(kernel, [784, 10]), tf.zeros([10])]);
  return model;
}

function tinyCnn(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/** The share of a heatmap's heat that lies where `where` says. */
function share(map: Uint8Array, where: (pixel: number) => boolean): number {
  let inside = 0;
  let total = 0;
  map.forEach((heat, pixel) => {
    total += heat;
    if (where(pixel)) inside += heat;
  });
  return inside / total;
}

/** An evenly lit image with some texture: every quadrant could speak for a class. */
const litImage = Float32Array.from(
  { length: 784 },
  (_, i) => 0.4 + 0.4 * ((i * 7) % 3 === 0 ? 1 : 0),
);

describe('drawingSaliency', () => {
  it('picks Grad-CAM for a model with a convolution and SmoothGrad for a dense net', () => {
    const cnn = tinyCnn();
    const dense = quadrantDense();
    expect(drawingSaliency(cnn, {}).method).toBe('grad-cam');
    expect(drawingSaliency(dense, { seed: 42 })).toEqual({
      method: 'smoothgrad',
      smoothGrad: { samples: 16, noise: 0.15, seed: 42 },
    });
    cnn.dispose();
    dense.dispose();
  });

  it('names the method with the parameters the run used', () => {
    expect(
      describeSaliency({ method: 'grad-cam', smoothGrad: { samples: 16, noise: 0.15, seed: 1 } }),
    ).toBe('Grad-CAM');
    expect(
      describeSaliency({ method: 'smoothgrad', smoothGrad: { samples: 8, noise: 0.2, seed: 3 } }),
    ).toBe('SmoothGrad (8 noisy copies, noise 0.2, seed 3)');
  });
});

describe('drawingHeatmaps', () => {
  it('puts each class heat where that class looks, one 784-byte map per class', async () => {
    const model = quadrantDense();
    const saliency = drawingSaliency(model, { seed: 5 });
    const [first, second] = await drawingHeatmaps(model, litImage, [0, 1], saliency);
    model.dispose();
    expect(first).toHaveLength(784);
    expect(Math.max(...first!)).toBe(255);
    expect(share(first!, inTopLeft)).toBeGreaterThan(0.9);
    expect(share(second!, inBottomRight)).toBeGreaterThan(0.9);
  });

  it.for(['grad-cam', 'smoothgrad'] as const)('%s leaves no tensor behind', async (method) => {
    const model = tinyCnn();
    const saliency = { ...drawingSaliency(model, { samples: 2, seed: 1 }), method };
    const before = tf.memory().numTensors;
    const maps = await drawingHeatmaps(model, litImage, [3, 7], saliency);
    expect(tf.memory().numTensors).toBe(before);
    expect(maps).toHaveLength(2);
    model.dispose();
  });

  it('refuses an image that is not 28x28, naming the count', async () => {
    const model = quadrantDense();
    await expect(
      drawingHeatmaps(model, new Float32Array(100), [0, 1], drawingSaliency(model, {})),
    ).rejects.toThrow('drawingHeatmaps: the image has 100 values, not 28x28');
    model.dispose();
  });
});
