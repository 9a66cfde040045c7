import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  compileTrainingKernels,
  EMBEDDED,
  embeddedModuleSource,
} from '../../scripts/training-kernels-wasm.mjs';
import { trainingBatchNorm } from '../layers/batch-norm-training.js';
import { hasFusedBatchNorm } from './batch-norm-kernels.js';
import {
  onBackend,
  randomValues,
  relativeError,
  useBackendForFile,
} from '../kernel-tests.test-support.js';
import { backendDataCount, currentWasmBackend } from '../tfjs-internals.js';
import { simdTrainingKernels } from './simd-training-kernels.js';

const TOLERANCE = 1e-5;
useBackendForFile('wasm');

function size(shape: number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}

describe('the SIMD training kernels', () => {
  it('are embedded exactly as assembly/training-kernels.ts compiles (rebuild: tfjs-wasm-training:training-kernels)', async () => {
    const expected = embeddedModuleSource(await compileTrainingKernels());
    expect(await readFile(EMBEDDED, 'utf8')).toBe(expected);
  });

  it('load on the WASM backend of this Node, and step aside when tfjs says no SIMD', () => {
    const backend = currentWasmBackend()!;
    expect(simdTrainingKernels(backend)).toBeDefined();
    const activations = tf.zeros([2, 4]);
    tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
    try {
      expect(simdTrainingKernels(backend)).toBeUndefined();
      expect(hasFusedBatchNorm(activations)).toBe(false);
    } finally {
      tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
      activations.dispose();
    }
  });
});

describe("ReLU's gradient on wasm", () => {
  it.each([
    { name: 'a multiple of 4 values', shape: [2, 3, 4, 4] },
    { name: 'an odd count (scalar tail)', shape: [3, 5, 7] },
  ])('agrees with the cpu backend: $name', async ({ shape }) => {
    // Exact zeros too: their gradient is 0 on both backends (step(0) = 0).
    const values = randomValues(size(shape), 31).map((v, i) => (i % 7 === 0 ? 0 : v));
    const weights = randomValues(size(shape), 32);
    const compute = (): tf.Tensor =>
      tf.grad((x: tf.Tensor) => tf.relu(x).mul(tf.tensor(weights, shape)).sum())(
        tf.tensor(values, shape),
      );
    // The SIMD kernel masks to +0 where the stock dy * 0 gives -0 for negative dy: the same value.
    const positiveZeros = (values: number[]): number[] => values.map((value) => value + 0);
    const expected = positiveZeros(await onBackend('cpu', compute));
    expect(positiveZeros(await onBackend('wasm', compute))).toEqual(expected);
  });
});

describe('MaxPoolGrad on wasm with 4k channels (SIMD)', () => {
  it.each([
    { name: 'even size', x: [2, 6, 6, 4] as [number, number, number, number] },
    {
      name: 'odd size (uncovered row and column)',
      x: [1, 7, 5, 8] as [number, number, number, number],
    },
  ])('agrees with the cpu backend: $name', async ({ x }) => {
    // Rounded values give ties inside windows: the first maximum must take the gradient.
    const input = randomValues(size(x), 41).map((value) => Math.round(value * 2));
    const outShape = tf.backend_util.computePool2DInfo(x, 2, 2, 1, 'valid').outShape;
    const weights = Array.from({ length: size(outShape) }, (_, i) => i + 1);
    const compute = (): tf.Tensor =>
      tf.grad((value: tf.Tensor) =>
        tf
          .maxPool(value as tf.Tensor4D, 2, 2, 'valid')
          .mul(tf.tensor(weights, outShape))
          .sum(),
      )(tf.tensor4d(input, x));
    const expected = await onBackend('cpu', compute);
    expect(await onBackend('wasm', compute)).toEqual(expected);
  });
});

