import * as tf from '@tensorflow/tfjs';
import { layerSeeds } from './layer-seeds.js';
import type { ModelSpec } from './model-spec.js';

/** The seed's fully connected network: flatten, two ReLU layers of 256, softmax over 10 classes. */
export const denseModel: ModelSpec = {
  name: 'dense',
  description: 'Fully connected: flatten -> dense 256 relu -> dense 256 relu -> dense 10 softmax.',
  defaults: {
    epochs: 12,
    learningRate: 0.001,
    lrSchedule: 'cosine',
    batchSize: 128,
    optimizer: 'adam',
    // A step takes ~12 ms on WASM: one worker trains at ~10,500 samples/s, two at ~7,900.
    maxWorkers: 1,
  },
  build(seed) {
    const seeds = layerSeeds(seed);
    return tf.sequential({
      name: 'dense',
      layers: [
        tf.layers.flatten({ name: 'flatten', inputShape: [28, 28, 1] }),
        tf.layers.dense({
          name: 'dense_1',
          units: 256,
          activation: 'relu',
          kernelInitializer: seeds.glorotUniform(),
        }),
        tf.layers.dense({
          name: 'dense_2',
          units: 256,
          activation: 'relu',
          kernelInitializer: seeds.glorotUniform(),
        }),
        tf.layers.dense({
          name: 'dense_3',
          units: 10,
          activation: 'softmax',
          kernelInitializer: seeds.glorotUniform(),
        }),
      ],
    });
  },
};
