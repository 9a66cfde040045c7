import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import {
  compileTrainingKernels,
  EMBEDDED,
  embeddedModuleSource,
} from '../../scripts/training-kernels-wasm.mjs';
import {
  kernelsRunOn,
  onBackend,
  randomValues,
  relativeError,
  useBackend,
} from '../kernel-tests.test-support.js';
import { trainingBatchNorm } from '../layers/batch-norm-training.js';
import { backendDataCount, currentWasmBackend, tensorFromInfo } from '../tfjs-internals.js';
import {
  BATCH_NORM_BACKWARD_KERNEL,
  BATCH_NORM_FORWARD_KERNEL,
  hasFusedBatchNorm,
} from './batch-norm-kernels.js';
import { createChannelBiasAddWasm } from './channel-bias-add.js';
import { createInferenceBatchNormWasm } from './inference-batch-norm.js';
import { RELU_GRAD_KERNEL } from './relu-gradient.js';
import { simdTrainingKernels } from './simd-training-kernels.js';

const TOLERANCE = 1e-5;
useBackend('wasm');

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
    // One fused kernel instead of tfjs's Step and Multiply: the fast path ran.
    const kernels = await kernelsRunOn('wasm', compute);
    expect(kernels.filter((name) => name === RELU_GRAD_KERNEL)).toHaveLength(1);
    expect(kernels).not.toContain('Step');
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
    // The fused kernels ran, once each way, instead of the op-by-op closed form (its Rsqrt).
    const kernels = await kernelsRunOn('wasm', compute);
    expect(kernels.filter((name) => name === BATCH_NORM_FORWARD_KERNEL)).toHaveLength(1);
    expect(kernels.filter((name) => name === BATCH_NORM_BACKWARD_KERNEL)).toHaveLength(1);
    expect(kernels).not.toContain('Rsqrt');
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
    { name: 'tensor + [C]', a: [2, 3, 3, 8], b: [8], stockCalls: 0 },
    { name: '[C] + tensor', a: [8], b: [2, 3, 3, 8], stockCalls: 0 },
    { name: 'tensor + [1, 1, 1, C]', a: [2, 3, 3, 8], b: [1, 1, 1, 8], stockCalls: 0 },
    { name: 'dense activations + [C]', a: [5, 12], b: [12], stockCalls: 0 },
    { name: '6 channels (stock kernel)', a: [2, 3, 3, 6], b: [6], stockCalls: 1 },
    { name: 'same shapes (stock kernel)', a: [2, 4], b: [2, 4], stockCalls: 1 },
  ])('agrees with the cpu backend: $name', async ({ a, b, stockCalls }) => {
    const [aValues, bValues] = [randomValues(size(a), 61), randomValues(size(b), 62)];
    const stock = vi.fn(tf.getKernel('Add', 'wasm').kernelFunc);
    const kernel = createChannelBiasAddWasm(stock);
    const actual = await onBackend('wasm', () => {
      const inputs = { a: tf.tensor(aValues, a), b: tf.tensor(bValues, b) };
      return tensorFromInfo(kernel({ inputs, backend: tf.backend(), attrs: {} }) as tf.TensorInfo);
    });
    const expected = await onBackend('cpu', () =>
      tf.add(tf.tensor(aValues, a), tf.tensor(bValues, b)),
    );
    expect(stock).toHaveBeenCalledTimes(stockCalls);
    expect(actual).toEqual(expected);
  });
});

describe('inference-mode BatchNorm on wasm', () => {
  it.each([
    { name: 'scale and offset', shape: [2, 3, 3, 8], withAffine: true, stockCalls: 0 },
    { name: 'no scale or offset', shape: [3, 8], withAffine: false, stockCalls: 0 },
    { name: '6 channels (stock kernel)', shape: [2, 2, 2, 6], withAffine: true, stockCalls: 1 },
  ])('agrees with the cpu backend: $name', async ({ shape, withAffine, stockCalls }) => {
    const channels = shape[shape.length - 1]!;
    const vector = (seed: number, shift = 0): Float32Array =>
      randomValues(channels, seed).map((v) => v + shift);
    const x = randomValues(size(shape), 81);
    const [mean, variance, offset, scale] = [
      vector(82),
      vector(83, 1.5),
      vector(84),
      vector(85, 1),
    ];
    const stock = vi.fn(tf.getKernel('FusedBatchNorm', 'wasm').kernelFunc);
    const kernel = createInferenceBatchNormWasm(stock);
    const actual = await onBackend('wasm', () => {
      const inputs = {
        x: tf.tensor(x, shape),
        mean: tf.tensor1d(mean),
        variance: tf.tensor1d(variance),
        ...(withAffine ? { offset: tf.tensor1d(offset), scale: tf.tensor1d(scale) } : {}),
      };
      const attrs = { varianceEpsilon: 1e-3 };
      return tensorFromInfo(kernel({ inputs, backend: tf.backend(), attrs }) as tf.TensorInfo);
    });
    const expected = await onBackend('cpu', () =>
      tf.batchNorm(
        tf.tensor(x, shape),
        tf.tensor1d(mean),
        tf.tensor1d(variance),
        withAffine ? tf.tensor1d(offset) : undefined,
        withAffine ? tf.tensor1d(scale) : undefined,
        1e-3,
      ),
    );
    expect(stock).toHaveBeenCalledTimes(stockCalls);
    expect(relativeError(actual, expected)).toBeLessThan(TOLERANCE);
  });
});
