import * as tf from '@tensorflow/tfjs';
import { createRng, type Batch } from '@fashion-lab/data';
import type { ModelName } from '@fashion-lab/run';
import { defaultConfig } from '@fashion-lab/run';
import {
  activeMatrixProducts,
  createWasmSimdProducts,
  measurePeakMultiplyAdds,
  useMatrixProducts,
  type MatrixProducts,
  type ProductShape,
} from '@fashion-lab/tfjs-wasm-training';
import { MODELS } from '../models/registry.js';
import { createInProcessTrainStep } from '../training/train-step.js';

/** One product shape of a model's training step, and how often a step multiplies it. */
export interface StepProduct {
  shape: ProductShape;
  callsPerStep: number;
}

/** GMAC/s of ours and of XNNPACK on one shape, per round (interleaved), and the round's peak. */
export interface ShapeTiming {
  ours: number[];
  xnnpack: number[];
  peak: number[];
}

/** Rounds per shape: ours, XNNPACK and the peak probe in turn, so drift hits all three alike. */
export const ROUNDS = 5;
/** Products timed per implementation per round; each gets a B of its own, as in training. */
const CALLS_PER_ROUND = 3;
const WARMUP_CALLS = 3;

/**
 * The products one training step of `model` multiplies (batch `batchSize`), with our GEMM taking
 * every shape, so the convolutions' shapes are their im2col products: recorded from a real step.
 */
export async function recordStepProducts(
  model: ModelName,
  batchOf: (index: number) => Batch,
): Promise<StepProduct[]> {
  const network = MODELS[model].build(1);
  const config = defaultConfig(model, { optimizer: 'adam', learningRate: 0.001 });
  const step = await createInProcessTrainStep({
    model: network,
    config,
    learningRate: config.learningRate,
  });
  const previous = activeMatrixProducts();
  const everything = createWasmSimdProducts();
  const counts = new Map<string, StepProduct>();
  const recorder: MatrixProducts = {
    name: 'recorder',
    takes(shape, backend) {
      const key = shapeLabel(shape);
      const entry = counts.get(key) ?? { shape, callsPerStep: 0 };
      entry.callsPerStep++;
      counts.set(key, entry);
      return everything.takes(shape, backend);
    },
    multiply: (backend, request) => everything.multiply(backend, request),
  };
  const rng = createRng(1);
  try {
    // The first step builds the optimizer's slots; the second is recorded.
    await step.step(batchOf(0), rng);
    useMatrixProducts(recorder);
    await step.step(batchOf(1), rng);
  } finally {
    useMatrixProducts(previous);
    await step.dispose();
    network.dispose();
  }
  return [...counts.values()];
}

/** "rows x depth . depth x columns" with the transposes and batch a product has. */
export function shapeLabel(shape: ProductShape): string {
  const a = shape.transposeA ? `(${shape.depth}x${shape.rows})^T` : `${shape.rows}x${shape.depth}`;
  const b = shape.transposeB
    ? `(${shape.columns}x${shape.depth})^T`
    : `${shape.depth}x${shape.columns}`;
  return `${shape.batch > 1 ? `${shape.batch} x ` : ''}${a} . ${b}`;
}

/**
 * Times `shape` with our GEMM and with XNNPACK (tfjs's stock BatchMatMul behind our transposing
 * wrapper, as training ran before), interleaved over rounds, after warm-up; a fresh B each call.
 */
export function timeShape(shape: ProductShape, ours: MatrixProducts): ShapeTiming {
  const { batch, rows, depth, columns, transposeA, transposeB } = shape;
  const a = tf.randomUniform(transposeA ? [batch, depth, rows] : [batch, rows, depth], -1, 1);
  const bShape = transposeB ? [batch, columns, depth] : [batch, depth, columns];
  const freshBs = (): tf.Tensor[] =>
    Array.from({ length: CALLS_PER_ROUND }, (_, i) =>
      tf.randomUniform(bShape, -1, 1, 'float32', i),
    );
  const multiplyAdds = batch * rows * depth * columns;
  const previous = activeMatrixProducts();
  /** Seconds of one product with `products` (undefined: XNNPACK). */
  const once = (products: MatrixProducts | undefined, b: tf.Tensor): number => {
    useMatrixProducts(products);
    const started = performance.now();
    tf.matMul(a, b, transposeA, transposeB).dispose();
    return (performance.now() - started) / 1000;
  };
  const timing: ShapeTiming = { ours: [], xnnpack: [], peak: [] };
  try {
    for (let i = 0; i < WARMUP_CALLS; i++) {
      const bs = freshBs();
      once(ours, bs[0]!);
      once(undefined, bs[1]!);
      tf.dispose(bs);
    }
    for (let round = 0; round < ROUNDS; round++) {
      const [forOurs, forXnnpack] = [freshBs(), freshBs()];
      // Call by call in turn: load from other processes falls on both alike.
      let [oursSeconds, xnnpackSeconds] = [0, 0];
      for (let i = 0; i < CALLS_PER_ROUND; i++) {
        oursSeconds += once(ours, forOurs[i]!);
        xnnpackSeconds += once(undefined, forXnnpack[i]!);
      }
      timing.ours.push((multiplyAdds * CALLS_PER_ROUND) / oursSeconds / 1e9);
      timing.xnnpack.push((multiplyAdds * CALLS_PER_ROUND) / xnnpackSeconds / 1e9);
      timing.peak.push((measurePeakMultiplyAdds(1) ?? 0) / 1e9);
      tf.dispose([...forOurs, ...forXnnpack]);
    }
  } finally {
    useMatrixProducts(previous);
    a.dispose();
  }
  return timing;
}

/** Training samples/s of one step with our products and with XNNPACK, per pair of steps. */
export interface StepPairs {
  ours: number[];
  xnnpack: number[];
}

/**
 * One in-process training step of `model` with our products (as registered: where they win),
 * then one with XNNPACK alone, `pairs` times after warm-up: before vs after in one process, step
 * by step, so load from other processes falls on both alike.
 */
export async function alternateSteps(
  model: ModelName,
  batchOf: (index: number) => Batch,
  pairs: number,
): Promise<StepPairs> {
  const network = MODELS[model].build(1);
  const config = defaultConfig(model, { optimizer: 'adam', learningRate: 0.001 });
  const step = await createInProcessTrainStep({
    model: network,
    config,
    learningRate: config.learningRate,
  });
  const ours = activeMatrixProducts();
  const rng = createRng(1);
  let index = 0;
  const timed = async (products: MatrixProducts | undefined): Promise<number> => {
    useMatrixProducts(products);
    const batch = batchOf(index++);
    const started = performance.now();
    await step.step(batch, rng);
    return batch.size / ((performance.now() - started) / 1000);
  };
  const result: StepPairs = { ours: [], xnnpack: [] };
  try {
    for (let i = 0; i < WARMUP_STEPS; i++) {
      await timed(ours);
      await timed(undefined);
    }
    for (let i = 0; i < pairs; i++) {
      result.ours.push(await timed(ours));
      result.xnnpack.push(await timed(undefined));
    }
  } finally {
    useMatrixProducts(ours);
    await step.dispose();
    network.dispose();
  }
  return result;
}

/** Untimed pairs first (JIT, XNNPACK's operator setup, heap growth). */
const WARMUP_STEPS = 4;
