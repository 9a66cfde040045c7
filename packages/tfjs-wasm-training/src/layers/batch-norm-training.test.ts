import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackendForFile } from '../kernel-tests.test-support.js';
import { useClosedFormBatchNormGradients } from './batch-norm-training.js';

useBackendForFile('cpu');

/** A small conv -> BatchNorm -> dense network with fixed initial weights. */
function network(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [7, 5, 1],
        filters: 3,
        kernelSize: 3,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.batchNormalization({
        momentum: 0.9,
        gammaInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: 2 }),
        betaInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 3 }),
      }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return model;
}

async function trainThreeSteps(
  model: tf.Sequential,
): Promise<{ losses: number[]; weights: number[][] }> {
  const x = tf.randomNormal([6, 7, 5, 1], 0.3, 2, 'float32', 5);
  const y = tf.randomNormal([6, 4], 0, 1, 'float32', 6);
  const losses: number[] = [];
  for (let step = 0; step < 3; step++) losses.push((await model.trainOnBatch(x, y)) as number);
  tf.dispose([x, y]);
  const weights = await Promise.all(
    model.getWeights().map(async (w) => Array.from(await w.data())),
  );
  return { losses, weights };
}

describe('useClosedFormBatchNormGradients', () => {
  it('trains exactly as the stock layer: losses, weights and moving statistics agree', async () => {
    const stock = await trainThreeSteps(network());
    const fusedModel = network();
    useClosedFormBatchNormGradients(fusedModel);
    const fused = await trainThreeSteps(fusedModel);
    fused.losses.forEach((loss, step) => expect(loss).toBeCloseTo(stock.losses[step]!, 5));
    expect(fused.weights).toHaveLength(stock.weights.length);
    fused.weights.forEach((values, index) => {
      values.forEach((value, i) => expect(value).toBeCloseTo(stock.weights[index]![i]!, 5));
    });
    // The moving statistics moved off their initial 0 and 1, so the update path really ran.
    const movingMean = fused.weights.at(-2)!;
    expect(movingMean.some((value) => Math.abs(value) > 1e-3)).toBe(true);
  });

  it('leaks no tensors over a training step and leaves inference alone', async () => {
    const model = network();
    useClosedFormBatchNormGradients(model);
    useClosedFormBatchNormGradients(model); // a second call must not wrap the layer twice
    const x = tf.randomNormal([2, 7, 5, 1], 0, 1, 'float32', 7);
    const y = tf.zeros([2, 4]);
    await model.trainOnBatch(x, y);
    const before = tf.memory().numTensors;
    await model.trainOnBatch(x, y);
    expect(tf.memory().numTensors).toBe(before);

    const reference = network();
    reference.setWeights(model.getWeights());
    const [ours, theirs] = [model, reference].map((m) => m.predict(x) as tf.Tensor);
    expect(Array.from(await ours!.data())).toEqual(Array.from(await theirs!.data()));
    tf.dispose([x, y, ours!, theirs!]);
    model.dispose();
    reference.dispose();
  });
});
