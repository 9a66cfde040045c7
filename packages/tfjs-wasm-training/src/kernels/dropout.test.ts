import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useSeededDropout } from '../layers/seeded-dropout-layers.js';
import {
  DROPOUT_KERNEL,
  dropoutMask,
  dropoutMultipliers,
  lowbias32,
  seededDropout,
} from './dropout.js';
import {
  kernelsRunOn,
  onBackend,
  randomValues,
  useBackend,
  useSimdKernels,
} from '../kernel-tests.test-support.js';

useBackend('wasm');

describe('the dropout mask', () => {
  it('hashes with lowbias32 (reference values)', () => {
    // Computed by hand from the published constants: x ^= x >> 16; x *= 0x7feb352d; ...
    const reference = (value: number): number => {
      let x = BigInt(value);
      const mask = (1n << 32n) - 1n;
      x ^= x >> 16n;
      x = (x * 0x7feb352dn) & mask;
      x ^= x >> 15n;
      x = (x * 0x846ca68bn) & mask;
      x ^= x >> 16n;
      return Number(x);
    };
    for (const value of [0, 1, 2, 42, 0x7fffffff, 0x80000000, 0xffffffff]) {
      expect(lowbias32(value)).toBe(reference(value));
    }
  });

  it('keeps about 1 - rate of the values, scaled by 1 / keep, and depends on the seed', () => {
    const count = 20_000;
    const kept = (seed: number): Float32Array => dropoutMultipliers(dropoutMask(seed, 0.3), count);
    const first = kept(7);
    const share = first.filter((value) => value !== 0).length / count;
    expect(share).toBeGreaterThan(0.68);
    expect(share).toBeLessThan(0.72);
    expect(new Set(first)).toEqual(new Set([0, Math.fround(1 / 0.7)]));
    expect(kept(7)).toEqual(first);
    const other = kept(8);
    const same = first.filter((value, i) => (value === 0) === (other[i] === 0)).length / count;
    expect(same).toBeLessThan(0.65); // independent masks agree on ~0.7^2 + 0.3^2 = 58%
  });
});

describe.each([
  { paths: 'SIMD kernels on', simd: true },
  { paths: 'SIMD kernels off (plain fallbacks)', simd: false },
])('seeded dropout on wasm, $paths', ({ simd }) => {
  useSimdKernels(simd);

  it.each([
    { name: 'a multiple of 4 values', shape: [3, 4, 4, 4] },
    { name: 'an odd count (scalar tail)', shape: [5, 7, 3] },
  ])('drops exactly what the cpu backend drops, forward and backward: $name', async ({ shape }) => {
    const count = shape.reduce((a, b) => a * b, 1);
    const values = randomValues(count, 71);
    const weights = randomValues(count, 72);
    const compute = (): tf.Tensor => {
      const x = tf.tensor(values, shape);
      const grad = tf.grad((input: tf.Tensor) =>
        seededDropout(input, 0.25, 1234).mul(tf.tensor(weights, shape)).sum(),
      )(x);
      return tf.concat([seededDropout(x, 0.25, 1234).flatten(), grad.flatten()]);
    };
    // The SIMD kernel masks to +0 where multiplying by 0 gives -0 for negative values.
    const positiveZeros = (list: number[]): number[] => list.map((value) => value + 0);
    const expected = positiveZeros(await onBackend('cpu', compute));
    expect(positiveZeros(await onBackend('wasm', compute))).toEqual(expected);
    // The dropout kernel ran for both forward passes and the backward one.
    const kernels = await kernelsRunOn('wasm', compute);
    expect(kernels.filter((name) => name === DROPOUT_KERNEL)).toHaveLength(3);
    // Forward: each value is 0 or x * float32(1 / 0.75), by the JavaScript mask.
    const multipliers = dropoutMultipliers(dropoutMask(1234, 0.25), count);
    // Backward: the weights where kept, times the same scale.
    expected.slice(0, count).forEach((value, i) => {
      expect(value).toBe(Math.fround(values[i]! * multipliers[i]!) + 0);
      expect(expected[count + i]).toBe(Math.fround(weights[i]! * multipliers[i]!) + 0);
    });
  });
});

describe('useSeededDropout', () => {
  function network(): tf.Sequential {
    return tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [6], units: 8, kernelInitializer: 'ones' }),
        tf.layers.dropout({ rate: 0.5, seed: 99 }),
      ],
    });
  }

  it('drops by the layer seed in training and leaves inference alone', () => {
    const model = network();
    useSeededDropout(model);
    useSeededDropout(model); // a second call must not wrap the layer twice
    const x = tf.tensor2d(randomValues(12, 73), [2, 6]);
    const hidden = model.layers[0]!.apply(x) as tf.Tensor;
    const dropout = model.layers[1]!;
    const trained = dropout.apply(hidden, { training: true }) as tf.Tensor;
    const expected = seededDropout(hidden, 0.5, 99);
    expect(Array.from(trained.dataSync())).toEqual(Array.from(expected.dataSync()));
    const inferred = dropout.apply(hidden) as tf.Tensor;
    expect(Array.from(inferred.dataSync())).toEqual(Array.from(hidden.dataSync()));
    tf.dispose([x, hidden, trained, expected, inferred]);
    model.dispose();
  });

  it('leaks no tensors over a training step', async () => {
    const model = network();
    useSeededDropout(model);
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const [x, y] = [tf.ones([4, 6]), tf.zeros([4, 8])];
    await model.trainOnBatch(x, y);
    const tensors = tf.memory().numTensors;
    await model.trainOnBatch(x, y);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([x, y]);
    model.dispose();
  });
});
