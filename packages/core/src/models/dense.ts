import * as tf from '@tensorflow/tfjs';
import { layerSeeds } from './layer-seeds.js';
import type { ModelSpec } from './model-spec.js';
import { MODEL_TABLE } from '@fashion-lab/run';

/** The seed's fully connected network: flatten, two ReLU layers of 256, softmax over 10 classes. */
export const denseModel: ModelSpec = {
  ...MODEL_TABLE.dense,
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
