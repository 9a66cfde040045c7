import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../kernel-tests.test-support.js';
import {
  BATCH_NORM_BACKWARD_KERNEL,
  BATCH_NORM_FORWARD_KERNEL,
} from '../kernels/batch-norm-kernels.js';
import { useClosedFormBatchNormGradients } from './batch-norm-training.js';

/**
 * A small conv -> BatchNorm -> dense network with fixed initial weights; 4 channels, so on 'wasm'
 * the fused SIMD kernels apply.
 */
function network(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [7, 5, 1],
        filters: 4,
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

/** Three training steps: the losses, the final weights and the kernels the steps ran. */
async function trainThreeSteps(
  model: tf.Sequential,
): Promise<{ losses: number[]; weights: number[][]; kernels: Set<string> }> {
  const x = tf.randomNormal([6, 7, 5, 1], 0.3, 2, 'float32', 5);
  const y = tf.randomNormal([6, 4], 0, 1, 'float32', 6);
  const losses: number[] = [];
  const profile = await tf.profile(async () => {
    for (let step = 0; step < 3; step++) losses.push((await model.trainOnBatch(x, y)) as number);
  });
  tf.dispose([x, y]);
  const weights = await Promise.all(
    model.getWeights().map(async (w) => Array.from(await w.data())),
  );
  return { losses, weights, kernels: new Set(profile.kernels.map(({ name }) => name)) };
}

describe.each([
  { backendName: 'cpu', path: 'op by op', fusedKernels: [] },
  {
    backendName: 'wasm',
    path: 'in the fused SIMD kernels',
    fusedKernels: [BATCH_NORM_FORWARD_KERNEL, BATCH_NORM_BACKWARD_KERNEL],
  },
] as const)(
  'useClosedFormBatchNormGradients on $backendName ($path)',
  ({ backendName, fusedKernels }) => {
    useBackend(backendName);

    it('trains exactly as the stock layer: losses, weights and moving statistics agree', async () => {
      const stock = await trainThreeSteps(network());
      const fusedModel = network();
      useClosedFormBatchNormGradients(fusedModel);
      const fused = await trainThreeSteps(fusedModel);
      // The patched pass really ran: the stock layer's training call normalizes with FusedBatchNorm
      // (and its gradient tiles), the closed form never does; on 'wasm' its own kernels ran.
      expect(stock.kernels).toContain('FusedBatchNorm');
      expect(fused.kernels).not.toContain('FusedBatchNorm');
      expect(fused.kernels).not.toContain('Tile');
      for (const kernel of fusedKernels) expect(fused.kernels).toContain(kernel);
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
  },
);
