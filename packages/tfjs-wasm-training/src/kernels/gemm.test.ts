import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  onBackend,
  randomValues,
  relativeError,
  useBackend,
  useProducts,
  useSimdKernels,
} from '../kernel-tests.test-support.js';
import { backendDataCount, currentWasmBackend } from '../tfjs-internals.js';
import type { MatrixProducts, ProductShape } from './matrix-products.js';
import { cachedPanelCount } from './packed-panels.js';
import { createWasmSimdProducts, oursWins } from './wasm-simd-products.js';

const TOLERANCE = 1e-5;
useBackend('wasm');

/** Our GEMM on every shape, with a record of the products it computed. */
function recordingProducts(): MatrixProducts & { computed: ProductShape[] } {
  const inner = createWasmSimdProducts();
  const computed: ProductShape[] = [];
  return {
    name: inner.name,
    computed,
    takes: (shape, backend) => {
      const takes = inner.takes(shape, backend);
      if (takes) computed.push(shape);
      return takes;
    },
    multiply: (backend, request) => inner.multiply(backend, request),
  };
}

interface ProductCase {
  name: string;
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

const plain = { transposeA: false, transposeB: false };
/** Edges of the 4x8 tile and of the depth blocks (at most 512 deep), batch 1, and the transposes of training. */
const productCases: ProductCase[] = [
  { name: '1x1 by 1x1', a: [1, 1, 1], b: [1, 1, 1], ...plain },
  { name: 'one row (batch 1 of a dense layer)', a: [1, 1, 37], b: [1, 37, 10], ...plain },
  { name: 'rows 5, columns 9: one past a tile each way', a: [1, 5, 3], b: [1, 3, 9], ...plain },
  { name: 'exactly one 4x8 tile', a: [1, 4, 6], b: [1, 6, 8], ...plain },
  { name: 'depth 513: one past a block', a: [1, 6, 513], b: [1, 513, 12], ...plain },
  {
    name: 'depth 1100 (three blocks), odd rows and columns',
    a: [1, 7, 1100],
    b: [1, 1100, 23],
    ...plain,
  },
  {
    name: 'transposeA (a weight gradient x^T.dy)',
    a: [1, 33, 13],
    b: [1, 33, 6],
    transposeA: true,
    transposeB: false,
  },
  {
    name: 'transposeB (an input gradient dy.W^T)',
    a: [1, 9, 7],
    b: [1, 19, 7],
    transposeA: false,
    transposeB: true,
  },
  { name: 'both transposed', a: [1, 5, 6], b: [1, 11, 5], transposeA: true, transposeB: true },
  { name: 'batch 3', a: [3, 5, 4], b: [3, 4, 9], ...plain },
  { name: 'batch 3, B broadcast', a: [3, 6, 5], b: [1, 5, 10], ...plain },
  {
    name: 'batch 2, A broadcast, B transposed',
    a: [1, 3, 4],
    b: [2, 7, 4],
    ...plain,
    transposeB: true,
  },
];

function size(shape: number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}

describe('our GEMM behind BatchMatMul on wasm', () => {
  const products = recordingProducts();
  useProducts(products);

  it.each(productCases)('agrees with the cpu backend: $name', async (c) => {
    const aValues = randomValues(size(c.a), 1);
    const bValues = randomValues(size(c.b), 2);
    const compute = (): tf.Tensor =>
      tf.matMul(tf.tensor(aValues, c.a), tf.tensor(bValues, c.b), c.transposeA, c.transposeB);
    const before = products.computed.length;
    const actual = await onBackend('wasm', compute);
    expect(products.computed.length).toBe(before + 1);
    expect(relativeError(actual, await onBackend('cpu', compute))).toBeLessThan(TOLERANCE);
  });

  it('packs a weight once per layout and repacks it after the weight is assigned', async () => {
    const backend = currentWasmBackend()!;
    // Values no other tensor holds, as a layer's weights after a step (tf.variable shares memory).
    const weights = tf.tidy(() => tf.variable(tf.tensor(randomValues(20 * 11, 3), [20, 11])));
    const x = tf.tensor(randomValues(6 * 20, 4), [6, 20]);
    const dy = tf.tensor(randomValues(6 * 11, 5), [6, 11]);
    const forward = async (): Promise<number[]> => Array.from(await tf.matMul(x, weights).data());
    const expected = async (): Promise<number[]> => {
      const w = await weights.data();
      return onBackend('cpu', () =>
        tf.matMul(tf.tensor(x.dataSync(), x.shape), tf.tensor(w, weights.shape)),
      );
    };
    const first = await forward();
    expect(relativeError(first, await expected())).toBeLessThan(TOLERANCE);
    expect(cachedPanelCount(backend)).toBe(1);
    expect(await forward()).toEqual(first);
    // The input gradient multiplies by W^T: a second layout of the same weight.
    tf.dispose(tf.matMul(dy, weights, false, true));
    expect(cachedPanelCount(backend)).toBe(2);
    // An optimizer's step assigns new values: the packed copies of the old ones must not be used.
    tf.tidy(() => weights.assign(tf.tensor(randomValues(20 * 11, 6), [20, 11])));
    const second = await forward();
    expect(relativeError(second, await expected())).toBeLessThan(TOLERANCE);
    expect(second).not.toEqual(first);
    expect(cachedPanelCount(backend)).toBe(1);
    tf.dispose([weights, x, dy]);
    expect(cachedPanelCount(backend)).toBe(0);
  });

  it('keeps no packed copy of tensors that are not weights', () => {
    const backend = currentWasmBackend()!;
    const a = tf.tensor(randomValues(5 * 8, 7), [5, 8]);
    const b = tf.tensor(randomValues(8 * 9, 8), [8, 9]);
    tf.dispose(tf.matMul(a, b));
    expect(cachedPanelCount(backend)).toBe(0);
    tf.dispose([a, b]);
  });
});

describe('the products the registered kernels give our GEMM (oursWins)', () => {
  const shape = (fields: Partial<ProductShape>): ProductShape => ({
    batch: 1,
    outShape: [],
    rows: 128,
    depth: 256,
    columns: 64,
    transposeA: false,
    transposeB: false,
    convolution: false,
    ...fields,
  });
  it.each([
    { name: 'a dense layer', fields: {}, ours: true },
    { name: 'a weight gradient (transposed A)', fields: { transposeA: true }, ours: true },
    {
      name: 'a filter gradient, 9 columns wide',
      fields: { rows: 32, depth: 86528, columns: 9 },
      ours: true,
    },
    {
      name: "a Conv2D's im2col product, 1152 x 576 (the CNN's third layer)",
      fields: { convolution: true, rows: 1152, depth: 576 },
      ours: true,
    },
    {
      name: "a Conv2D's im2col product, 15488 x 288 (the CNN's second layer)",
      fields: { convolution: true, rows: 15488, depth: 288 },
      ours: false,
    },
    {
      name: "a Conv2D's im2col product of 29 MB (cnn-strong's Conv2DBackpropInput route)",
      fields: { convolution: true, rows: 6272, depth: 1152 },
      ours: false,
    },
    { name: 'a product 4 columns wide', fields: { columns: 4 }, ours: false },
    { name: 'a product 9 deep (3x3 taps of one channel)', fields: { depth: 9 }, ours: false },
  ])('$name: ours $ours', ({ fields, ours }) => {
    expect(oursWins(shape(fields))).toBe(ours);
  });
});

type Shape4 = [number, number, number, number];
interface ConvCase {
  name: string;
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
}

const convCases: ConvCase[] = [
  { name: 'valid, stride 1', x: [2, 6, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { name: 'same, stride 1', x: [2, 6, 6, 3], filter: [3, 3, 3, 9], strides: 1, pad: 'same' },
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
  { name: 'batch 1, one channel', x: [1, 8, 8, 1], filter: [3, 3, 1, 4], strides: 1, pad: 'valid' },
  {
    name: 'mixed strides [1, 2]',
    x: [1, 8, 7, 4],
    filter: [3, 2, 4, 2],
    strides: [1, 2],
    pad: 'same',
  },
  { name: 'explicit padding 2', x: [2, 5, 5, 3], filter: [3, 3, 3, 5], strides: 1, pad: 2 },
  { name: '1x1 filter', x: [2, 3, 3, 5], filter: [1, 1, 5, 7], strides: 1, pad: 'valid' },
];

describe.each([
  { paths: 'our GEMM (SIMD)', simd: true },
  { paths: 'SIMD off: the stock kernels', simd: false },
])('Conv2D on wasm, $paths', ({ simd }) => {
  const products = recordingProducts();
  useProducts(products);
  useSimdKernels(simd);

  it.each(convCases)('agrees with the cpu backend: $name', async (c) => {
    const x = randomValues(size(c.x), 9);
    const filter = randomValues(size(c.filter), 10);
    const compute = (): tf.Tensor =>
      tf.conv2d(tf.tensor4d(x, c.x), tf.tensor4d(filter, c.filter), c.strides, c.pad);
    const before = products.computed.length;
    const actual = await onBackend('wasm', compute);
    expect(products.computed.length).toBe(simd ? before + 1 : before);
    expect(relativeError(actual, await onBackend('cpu', compute))).toBeLessThan(TOLERANCE);
  });

  it('gives both gradients of a convolution and a dense layer, leaking nothing', async () => {
    const x = randomValues(2 * 6 * 6 * 3, 11);
    const filter = randomValues(3 * 3 * 3 * 4, 12);
    const dense = randomValues(6 * 6 * 4 * 5, 13);
    const compute = (): tf.Tensor => {
      const gradients = tf.grads((input: tf.Tensor, w: tf.Tensor, v: tf.Tensor) =>
        tf
          .matMul(
            tf.conv2d(input as tf.Tensor4D, w as tf.Tensor4D, 1, 'same').reshape([2, -1]),
            v as tf.Tensor2D,
          )
          .square()
          .sum(),
      )([
        tf.tensor4d(x, [2, 6, 6, 3]),
        tf.tensor4d(filter, [3, 3, 3, 4]),
        tf.tensor2d(dense, [144, 5]),
      ]);
      return tf.concat(gradients.map((gradient) => gradient.flatten()));
    };
    const expected = await onBackend('cpu', compute);
    await onBackend('wasm', compute);
    const tensors = tf.memory().numTensors;
    const dataIds = backendDataCount();
    const actual = await onBackend('wasm', compute);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backendDataCount()).toBe(dataIds);
    expect(relativeError(actual, expected)).toBeLessThan(TOLERANCE);
  });
});
