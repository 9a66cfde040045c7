import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@fashion-lab/data';
import type { OptimizerState, TrainConfig } from '@fashion-lab/run';
import {
  setDropoutSeeds,
  useClosedFormBatchNormGradients,
  useSeededDropout,
} from '@fashion-lab/tfjs-wasm-training';
import {
  getOptimizerState,
  setLearningRate,
  setOptimizerState,
} from '../../optimizers/registry.js';
import { optimizerFor, type StepResult } from '../train-step.js';
import { GradientCapture } from './gradient-capture.js';

/** Where a replica starts: the model (weights included), its optimizer and where that resumes. */
export interface ReplicaOptions {
  model: tf.LayersModel;
  config: TrainConfig;
  learningRate: number;
  optimizerState?: OptimizerState;
  /** This replica's gradient slot: `parameterCount(model)` floats, usually in shared memory. */
  gradients: Float32Array;
}

/** Trainable values of `model` (the length of a gradient vector). */
export function trainableCount(model: tf.LayersModel): number {
  return model.trainableWeights.reduce(
    (sum, weight) => sum + weight.shape.reduce<number>((a, b) => a * (b ?? 1), 1),
    0,
  );
}

/**
 * One seed per Dropout layer per replica, drawn from the run's rng in replica order: replica 0
 * draws exactly what `reseedDropout` would, so the masks depend only on the seed and worker count.
 */
export function drawDropoutSeeds(rng: Rng, replicas: number, perReplica: number): number[][] {
  return Array.from({ length: replicas }, () =>
    Array.from({ length: perReplica }, () => rng.nextUint32()),
  );
}

/**
 * A model replica of synchronous data-parallel training: computes its shard's gradients into its
 * slot with the model's own training function, then applies the averaged gradients with its own
 * optimizer. Replicas fed the same averages from the same start stay bit-identical.
 */
export class GradientReplica {
  private constructor(
    readonly model: tf.LayersModel,
    private readonly optimizer: tf.Optimizer,
    private readonly shapes: { name: string; shape: number[]; size: number }[],
  ) {}

  /** Compiles `options.model` for gradient capture and restores the optimizer state if given. */
  static async create(options: ReplicaOptions): Promise<GradientReplica> {
    const { model } = options;
    if (options.gradients.length !== trainableCount(model)) {
      throw new RangeError(
        `GradientReplica: the gradient slot holds ${options.gradients.length} values, the model has ${trainableCount(model)} trainable`,
      );
    }
    useClosedFormBatchNormGradients(model);
    useSeededDropout(model);
    const optimizer = optimizerFor(options.config, options.learningRate);
    try {
      model.compile({
        optimizer: new GradientCapture(options.gradients),
        loss: 'categoricalCrossentropy',
        metrics: ['accuracy'],
      });
      if (options.optimizerState) await setOptimizerState(optimizer, options.optimizerState);
    } catch (error) {
      optimizer.dispose();
      throw error;
    }
    const shapes = model.trainableWeights.map((weight) => {
      const shape = weight.shape.map((dimension) => dimension ?? 1);
      return {
        name: (weight.read() as tf.Variable).name,
        shape,
        size: shape.reduce((a, b) => a * b, 1),
      };
    });
    return new GradientReplica(model, optimizer, shapes);
  }

  /** Writes the gradients of the shard's mean loss into this replica's slot; changes no weight. */
  async computeGradients(
    images: Float32Array,
    labels: Uint8Array,
    dropoutSeeds: readonly number[],
  ): Promise<StepResult> {
    setDropoutSeeds(this.model, dropoutSeeds);
    const x = tf.tensor4d(images, [labels.length, 28, 28, 1]);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
    try {
      const [loss, acc] = (await this.model.trainOnBatch(x, y)) as number[];
      return { loss: loss ?? NaN, acc: acc ?? NaN };
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  /** One optimizer step with `average` (a flat gradient vector) as the gradients. */
  applyAverage(average: Float32Array): void {
    let offset = 0;
    // slice(): a private copy, so no backend ever keeps a view of shared memory.
    const gradients = this.shapes.map(({ name, shape, size }) => {
      const tensor = tf.tensor(average.slice(offset, offset + size), shape, 'float32');
      offset += size;
      return { name, tensor };
    });
    try {
      this.optimizer.applyGradients(gradients);
    } finally {
      tf.dispose(gradients.map((gradient) => gradient.tensor));
    }
  }

  /** The trainable weights as one flat vector (to check that replicas agree). */
  trainableValues(): Float32Array {
    const values = new Float32Array(this.shapes.reduce((sum, { size }) => sum + size, 0));
    let offset = 0;
    for (const weight of this.model.trainableWeights) {
      const data = weight.read().dataSync() as Float32Array;
      values.set(data, offset);
      offset += data.length;
    }
    return values;
  }

  /** The non-trainable weights (BatchNorm's moving statistics), in layer order. */
  nonTrainableValues(): Float32Array[] {
    return this.model.nonTrainableWeights.map((weight) => weight.read().dataSync() as Float32Array);
  }

  /** Takes another replica's non-trainable weights (`nonTrainableValues`' order and sizes). */
  setNonTrainableValues(values: readonly Float32Array[]): void {
    const weights = this.model.nonTrainableWeights;
    if (values.length !== weights.length) {
      throw new RangeError(
        `GradientReplica: got ${values.length} non-trainable weights for ${weights.length}`,
      );
    }
    weights.forEach((weight, index) => {
      const shape = weight.shape.map((dimension) => dimension ?? 1);
      const value = tf.tensor(values[index]!, shape, 'float32');
      weight.write(value); // write() copies into the variable
      value.dispose();
    });
  }

  setLearningRate(learningRate: number): void {
    setLearningRate(this.optimizer, learningRate);
  }

  optimizerState(): Promise<OptimizerState> {
    return getOptimizerState(this.optimizer);
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}

/** Splits `size` samples over `replicas` contiguous shards, the first ones one larger. */
export function shardSizes(size: number, replicas: number): number[] {
  const base = Math.floor(size / replicas);
  const extra = size % replicas;
  return Array.from({ length: replicas }, (_, index) => base + (index < extra ? 1 : 0));
}

/** Where each of the contiguous shards `sizes` starts: [0, s0, s0 + s1, ...]. */
export function shardStarts(sizes: readonly number[]): number[] {
  let start = 0;
  return sizes.map((size) => {
    const here = start;
    start += size;
    return here;
  });
}

/**
 * `out[i] = sum over r of weights[r] * slots[r][i]`, accumulated in replica order in float64, so
 * every caller given the same slots gets the same float32 result. Zero-weight slots are skipped.
 */
export function averageGradients(
  slots: readonly Float32Array[],
  weights: readonly number[],
  out: Float32Array,
): void {
  const used = slots.filter((_, replica) => (weights[replica] ?? 0) !== 0);
  const factors = weights.filter((weight) => weight !== 0);
  const length = out.length;
  if (used.length === 1 && factors[0] === 1) {
    out.set(used[0]!.subarray(0, length));
    return;
  }
  if (used.length === 2) {
    // The common case (two replicas), without the generic loop's inner indexing.
    const [a, b] = used as [Float32Array, Float32Array];
    const [wa, wb] = factors as [number, number];
    for (let i = 0; i < length; i++) out[i] = wa * a[i]! + wb * b[i]!;
    return;
  }
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (let replica = 0; replica < used.length; replica++) {
      sum += factors[replica]! * used[replica]![i]!;
    }
    out[i] = sum;
  }
}
