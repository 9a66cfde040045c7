import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MODELS } from '../models/registry.js';
import { useBackendForFile } from '../node/backend.test-support.js';
import { NadamOptimizer, NadamStateError } from './nadam.js';
import { getOptimizerState, setOptimizerState } from './optimizer-state.js';

useBackendForFile('cpu');

// A tiny problem: loss = sum(c * (w - target)^2), gradient 2 c (w - target).
const START = [0.5, -1.5, 2];
const TARGET = [1, 0.25, -1];
const CURVATURE = [1, 3, 0.5];

function lossOf(w: tf.Variable): tf.Scalar {
  return tf.sum(tf.mul(tf.tensor1d(CURVATURE), tf.square(tf.sub(w, tf.tensor1d(TARGET)))));
}

/** Keras's Nadam written out in plain float64 JavaScript, step by step. */
function nadamReference(steps: number, learningRate: number): number[] {
  const [beta1, beta2, epsilon, decay] = [0.9, 0.999, 1e-7, 0.004];
  const w = [...START];
  const m = [0, 0, 0];
  const v = [0, 0, 0];
  let schedule = 1;
  for (let t = 1; t <= steps; t++) {
    const u = beta1 * (1 - 0.5 * Math.pow(0.96, t * decay));
    const uNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * decay));
    const scheduleNew = schedule * u;
    const scheduleNext = scheduleNew * uNext;
    for (let i = 0; i < w.length; i++) {
      const g = 2 * CURVATURE[i]! * (w[i]! - TARGET[i]!);
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const mHat = (uNext * m[i]!) / (1 - scheduleNext) + ((1 - u) * g) / (1 - scheduleNew);
      const vHat = v[i]! / (1 - Math.pow(beta2, t));
      w[i] = w[i]! - (learningRate * mHat) / (Math.sqrt(vHat) + epsilon);
    }
    schedule = scheduleNew;
  }
  return w;
}

async function runNadam(
  optimizer: NadamOptimizer,
  w: tf.Variable,
  steps: number,
): Promise<number[]> {
  for (let step = 0; step < steps; step++) {
    optimizer.minimize(() => lossOf(w), false, [w]);
  }
  return Array.from(await w.data());
}

describe('NadamOptimizer', () => {
  it.each([1, 2, 5, 10])(
    'matches the float64 Keras formula after %i steps (1e-6)',
    async (steps) => {
      const w = tf.variable(tf.tensor1d(START));
      const optimizer = new NadamOptimizer(0.05);
      const actual = await runNadam(optimizer, w, steps);
      const expected = nadamReference(steps, 0.05);
      actual.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThan(1e-6));
      optimizer.dispose();
      w.dispose();
    },
  );

  it('moves by about the learning rate on its first step (Adam-like normalisation)', async () => {
    const w = tf.variable(tf.tensor1d(START));
    const optimizer = new NadamOptimizer(0.01);
    const after = await runNadam(optimizer, w, 1);
    // With m_0 = v_0 = 0 the step is lr * (u_2 * 0.1 / (1 - u_1 u_2) + 1) * sign(g), up to eps.
    const u1 = 0.9 * (1 - 0.5 * 0.96 ** 0.004);
    const u2 = 0.9 * (1 - 0.5 * 0.96 ** 0.008);
    const size = 0.01 * ((u2 * 0.1) / (1 - u1 * u2) + 1);
    after.forEach((value, i) =>
      expect(Math.abs(Math.abs(value - START[i]!) - size)).toBeLessThan(1e-6),
    );
    optimizer.dispose();
    w.dispose();
  });

  it('leaks no tensors across steps, getWeights and setWeights', async () => {
    const w = tf.variable(tf.tensor1d(START));
    const optimizer = new NadamOptimizer(0.01);
    await runNadam(optimizer, w, 1);
    const before = tf.memory().numTensors;
    await runNadam(optimizer, w, 3);
    await setOptimizerState(optimizer, await getOptimizerState(optimizer));
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    w.dispose();
  });

  it('is serializable as Keras-named "Nadam" with its config', () => {
    const optimizer = new NadamOptimizer(0.002, 0.8, 0.99, 1e-6, 0.005);
    expect(optimizer.getClassName()).toBe('Nadam');
    const registered = tf.serialization.SerializationMap.getMap().classNameMap['Nadam'];
    expect(registered?.[0]).toBe(NadamOptimizer);
    const copy = NadamOptimizer.fromConfig(NadamOptimizer, optimizer.getConfig());
    expect(copy).toBeInstanceOf(NadamOptimizer);
    expect(copy.getConfig()).toEqual({
      learningRate: 0.002,
      beta1: 0.8,
      beta2: 0.99,
      epsilon: 1e-6,
      scheduleDecay: 0.005,
    });
  });

  it('stores iterations and the schedule product first, then the m and v slots', async () => {
    const w = tf.variable(tf.tensor1d(START));
    const optimizer = new NadamOptimizer(0.01);
    await runNadam(optimizer, w, 3);
    const weights = await optimizer.getWeights();
    expect(weights.map((weight) => weight.name)).toEqual([
      'iter',
      'm_schedule',
      `${w.name}/m`,
      `${w.name}/v`,
    ]);
    expect((await weights[0]!.tensor.data())[0]).toBe(3);
    const expectedSchedule = [1, 2, 3].reduce((product, t) => product * optimizer.momentumAt(t), 1);
    expect((await weights[1]!.tensor.data())[0]).toBeCloseTo(expectedSchedule, 6);
    tf.dispose([weights[0]!.tensor, weights[1]!.tensor]);
    optimizer.dispose();
    w.dispose();
  });

  it('rejects weights that do not fit together', async () => {
    const optimizer = new NadamOptimizer(0.01);
    const wrong = [
      { name: 'iter', tensor: tf.scalar(4, 'int32') },
      { name: 'm_schedule', tensor: tf.scalar(0.5) },
    ];
    await expect(optimizer.setWeights(wrong)).rejects.toThrow(NadamStateError);
    tf.dispose(wrong.map((weight) => weight.tensor));
  });

  it('trains the dense net: loss falls on a small synthetic problem', async () => {
    // Class k lights up a different horizontal band of the image.
    const count = 40;
    const images = new Float32Array(count * 784);
    const labels = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const label = i % 10;
      labels[i] = label;
      for (let pixel = 0; pixel < 784; pixel++) {
        const row = Math.floor(pixel / 28);
        images[i * 784 + pixel] =
          Math.floor(row / 2.8) === label ? 1 : ((i * 7 + pixel * 13) % 17) / 170;
      }
    }
    const model = MODELS.dense.build(5);
    const optimizer = new NadamOptimizer(0.001);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const x = tf.tensor4d(images, [count, 28, 28, 1]);
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
    const losses: number[] = [];
    for (let step = 0; step < 15; step++) {
      const [loss] = (await model.trainOnBatch(x, y)) as number[];
      losses.push(loss!);
    }
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 4);
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
  });
});
