import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { OptimizerName } from '@fashion-lab/run';
import { useBackendForFile } from '../node/backend.test-support.js';
import { getLearningRate } from './learning-rate.js';
import {
  createOptimizer,
  getOptimizerState,
  setLearningRate,
  setOptimizerState,
} from './registry.js';

useBackendForFile('cpu');

interface Variant {
  label: string;
  name: OptimizerName;
  momentum?: number;
  className: string;
}

const variants: Variant[] = [
  { label: 'sgd', name: 'sgd', className: 'SGD' },
  { label: 'sgd with momentum', name: 'sgd', momentum: 0.9, className: 'Momentum' },
  { label: 'rmsprop', name: 'rmsprop', className: 'RMSProp' },
  { label: 'adam', name: 'adam', className: 'Adam' },
  { label: 'nadam', name: 'nadam', className: 'Nadam' },
];

function create(variant: Variant, learningRate: number): tf.Optimizer {
  return createOptimizer(
    variant.name,
    learningRate,
    variant.momentum !== undefined ? { momentum: variant.momentum } : {},
  );
}

/** Two weights, a bias-like vector and a matrix, with a fixed quadratic loss. */
function problem(): { variables: tf.Variable[]; loss: () => tf.Scalar } {
  const a = tf.variable(tf.tensor1d([0.3, -0.7, 1.1]));
  const b = tf.variable(
    tf.tensor2d([
      [0.5, -0.25],
      [1.5, 0.75],
    ]),
  );
  const loss = (): tf.Scalar =>
    tf.add(
      tf.sum(tf.square(tf.sub(a, tf.tensor1d([1, 2, 3])))),
      tf.sum(
        tf.mul(
          tf.square(b),
          tf.tensor2d([
            [1, 2],
            [3, 4],
          ]),
        ),
      ),
    );
  return { variables: [a, b], loss };
}

async function step(
  optimizer: tf.Optimizer,
  target: ReturnType<typeof problem>,
): Promise<number[]> {
  optimizer.minimize(target.loss, false, target.variables);
  const values = await Promise.all(target.variables.map((variable) => variable.data()));
  return values.flatMap((value) => Array.from(value));
}

describe('createOptimizer', () => {
  it.each(variants)('$label gives tfjs class $className', ({ className, ...variant }) => {
    const optimizer = create({ className, ...variant }, 0.01);
    expect(optimizer.getClassName()).toBe(className);
    expect(getLearningRate(optimizer)).toBe(0.01);
    optimizer.dispose();
  });

  it('refuses momentum for anything but sgd, and a non-positive rate', () => {
    expect(() => createOptimizer('adam', 0.01, { momentum: 0.9 })).toThrow(
      /momentum applies to sgd only/,
    );
    expect(() => createOptimizer('sgd', 0)).toThrow(/greater than 0/);
  });
});

describe('setLearningRate', () => {
  it.each(variants)('$label: the next step uses the new rate', async (variant) => {
    const changed = create(variant, 0.5);
    setLearningRate(changed, 0.01);
    const fresh = create(variant, 0.01);
    const [first, second] = [problem(), problem()];
    expect(await step(changed, first)).toEqual(await step(fresh, second));
    expect(getLearningRate(changed)).toBe(0.01);
    tf.dispose([...first.variables, ...second.variables]);
    changed.dispose();
    fresh.dispose();
  });
});

describe('optimizer state', () => {
  it.each(variants)(
    '$label: a restored optimizer takes the same next step as the original',
    async (variant) => {
      const original = create(variant, 0.05);
      const target = problem();
      for (let i = 0; i < 3; i++) await step(original, target);
      const state = await getOptimizerState(original);

      // A copy of the variables at the same values, driven by a fresh optimizer given the state.
      const copy = problem();
      copy.variables.forEach((variable, i) => variable.assign(target.variables[i]!));
      const restored = create(variant, 0.05);
      await setOptimizerState(restored, state);
      expect(restored.iterations).toBe(3);

      const before = tf.memory().numTensors;
      const expected = await step(original, target);
      const actual = await step(restored, copy);
      expect(actual).toEqual(expected);
      // Later steps agree too (momentum schedule, bias corrections).
      expect(await step(restored, copy)).toEqual(await step(original, target));
      expect(tf.memory().numTensors).toBe(before);

      tf.dispose([...target.variables, ...copy.variables]);
      original.dispose();
      restored.dispose();
    },
  );

  it('survives a JSON-free byte copy (what a checkpoint file stores)', async () => {
    const optimizer = createOptimizer('adam', 0.01);
    const target = problem();
    await step(optimizer, target);
    const state = await getOptimizerState(optimizer);
    const copied = {
      weightSpecs: JSON.parse(JSON.stringify(state.weightSpecs)),
      weightData: state.weightData.slice(0),
    };
    const restored = createOptimizer('adam', 0.01);
    await setOptimizerState(restored, copied);
    expect((await restored.getWeights()).map((weight) => weight.name)).toEqual(
      state.weightSpecs.map((spec) => spec.name),
    );
    tf.dispose([...target.variables]);
    optimizer.dispose();
    restored.dispose();
  });
});
