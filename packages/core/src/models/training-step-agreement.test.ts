import * as tf from '@tensorflow/tfjs';
import { createRng } from '@fashion-lab/data';
import {
  activeMatrixProducts,
  createWasmSimdProducts,
  useClosedFormBatchNormGradients,
  useMatrixProducts,
  useSeededDropout,
  type MatrixProducts,
} from '@fashion-lab/tfjs-wasm-training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * seeds, L2 penalties) on `backendName`, flattened into one list, and the kernels the step ran.
 * Batch 2 keeps the cpu side fast.
 */
async function trainingStep(
  backendName: string,
  name: ModelName,
): Promise<{ gradients: number[]; kernels: Set<string> }> {
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
  let grads: tf.NamedTensorMap = {};
  const profile = await tf.profile(() => {
    ({ grads } = tf.variableGrads(() => {
      const predictions = model.apply(x, { training: true }) as tf.Tensor;
      // The L2 penalties, as trainOnBatch adds them.
      const penalties = model.calculateLosses();
      return tf.addN([
        tf.losses.softmaxCrossEntropy(y, tf.log(predictions)),
        ...penalties,
      ]) as tf.Scalar;
    }));
    return Object.values(grads);
  });
  const names = Object.keys(grads).sort();
  const values = await Promise.all(names.map(async (key) => Array.from(await grads[key]!.data())));
  tf.dispose([x, y, ...Object.values(grads)]);
  model.dispose();
  return {
    gradients: values.flat(),
    kernels: new Set(profile.kernels.map((kernel) => kernel.name)),
  };
}

/** The fused kernels of @fashion-lab/tfjs-wasm-training that a step runs on wasm. */
const RELU_GRAD = 'FashionLabReluGrad';
const DROPOUT = 'FashionLabDropout';
const BATCH_NORM = ['FashionLabBatchNormForward', 'FashionLabBatchNormBackward'];

describe.each([
  { paths: 'SIMD kernels on', simd: true },
  { paths: 'SIMD kernels off (plain fallbacks)', simd: false },
])('$paths', ({ simd }) => {
  useSimdKernels(simd);

  it.each([
    { name: 'dense', regularized: false },
    { name: 'cnn', regularized: false },
    { name: 'cnn-regularized', regularized: true },
    { name: 'cnn-strong', regularized: true },
  ] as const)(
    '$name: a whole training step on wasm gives the cpu backend gradients, through the fast paths',
    async ({ name, regularized }) => {
      const expected = await trainingStep('cpu', name);
      const actual = await trainingStep('wasm', name);
      expect(actual.gradients.length).toBe(expected.gradients.length);
      expect(relativeError(actual.gradients, expected.gradients)).toBeLessThan(1e-4);
      // The fast paths really ran (a silent fallback would agree with cpu too): the fused ReLU
      // gradient, seeded dropout, and BatchNorm's closed form (its fused kernels need SIMD),
      // never the stock BatchNorm layer's FusedBatchNorm.
      const fused = [RELU_GRAD, ...(regularized ? [DROPOUT] : [])];
      if (regularized && simd) fused.push(...BATCH_NORM);
      expect(fused.filter((kernel) => !actual.kernels.has(kernel))).toEqual([]);
      expect(actual.kernels.has('FusedBatchNorm')).toBe(false);
      if (!simd) expect(BATCH_NORM.filter((kernel) => actual.kernels.has(kernel))).toEqual([]);
    },
  );
});

describe('our GEMM on every product of the step (Conv2D as im2col + GEMM too)', () => {
  const everything = createWasmSimdProducts();
  let computed = 0;
  const counting: MatrixProducts = {
    name: everything.name,
    takes: (shape, backend) => everything.takes(shape, backend),
    multiply: (backend, request) => {
      computed++;
      return everything.multiply(backend, request);
    },
  };
  let previous: MatrixProducts | undefined;
  beforeAll(() => {
    previous = activeMatrixProducts();
    useMatrixProducts(counting);
  });
  afterAll(() => useMatrixProducts(previous));

  it.each(['dense', 'cnn', 'cnn-regularized', 'cnn-strong'] as const)(
    '%s: the step gives the cpu backend gradients',
    async (name) => {
      const expected = await trainingStep('cpu', name);
      const before = computed;
      const actual = await trainingStep('wasm', name);
      // Dense (3 layers): 2 forward (the softmax layer's linear product is tfjs's fused
      // _FusedMatMul), 3 weight and 2 input gradients; a CNN adds its convolutions' products.
      expect(computed - before).toBeGreaterThanOrEqual(name === 'dense' ? 7 : 12);
      expect(relativeError(actual.gradients, expected.gradients)).toBeLessThan(1e-4);
    },
  );
});
