import * as tf from '@tensorflow/tfjs';
import { createRng } from '@fashion-lab/data';
import { reseedDropout } from '@fashion-lab/tfjs-wasm-training';
import { describe, expect, it } from 'vitest';
import { MODEL_NAMES, type ModelName } from '@fashion-lab/run';
import { useBackendForFile } from '../node/backend.test-support.js';
import { MODELS } from './registry.js';
import { countParams, summarizeLayers } from './summary.js';

useBackendForFile('cpu');

async function weightsOf(name: ModelName, seed: number): Promise<number[][]> {
  const model = MODELS[name].build(seed);
  const values = await Promise.all(
    model.getWeights().map(async (weight) => Array.from(await weight.data())),
  );
  model.dispose();
  return values;
}

describe('models', () => {
  it.each(MODEL_NAMES)('%s maps [n, 28, 28, 1] to a softmax over 10 classes', async (name) => {
    const model = MODELS[name].build(1);
    const output = tf.tidy(
      () => model.predict(tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 1)) as tf.Tensor,
    );
    expect(output.shape).toEqual([3, 10]);
    const rowSums = await output.sum(1).array();
    for (const sum of rowSums as number[]) expect(sum).toBeCloseTo(1, 5);
    output.dispose();
    model.dispose();
  });

  // dense: 784*256+256 + 256*256+256 + 256*10+10. cnn ('valid' convs): 3*3*1*32+32 + 3*3*32*64+64
  // + 3*3*64*64+64 + (3*3*64)*64+64 + 64*10+10. cnn-regularized: + 4 BatchNorm values a channel.
  it.each([
    ['dense', 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10, 269_322],
    ['cnn', 320 + 18_496 + 36_928 + 576 * 64 + 64 + 650, 93_322],
    ['cnn-regularized', 93_322 + 4 * (32 + 64 + 64), 93_962],
    [
      'cnn-strong',
      // convs 1->32, 32->64, 64->128 (3x3 + bias), BatchNorm 4 per channel, 3x3x128 -> 128 -> 10
      320 + 18_496 + 73_856 + 4 * (32 + 64 + 128) + (1152 * 128 + 128) + 1290,
      242_442,
    ],
  ] as const)('%s has %i parameters', (name, byHand, expected) => {
    expect(byHand).toBe(expected);
    const model = MODELS[name].build(1);
    expect(countParams(model)).toBe(expected);
    expect(summarizeLayers(model).reduce((sum, row) => sum + row.params, 0)).toBe(expected);
    model.dispose();
  });

  it('summarizes the cnn as a Keras-style layer table', () => {
    const model = MODELS.cnn.build(1);
    expect(summarizeLayers(model)).toEqual([
      { name: 'conv2d_1', type: 'Conv2D', outputShape: [null, 26, 26, 32], params: 320 },
      { name: 'max_pooling2d_1', type: 'MaxPooling2D', outputShape: [null, 13, 13, 32], params: 0 },
      { name: 'conv2d_2', type: 'Conv2D', outputShape: [null, 11, 11, 64], params: 18_496 },
      { name: 'max_pooling2d_2', type: 'MaxPooling2D', outputShape: [null, 5, 5, 64], params: 0 },
      { name: 'conv2d_3', type: 'Conv2D', outputShape: [null, 3, 3, 64], params: 36_928 },
      { name: 'flatten', type: 'Flatten', outputShape: [null, 576], params: 0 },
      { name: 'dense_1', type: 'Dense', outputShape: [null, 64], params: 36_928 },
      { name: 'dense_2', type: 'Dense', outputShape: [null, 10], params: 650 },
    ]);
    model.dispose();
  });

  it('puts BatchNormalization after each conv and Dropout after pooling and before the output', () => {
    const model = MODELS['cnn-regularized'].build(1);
    expect(summarizeLayers(model).map((row) => row.type)).toEqual([
      'Conv2D',
      'BatchNormalization',
      'MaxPooling2D',
      'Dropout',
      'Conv2D',
      'BatchNormalization',
      'MaxPooling2D',
      'Dropout',
      'Conv2D',
      'BatchNormalization',
      'Flatten',
      'Dense',
      'Dropout',
      'Dense',
    ]);
    model.dispose();
  });

  it.each(MODEL_NAMES)('%s: the build seed fixes the initial weights', async (name) => {
    const first = await weightsOf(name, 7);
    expect(await weightsOf(name, 7)).toEqual(first);
    expect(await weightsOf(name, 8)).not.toEqual(first);
  });

  it('saves only stock layers, so plain tf.loadLayersModel reads the model back', async () => {
    const model = MODELS['cnn-regularized'].build(3);
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    expect(summarizeLayers(loaded)).toEqual(summarizeLayers(model));
    model.dispose();
    loaded.dispose();
  });
});

describe('reseedDropout', () => {
  /** The units dropout_3 (rate 0.5) keeps in one training-mode call, as a 0/1 string. */
  function mask(model: tf.LayersModel): string {
    const layer = model.getLayer('dropout_3');
    return tf.tidy(() => {
      const output = layer.apply(tf.ones([1, 64]), { training: true }) as tf.Tensor;
      return Array.from(output.dataSync(), (value) => (value > 0 ? '1' : '0')).join('');
    });
  }

  function masksOverSteps(rngSeed: number, steps: number): string[] {
    const model = MODELS['cnn-regularized'].build(1);
    const rng = createRng(rngSeed);
    const masks: string[] = [];
    for (let step = 0; step < steps; step++) {
      reseedDropout(model, rng);
      masks.push(mask(model));
    }
    model.dispose();
    return masks;
  }

  it('is needed: a stock Dropout layer with a seed repeats its mask on every call', () => {
    const model = MODELS['cnn-regularized'].build(1);
    expect(mask(model)).toBe(mask(model));
    model.dispose();
  });

  it('draws a different mask at every step', () => {
    const masks = masksOverSteps(42, 4);
    expect(new Set(masks).size).toBe(4);
  });

  it('repeats the same masks for the same generator seed', () => {
    expect(masksOverSteps(42, 3)).toEqual(masksOverSteps(42, 3));
    expect(masksOverSteps(43, 3)).not.toEqual(masksOverSteps(42, 3));
  });
});
