import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ADAM_STEP_KERNEL } from '../kernels/adam-step.js';
import { randomValues, useBackend, useSimdKernels } from '../kernel-tests.test-support.js';
import { FusedAdamOptimizer } from './fused-adam.js';

useBackend('wasm');

/** Sizes with and without a scalar tail after the 4-wide vectors. */
const SHAPES = [[3, 4, 2], [7], [5, 3]];

/** Fresh variables and a gradient function that changes every step (deterministic). */
function problem(prefix: string): {
  variables: tf.Variable[];
  gradients: (step: number) => { name: string; tensor: tf.Tensor }[];
} {
  const variables = SHAPES.map((shape, index) =>
    tf.variable(
      tf.tensor(randomValues(tf.util.sizeFromShape(shape), 10 + index), shape),
      true,
      `${prefix}_${index}`,
    ),
  );
  const gradients = (step: number): { name: string; tensor: tf.Tensor }[] =>
    variables.map((variable, index) => ({
      name: variable.name,
      // Large and tiny gradients both: epsilon and the bias correction must round as tfjs's do.
      tensor: tf.tensor(
        randomValues(variable.size, 100 * step + index).map((g, i) => g * 10 ** ((i % 7) - 4)),
        variable.shape,
      ),
    }));
  return { variables, gradients };
}

async function train(
  optimizer: tf.Optimizer,
  prefix: string,
  steps: number,
): Promise<{
  weights: number[][];
  state: { name: string; tensor: tf.Tensor }[];
  variables: tf.Variable[];
}> {
  const { variables, gradients } = problem(prefix);
  for (let step = 1; step <= steps; step++) {
    const named = gradients(step);
    optimizer.applyGradients(named);
    tf.dispose(named.map(({ tensor }) => tensor));
  }
  return {
    weights: variables.map((variable) => Array.from(variable.dataSync())),
    state: await optimizer.getWeights(),
    variables,
  };
}

describe.each([
  { paths: 'SIMD kernels on', simd: true },
  { paths: 'SIMD kernels off (plain fallback)', simd: false },
])('FusedAdamOptimizer on wasm, $paths', ({ simd }) => {
  useSimdKernels(simd);

  it("gives tfjs Adam's weights and slots to the bit over several steps", async () => {
    const fused = new FusedAdamOptimizer(0.01, 0.9, 0.999, 1e-7);
    const stock = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
    const ours = await train(fused, `fused_${simd}`, 5);
    const theirs = await train(stock, `stock_${simd}`, 5);
    expect(ours.weights).toEqual(theirs.weights);
    expect(ours.state.map(({ name }) => name.replace(/^fused_\w+?_/, ''))).toEqual(
      theirs.state.map(({ name }) => name.replace(/^stock_\w+?_/, '')),
    );
    for (const [index, { tensor }] of ours.state.entries()) {
      expect(Array.from(tensor.dataSync())).toEqual(
        Array.from(theirs.state[index]!.tensor.dataSync()),
      );
    }
    tf.dispose([...ours.variables, ...theirs.variables]);
    fused.dispose();
    stock.dispose();
  });

  it('continues from state saved by tfjs Adam as tfjs Adam would', async () => {
    const stock = tf.train.adam(0.005, 0.9, 0.999, 1e-7);
    const { variables, gradients } = problem(`resume_${simd}`);
    for (let step = 1; step <= 3; step++) stock.applyGradients(gradients(step));
    const saved = await stock.getWeights();
    const start = variables.map((variable) => variable.clone());
    const fused = new FusedAdamOptimizer(0.005, 0.9, 0.999, 1e-7);
    await fused.setWeights(saved.map(({ name, tensor }) => ({ name, tensor: tensor.clone() })));
    fused.applyGradients(gradients(4));
    const ours = variables.map((variable) => Array.from(variable.dataSync()));
    variables.forEach((variable, index) => variable.assign(start[index]!));
    stock.applyGradients(gradients(4));
    expect(ours).toEqual(variables.map((variable) => Array.from(variable.dataSync())));
    tf.dispose([...variables, ...start]);
    fused.dispose();
    stock.dispose();
  });

  it('writes new tensors: a clone taken before the step keeps the old weights', async () => {
    const fused = new FusedAdamOptimizer(0.1, 0.9, 0.999, 1e-7);
    const { variables, gradients } = problem(`clone_${simd}`);
    const before = variables.map((variable) => Array.from(variable.dataSync()));
    const clones = variables.map((variable) => variable.clone());
    fused.applyGradients(gradients(1));
    expect(clones.map((clone) => Array.from(clone.dataSync()))).toEqual(before);
    expect(variables.map((variable) => Array.from(variable.dataSync()))).not.toEqual(before);
    tf.dispose([...variables, ...clones]);
    fused.dispose();
  });

  it('runs one fused kernel per weight tensor', async () => {
    const fused = new FusedAdamOptimizer(0.01, 0.9, 0.999, 1e-7);
    const { variables, gradients } = problem(`kernels_${simd}`);
    const named = gradients(1);
    const profile = await tf.profile(() => fused.applyGradients(named));
    expect(profile.kernels.filter(({ name }) => name === ADAM_STEP_KERNEL)).toHaveLength(
      SHAPES.length,
    );
    tf.dispose([...variables, ...named.map(({ tensor }) => tensor)]);
    fused.dispose();
  });

  it('leaks no tensors from a step', () => {
    const fused = new FusedAdamOptimizer(0.01, 0.9, 0.999, 1e-7);
    const { variables, gradients } = problem(`leak_${simd}`);
    fused.applyGradients(gradients(1)); // creates the slots
    const named = gradients(2);
    const before = tf.memory().numTensors;
    fused.applyGradients(named);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...variables, ...named.map(({ tensor }) => tensor)]);
    fused.dispose();
  });
});

describe('FusedAdamOptimizer on the cpu backend', () => {
  it("is tfjs's Adam", async () => {
    await tf.setBackend('cpu');
    try {
      const fused = new FusedAdamOptimizer(0.01, 0.9, 0.999, 1e-7);
      const stock = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
      const ours = await train(fused, 'cpu_fused', 3);
      const theirs = await train(stock, 'cpu_stock', 3);
      expect(ours.weights).toEqual(theirs.weights);
      tf.dispose([...ours.variables, ...theirs.variables]);
      fused.dispose();
      stock.dispose();
    } finally {
      await tf.setBackend('wasm');
    }
  });
});