describe('fused BatchNorm on wasm', () => {
  /** Output, batch statistics and the three gradients of a weighted sum of the output. */
  function batchNormResults(shape: number[]): () => tf.Tensor {
    const channels = shape[shape.length - 1]!;
    return () => {
      const x = tf.tensor(
        randomValues(size(shape), 51).map((v, i) => v * 3 + (i % channels)),
        shape,
      );
      const gamma = tf.tensor1d(randomValues(channels, 52).map((v) => v + 1.5));
      const beta = tf.tensor1d(randomValues(channels, 53));
      const weights = tf.tensor(randomValues(size(shape), 54), shape);
      let statistics: tf.Tensor[] = [];
      const loss = (input: tf.Tensor, scale: tf.Tensor, offset: tf.Tensor): tf.Scalar => {
        const { output, mean, variance } = trainingBatchNorm(input, scale, offset, 1e-3);
        statistics = [mean, variance];
        return output.mul(weights).sum();
      };
      const { value, grads } = tf.valueAndGrads(loss as (...t: tf.Tensor[]) => tf.Scalar)([
        x,
        gamma,
        beta,
      ]);
      const all = tf.concat([value.reshape([1]), ...statistics, ...grads.map((g) => g.flatten())]);
      tf.dispose(statistics); // kept by trainingBatchNorm for the moving averages
      return all;
    };
  }

  it.each([
    { name: 'conv activations, rows not a multiple of the 32-row chunk', shape: [3, 5, 7, 8] },
    { name: 'dense activations (rank 2)', shape: [70, 4] },
  ])('gives the cpu backend values, statistics and gradients: $name', async ({ shape }) => {
    const compute = batchNormResults(shape);
    const expected = await onBackend('cpu', compute);
    const actual = await onBackend('wasm', compute);
    expect(relativeError(actual, expected)).toBeLessThan(TOLERANCE);
  });

  it('is used for 4k channels only; others keep the op-by-op path', () => {
    const [fits, odd] = [tf.zeros([2, 3, 3, 8]), tf.zeros([2, 3, 3, 6])];
    expect([hasFusedBatchNorm(fits), hasFusedBatchNorm(odd)]).toEqual([true, false]);
    tf.dispose([fits, odd]);
  });

  it('leaks no tensors or WASM memory over a training step', () => {
    const compute = batchNormResults([2, 4, 4, 8]);
    tf.dispose(tf.tidy(compute));
    const tensors = tf.memory().numTensors;
    const dataIds = backendDataCount();
    tf.dispose(tf.tidy(compute));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backendDataCount()).toBe(dataIds);
  });
});

describe('per-channel bias Add on wasm', () => {
  it.each([
    { name: 'tensor + [C]', a: [2, 3, 3, 8], b: [8] },
    { name: '[C] + tensor', a: [8], b: [2, 3, 3, 8] },
    { name: 'tensor + [1, 1, 1, C]', a: [2, 3, 3, 8], b: [1, 1, 1, 8] },
    { name: 'dense activations + [C]', a: [5, 12], b: [12] },
    { name: '6 channels (stock kernel)', a: [2, 3, 3, 6], b: [6] },
    { name: 'same shapes (stock kernel)', a: [2, 4], b: [2, 4] },
  ])('agrees with the cpu backend: $name', async ({ a, b }) => {
    const compute = (): tf.Tensor =>
      tf.add(tf.tensor(randomValues(size(a), 61), a), tf.tensor(randomValues(size(b), 62), b));
    const expected = await onBackend('cpu', compute);
    expect(await onBackend('wasm', compute)).toEqual(expected);
  });
});

describe('inference-mode BatchNorm on wasm', () => {
  it.each([
    { name: 'scale and offset', shape: [2, 3, 3, 8], withAffine: true },
    { name: 'no scale or offset', shape: [3, 8], withAffine: false },
    { name: '6 channels (stock kernel)', shape: [2, 2, 2, 6], withAffine: true },
  ])('agrees with the cpu backend: $name', async ({ shape, withAffine }) => {
    const channels = shape[shape.length - 1]!;
    const vector = (seed: number, shift = 0): tf.Tensor1D =>
      tf.tensor1d(randomValues(channels, seed).map((v) => v + shift));
    const compute = (): tf.Tensor =>
      tf.batchNorm(
        tf.tensor(randomValues(size(shape), 81), shape),
        vector(82),
        vector(83, 1.5),
        withAffine ? vector(84) : undefined,
        withAffine ? vector(85, 1) : undefined,
        1e-3,
      );
    const expected = await onBackend('cpu', compute);
    expect(relativeError(await onBackend('wasm', compute), expected)).toBeLessThan(TOLERANCE);
  });
});
