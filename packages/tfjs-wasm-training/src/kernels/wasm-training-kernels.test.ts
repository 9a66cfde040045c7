import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { createBatchMatMulWasm } from './batch-mat-mul.js';
import { createConv2dBackpropInputWasm } from './conv2d-backprop-input.js';
import { createMaxPoolGradWasm } from './max-pool-grad.js';
import {
  onBackend,
  randomValues,
  relativeError,
  useBackend,
  useProducts,
  useSimdKernels,
} from '../kernel-tests.test-support.js';
import { backendDataCount, runKernel, tensorFromInfo } from '../tfjs-internals.js';
import { createReduceLeadingAxesWasm } from './reduce-leading-axes.js';
import {
  isTrainingKernelInstalled,
  registerWasmTrainingKernels,
  TRAINING_KERNEL_NAMES,
} from './register-wasm-training-kernels.js';
import { createTileWasm } from './tile.js';

type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number;
interface ConvCase {
  name: string;
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: Pad;
}

const TOLERANCE = 1e-5;
useBackend('wasm');

/** Small shapes only: the cpu reference is slow (realistic shapes belong in the bench). */
const convCases: ConvCase[] = [
  { name: 'valid, stride 1', x: [2, 6, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { name: 'same, stride 1', x: [2, 6, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  {
    name: 'valid, stride 2, odd size',
    x: [2, 7, 7, 2],
    filter: [3, 3, 2, 3],
    strides: 2,
    pad: 'valid',
  },
  {
    name: 'same, stride 2, odd size',
    x: [1, 7, 5, 2],
    filter: [3, 3, 2, 3],
    strides: 2,
    pad: 'same',
  },
  {
    name: 'same, even filter (asymmetric padding)',
    x: [2, 5, 6, 2],
    filter: [2, 4, 2, 3],
    strides: 1,
    pad: 'same',
  },
  {
    name: 'batch 1, one channel, 8x8',
    x: [1, 8, 8, 1],
    filter: [3, 3, 1, 4],
    strides: 1,
    pad: 'valid',
  },
  {
    name: 'mixed strides [1, 2]',
    x: [1, 8, 7, 4],
    filter: [3, 2, 4, 2],
    strides: [1, 2],
    pad: 'same',
  },
  {
    name: 'one channel, same, stride 2',
    x: [2, 7, 6, 1],
    filter: [3, 3, 1, 2],
    strides: 2,
    pad: 'same',
  },
  { name: 'numeric padding 1', x: [1, 5, 5, 2], filter: [3, 3, 2, 2], strides: 1, pad: 1 },
  {
    // Filter gradient of a one-channel input as dy^T.patches (4k filters, 4k output positions).
    name: 'one channel, same, stride 2, 4 filters',
    x: [2, 7, 6, 1],
    filter: [3, 3, 1, 4],
    strides: 2,
    pad: 'same',
  },
  {
    // Input gradient as dy.W^T + col2im (valid, 4k input channels, dy much smaller than dx).
    name: 'valid, stride 1, 4 input channels',
    x: [2, 7, 6, 4],
    filter: [3, 3, 4, 3],
    strides: 1,
    pad: 'valid',
  },
];

function convOutputShape(c: ConvCase): Shape4 {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
  return info.outShape as Shape4;
}

function size(shape: number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}

describe.each([
  { paths: 'SIMD kernels on', simd: true },
  { paths: 'SIMD kernels off (plain fallbacks)', simd: false },
])('$paths', ({ simd }) => {
  useSimdKernels(simd);

  describe('Conv2DBackpropFilter on wasm', () => {
    it.each(convCases)('agrees with the cpu backend: $name', async (c) => {
      const dyShape = convOutputShape(c);
      const x = randomValues(size(c.x), 1);
      const dy = randomValues(size(dyShape), 2);
      const compute = (): tf.Tensor =>
        runKernel(
          'Conv2DBackpropFilter',
          { x: tf.tensor4d(x, c.x), dy: tf.tensor4d(dy, dyShape) },
          { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter },
        ) as tf.Tensor;
      const expected = await onBackend('cpu', compute);
      const actual = await onBackend('wasm', compute);
      expect(relativeError(actual, expected)).toBeLessThan(TOLERANCE);
    });

    it('gives the filter gradient of a stride-2 conv2d through tf.grad', async () => {
      const x = randomValues(2 * 7 * 7 * 2, 3);
      const filter = randomValues(3 * 3 * 2 * 3, 4);
      const compute = (): tf.Tensor =>
        tf.grad((w: tf.Tensor) =>
          tf
            .conv2d(tf.tensor4d(x, [2, 7, 7, 2]), w as tf.Tensor4D, 2, 'same')
            .square()
            .sum(),
        )(tf.tensor4d(filter, [3, 3, 2, 3]));
      expect(
        relativeError(await onBackend('wasm', compute), await onBackend('cpu', compute)),
      ).toBeLessThan(TOLERANCE);
    });

    it('rejects NCHW with a clear error', () => {
      const x = tf.zeros([1, 1, 4, 4]);
      const dy = tf.zeros([1, 1, 2, 2]);
      expect(() =>
        runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 1, 1] },
        ),
      ).toThrow(/NCHW.*NHWC/);
      tf.dispose([x, dy]);
    });
  });

  describe('Conv2DBackpropInput on wasm', () => {
    it.each(convCases)('agrees with the cpu backend: $name', async (c) => {
      const dyShape = convOutputShape(c);
      const dy = randomValues(size(dyShape), 5);
      const filter = randomValues(size(c.filter), 6);
      const compute = (): tf.Tensor =>
        runKernel(
          'Conv2DBackpropInput',
          { dy: tf.tensor4d(dy, dyShape), filter: tf.tensor4d(filter, c.filter) },
          { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x },
        ) as tf.Tensor;
      const expected = await onBackend('cpu', compute);
      const actual = await onBackend('wasm', compute);
      expect(relativeError(actual, expected)).toBeLessThan(TOLERANCE);
    });

    it.each([
      {
        name: 'stride 1 takes the Conv2D path',
        strides: 1,
        pad: 'same' as Pad,
        x: [1, 5, 5, 2] as Shape4,
        stockCalls: 0,
      },
      {
        name: 'stride 2 falls back to the stock kernel',
        strides: 2,
        pad: 'same' as Pad,
        x: [1, 5, 5, 2] as Shape4,
        stockCalls: 1,
      },
      {
        name: 'padding wider than the filter falls back',
        strides: 1,
        pad: 3 as Pad,
        x: [1, 4, 4, 2] as Shape4,
        stockCalls: 1,
      },
    ])('$name', async ({ strides, pad, x, stockCalls }) => {
      const filterShape: Shape4 = [3, 3, 2, 2];
      const dyShape = convOutputShape({ name: '', x, filter: filterShape, strides, pad });
      const stock = vi.fn(tf.getKernel('Conv2DBackpropInput', 'wasm').kernelFunc);
      const kernel = createConv2dBackpropInputWasm(stock);
      const dy = randomValues(size(dyShape), 7);
      const filter = randomValues(size(filterShape), 8);
      const attrs = { strides, pad, dataFormat: 'NHWC', inputShape: x };
      const actual = await onBackend('wasm', () => {
        const inputs = { dy: tf.tensor4d(dy, dyShape), filter: tf.tensor4d(filter, filterShape) };
        const info = kernel({ inputs, backend: tf.backend(), attrs }) as tf.TensorInfo;
        return tensorFromInfo(info);
      });
      const expected = await onBackend(
        'cpu',
        () =>
          runKernel(
            'Conv2DBackpropInput',
            { dy: tf.tensor4d(dy, dyShape), filter: tf.tensor4d(filter, filterShape) },
            attrs,
          ) as tf.Tensor,
      );
      expect(stock).toHaveBeenCalledTimes(stockCalls);
      expect(relativeError(actual, expected)).toBeLessThan(TOLERANCE);
    });
  });

  describe('Tile on wasm', () => {
    it.each([
      {
        name: 'BatchNorm-style broadcast [1,1,1,C]',
        shape: [1, 1, 1, 4],
        reps: [2, 3, 5, 1],
        stockCalls: 0,
      },
      { name: 'broadcast of a middle axis', shape: [2, 1, 3], reps: [1, 4, 1], stockCalls: 0 },
      { name: 'batch 1, nothing tiled', shape: [1, 3], reps: [1, 1], stockCalls: 0 },
      { name: 'a tiled axis of size 2 falls back', shape: [2, 3], reps: [3, 1], stockCalls: 1 },
    ])('$name', async ({ shape, reps, stockCalls }) => {
      const values = randomValues(size(shape), 9);
      const stock = vi.fn(tf.getKernel('Tile', 'wasm').kernelFunc);
      const kernel = createTileWasm(stock);
      const actual = await onBackend('wasm', () => {
        const info = kernel({
          inputs: { x: tf.tensor(values, shape) },
          backend: tf.backend(),
          attrs: { reps },
        }) as tf.TensorInfo;
        return tensorFromInfo(info);
      });
      const expected = await onBackend('cpu', () => tf.tile(tf.tensor(values, shape), reps));
      expect(stock).toHaveBeenCalledTimes(stockCalls);
      expect(actual).toEqual(expected);
    });

    it('leaves int32 tensors to the stock kernel', async () => {
      const actual = await onBackend('wasm', () =>
        tf.tile(tf.tensor([[1], [2]], [2, 1], 'int32'), [1, 3]),
      );
      expect(actual).toEqual([1, 1, 1, 2, 2, 2]);
    });
  });

  describe('Sum and Mean over leading axes on wasm', () => {
    it.each([
      {
        name: 'per-channel statistics of NHWC',
        shape: [2, 3, 5, 4],
        axis: [0, 1, 2],
        keepDims: false,
        stockCalls: 0,
      },
      {
        name: 'kept dims, axes given out of order',
        shape: [3, 4, 2],
        axis: [1, 0],
        keepDims: true,
        stockCalls: 0,
      },
      {
        name: 'negative axis as a leading axis',
        shape: [5, 3],
        axis: -2,
        keepDims: false,
        stockCalls: 0,
      },
      { name: 'batch 1', shape: [1, 7, 3], axis: [0, 1], keepDims: false, stockCalls: 0 },
      {
        name: 'inner axes fall back',
        shape: [2, 3, 4],
        axis: [1, 2],
        keepDims: false,
        stockCalls: 1,
      },
      { name: 'all axes fall back', shape: [2, 3], axis: [0, 1], keepDims: false, stockCalls: 1 },
      {
        name: 'a gap in the axes falls back',
        shape: [2, 3, 4],
        axis: [0, 2],
        keepDims: false,
        stockCalls: 1,
      },
    ])('$name', async ({ shape, axis, keepDims, stockCalls }) => {
      const values = randomValues(size(shape), 12);
      for (const [kind, kernelName] of [
        ['sum', 'Sum'],
        ['mean', 'Mean'],
      ] as const) {
        const stock = vi.fn(tf.getKernel(kernelName, 'wasm').kernelFunc);
        const kernel = createReduceLeadingAxesWasm(kind, stock);
        let outShape: number[] = [];
        const actual = await onBackend('wasm', () => {
          const inputs = { x: tf.tensor(values, shape) };
          const info = kernel({
            inputs,
            backend: tf.backend(),
            attrs: { axis, keepDims },
          }) as tf.TensorInfo;
          outShape = info.shape;
          return tensorFromInfo(info);
        });
        const reference = (): tf.Tensor =>
          kind === 'sum'
            ? tf.sum(tf.tensor(values, shape), axis, keepDims)
            : tf.mean(tf.tensor(values, shape), axis, keepDims);
        expect(stock).toHaveBeenCalledTimes(stockCalls);
        expect(outShape).toEqual(tf.tidy(() => reference().shape));
        expect(relativeError(actual, await onBackend('cpu', reference))).toBeLessThan(TOLERANCE);
      }
    });

    it('leaves int32 sums to the stock kernel', async () => {
      expect(
        await onBackend('wasm', () =>
          tf.sum(
            tf.tensor(
              [
                [1, 2],
                [3, 4],
              ],
              [2, 2],
              'int32',
            ),
            0,
          ),
        ),
      ).toEqual([4, 6]);
    });
  });

  describe('MaxPoolGrad on wasm', () => {
    it.each([
      {
        name: '2x2 pool, stride 2, valid',
        x: [2, 6, 6, 3] as Shape4,
        filterSize: 2,
        strides: 2,
        pad: 'valid' as Pad,
      },
      {
        name: 'odd size, valid (last row and column unused)',
        x: [1, 7, 5, 2] as Shape4,
        filterSize: 2,
        strides: 2,
        pad: 'valid' as Pad,
      },
      {
        name: '3x3 pool, stride 2, same (padded windows)',
        x: [2, 7, 7, 2] as Shape4,
        filterSize: 3,
        strides: 2,
        pad: 'same' as Pad,
      },
      {
        name: 'overlapping 3x3 windows, stride 1',
        x: [1, 5, 6, 4] as Shape4,
        filterSize: 3,
        strides: 1,
        pad: 'valid' as Pad,
      },
    ])('agrees with the cpu backend: $name', async ({ x, filterSize, strides, pad }) => {
      const input = randomValues(size(x), 13);
      const outShape = tf.backend_util.computePool2DInfo(x, filterSize, strides, 1, pad).outShape;
      // Distinct weights per output, so a gradient sent to the wrong input shows.
      const weights = Array.from({ length: size(outShape) }, (_, i) => i + 1);
      const compute = (): tf.Tensor =>
        tf.grad((value: tf.Tensor) =>
          tf
            .maxPool(value as tf.Tensor4D, filterSize, strides, pad)
            .mul(tf.tensor(weights, outShape))
            .sum(),
        )(tf.tensor4d(input, x));
      expect(
        relativeError(await onBackend('wasm', compute), await onBackend('cpu', compute)),
      ).toBeLessThan(TOLERANCE);
    });

    it('sends the gradient of a tied window (ReLU zeros) to its first maximum, as cpu does', async () => {
      // Windows: a unique max, another unique max, all zeros, and a tie of two ones.
      const values = [0, 0, 0, 0, 5, 0, 0, 5, 0, 0, 0, 0, 0, 0, 1, 1];
      const compute = (): tf.Tensor =>
        tf.grad((value: tf.Tensor) => tf.maxPool(value as tf.Tensor4D, 2, 2, 'valid').sum())(
          tf.tensor4d(values, [1, 4, 4, 1]),
        );
      const expected = await onBackend('cpu', compute);
      expect(await onBackend('wasm', compute)).toEqual(expected);
      expect(expected.reduce((sum, value) => sum + value, 0)).toBe(4);
    });

    it('leaves non-float32 tensors to the stock kernel', () => {
      const stock = vi.fn(() => ({ dataId: {}, shape: [1], dtype: 'int32' as const }));
      const kernel = createMaxPoolGradWasm(stock);
      const info = { dataId: {}, shape: [1, 2, 2, 1], dtype: 'int32' as const };
      kernel({
        inputs: { dy: info, input: info, output: info },
        backend: tf.backend(),
        attrs: { filterSize: 2, strides: 2, pad: 'valid' },
      });
      expect(stock).toHaveBeenCalledTimes(1);
    });
  });

  describe('registerWasmTrainingKernels', () => {
    it('puts its own function in place of every kernel it lists, stock ones included', () => {
      // So the agreement tests here, which run kernels by name, compare the fast kernels.
      expect(TRAINING_KERNEL_NAMES).toHaveLength(17);
      expect(TRAINING_KERNEL_NAMES.filter((name) => !isTrainingKernelInstalled(name))).toEqual([]);
      expect(isTrainingKernelInstalled('Relu')).toBe(false); // a kernel it leaves alone
    });

    it('is idempotent: a second call keeps the registered kernels', () => {
      const before = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'Tile'].map(
        (name) => tf.getKernel(name, 'wasm').kernelFunc,
      );
      registerWasmTrainingKernels();
      const after = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'Tile'].map(
        (name) => tf.getKernel(name, 'wasm').kernelFunc,
      );
      expect(after).toEqual(before);
    });

    it('leaks no tensors or WASM memory through the overrides', async () => {
      const x = tf.tensor4d(randomValues(2 * 6 * 6 * 3, 10), [2, 6, 6, 3]);
      const w = tf.tensor4d(randomValues(3 * 3 * 3 * 4, 11), [3, 3, 3, 4]);
      const step = (): tf.Tensor[] =>
        tf.grads((input: tf.Tensor, filter: tf.Tensor) =>
          tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same').sum(),
        )([x, w]);
      tf.dispose(step());
      const tensors = tf.memory().numTensors;
      const dataIds = backendDataCount();
      tf.dispose(step());
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backendDataCount()).toBe(dataIds);
      tf.dispose([x, w]);
    });
  });

  describe('BatchMatMul with transposed operands on wasm, without our GEMM', () => {
    useProducts(undefined);

    it.each([
      { name: 'plain', a: [3, 5], b: [5, 4], transposeA: false, transposeB: false },
      {
        name: 'transposeA (a weight gradient)',
        a: [5, 3],
        b: [5, 4],
        transposeA: true,
        transposeB: false,
      },
      {
        name: 'transposeB (an input gradient)',
        a: [3, 5],
        b: [4, 5],
        transposeA: false,
        transposeB: true,
      },
      { name: 'both', a: [5, 3], b: [4, 5], transposeA: true, transposeB: true },
      {
        name: 'batched, batch 1 broadcast',
        a: [1, 5, 3],
        b: [2, 4, 5],
        transposeA: true,
        transposeB: true,
      },
      { name: 'batched, one row', a: [2, 1, 6], b: [2, 3, 6], transposeA: false, transposeB: true },
    ])('$name', async ({ a, b, transposeA, transposeB }) => {
      const aValues = randomValues(size(a), 21);
      const bValues = randomValues(size(b), 22);
      const stock = vi.fn(tf.getKernel('BatchMatMul', 'wasm').kernelFunc);
      const kernel = createBatchMatMulWasm(stock);
      const actual = await onBackend('wasm', () => {
        const info = kernel({
          inputs: { a: tf.tensor(aValues, a), b: tf.tensor(bValues, b) },
          backend: tf.backend(),
          attrs: { transposeA, transposeB },
        }) as tf.TensorInfo;
        return tensorFromInfo(info);
      });
      const expected = await onBackend('cpu', () =>
        tf.matMul(tf.tensor(aValues, a), tf.tensor(bValues, b), transposeA, transposeB),
      );
      // The stock kernel only ever sees untransposed operands: its fast path.
      expect(stock).toHaveBeenCalledTimes(1);
      expect(stock.mock.calls[0]![0].attrs).toMatchObject({ transposeA: false, transposeB: false });
      expect(relativeError(actual, expected)).toBeLessThan(TOLERANCE);
    });
  });
});
