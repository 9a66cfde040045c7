import * as tf from '@tensorflow/tfjs';
import { createRng } from '@fashion-lab/data';
import { useClosedFormBatchNormGradients, useSeededDropout } from '@fashion-lab/tfjs-wasm-training';
import { describe, expect, it } from 'vitest';
import type { ModelName } from '@fashion-lab/run';
import { useBackendForFile, useSimdKernels } from '../node/backend.test-support.js';
import { MODELS } from './registry.js';

useBackendForFile('wasm');

/** Largest absolute difference, relative to the largest magnitude in `expected` (at least 1). */
function relativeError(actual: readonly number[], expected: readonly number[]): number {
  const scale = expected.reduce((largest, value) => Math.max(largest, Math.abs(value)), 1);
  const worst = actual.reduce(
    (most, value, i) => Math.max(most, Math.abs(value - expected[i]!)),
    0,
  );
  return worst / scale;
}

/**
 * Every gradient of one training-mode step (BatchNorm batch statistics, dropout masks from fixed
 * seeds, L2 penalties) on `backendName`, flattened into one list. Batch 2 keeps the cpu side fast.
 */
async function stepGradients(backendName: string, name: ModelName): Promise<number[]> {
  await tf.setBackend(backendName);
  const model = MODELS[name].build(11);
  // As the train steps run it: closed-form BatchNorm and seeded dropout (fused kernels on wasm).
  useClosedFormBatchNormGradients(model);
  useSeededDropout(model);
  const rng = createRng(21);
  const x = tf.tensor4d(
    Float32Array.from({ length: 2 * 28 * 28 }, () => rng.next()),
    [2, 28, 28, 1],
  );
  const y = tf.oneHot(tf.tensor1d([3, 7], 'int32'), 10);
  const { grads } = tf.variableGrads(() => {
    const predictions = model.apply(x, { training: true }) as tf.Tensor;
    // The L2 penalties, as trainOnBatch adds them.
    const penalties = model.calculateLosses();
    return tf.addN([
      tf.losses.softmaxCrossEntropy(y, tf.log(predictions)),
      ...penalties,
    ]) as tf.Scalar;
  });
  const names = Object.keys(grads).sort();
  const values = await Promise.all(names.map(async (key) => Array.from(await grads[key]!.data())));
  tf.dispose([x, y, ...Object.values(grads)]);
  model.dispose();
  return values.flat();
}

describe.each([
  { paths: 'SIMD kernels on', simd: true },
  { paths: 'SIMD kernels off (plain fallbacks)', simd: false },
])('$paths', ({ simd }) => {
  useSimdKernels(simd);

  it.each(['dense', 'cnn', 'cnn-regularized', 'cnn-strong'] as const)(
    '%s: a whole training step on wasm gives the cpu backend gradients',
    async (name) => {
      const expected = await stepGradients('cpu', name);
      const actual = await stepGradients('wasm', name);
      expect(actual.length).toBe(expected.length);
      expect(relativeError(actual, expected)).toBeLessThan(1e-4);
    },
  );
});
