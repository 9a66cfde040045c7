import * as tf from '@tensorflow/tfjs';
import { layerSeeds } from './layer-seeds.js';
import type { ModelSpec } from './model-spec.js';
import { MODEL_TABLE } from '@fashion-lab/run';

/** The seed's Keras CNN: 3x3 convolutions (32, 64, 64), max-pooling between, dense 64, softmax. */
export const cnnModel: ModelSpec = {
  ...MODEL_TABLE.cnn,
  build(seed) {
    const seeds = layerSeeds(seed);
    const conv = (name: string, filters: number, inputShape?: number[]): tf.layers.Layer =>
      tf.layers.conv2d({
        name,
        filters,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: seeds.glorotUniform(),
        ...(inputShape !== undefined ? { inputShape } : {}),
      });
    return tf.sequential({
      name: 'cnn',
      layers: [
        conv('conv2d_1', 32, [28, 28, 1]),
        tf.layers.maxPooling2d({ name: 'max_pooling2d_1', poolSize: 2 }),
        conv('conv2d_2', 64),
        tf.layers.maxPooling2d({ name: 'max_pooling2d_2', poolSize: 2 }),
        conv('conv2d_3', 64),
        tf.layers.flatten({ name: 'flatten' }),
        tf.layers.dense({
          name: 'dense_1',
          units: 64,
          activation: 'relu',
          kernelInitializer: seeds.glorotUniform(),
        }),
        tf.layers.dense({
          name: 'dense_2',
          units: 10,
          activation: 'softmax',
          kernelInitializer: seeds.glorotUniform(),
        }),
      ],
    });
  },
};
