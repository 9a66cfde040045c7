import * as tf from '@tensorflow/tfjs';
import { batches, createRng, type Batch } from '@fashion-lab/data';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelName } from '@fashion-lab/run';
import { defaultConfig } from '@fashion-lab/run';
import { MODELS } from '../../models/registry.js';
import { selectBackend } from '../../node/backend.js';
import { syntheticImageSet } from '../synthetic-dataset.test-support.js';
import { createInProcessTrainStep } from '../train-step.js';
import {
  averageGradients,
  drawDropoutSeeds,
  GradientReplica,
  shardSizes,
  shardStarts,
  trainableCount,
} from './gradient-replica.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

function someBatches(count: number, size: number): Batch[] {
  return [...batches(syntheticImageSet(count * size, 5), { batchSize: size })];
}

/** The model's trainable weights as raw bytes (vitest compares big typed arrays slowly). */
async function trainableBytes(model: tf.LayersModel): Promise<string[]> {
  return Promise.all(
    model.trainableWeights.map(async (weight) => {
      const values = (await weight.read().data()) as Float32Array;
      return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
    }),
  );
}

describe('shardSizes', () => {
  it.each([
    [128, 2, [64, 64]],
    [127, 2, [64, 63]],
    [10, 3, [4, 3, 3]],
    [1, 2, [1, 0]],
    [5, 1, [5]],
  ])('splits %i samples over %i replicas as %j', (size, replicas, expected) => {
    expect(shardSizes(size, replicas)).toEqual(expected);
  });
});

describe('shardStarts', () => {
  it.each([
    [
      [64, 64],
      [0, 64],
    ],
    [
      [4, 3, 3],
      [0, 4, 7],
    ],
    [
      [1, 0],
      [0, 1],
    ],
    [[5], [0]],
  ])('starts shards %j at %j', (sizes, expected) => {
    expect(shardStarts(sizes)).toEqual(expected);
  });
});

describe('averageGradients', () => {
  it('weights each slot by its share and skips zero-weight slots', () => {
    const out = new Float32Array(2);
    const empty = new Float32Array([NaN, NaN]);
    averageGradients(
      [new Float32Array([1, 2]), new Float32Array([3, 6]), empty],
      [0.75, 0.25, 0],
      out,
    );
    expect(Array.from(out)).toEqual([1.5, 3]);
  });

  it('copies a single full-weight slot exactly', () => {
    const out = new Float32Array(1);
    averageGradients([new Float32Array([0.1])], [1], out);
    expect(out[0]).toBe(Math.fround(0.1));
  });
});

describe('drawDropoutSeeds', () => {
  it('draws replica 0 first, one seed per layer, exactly as consecutive rng draws', () => {
    const expected = createRng(9);
    const seeds = drawDropoutSeeds(createRng(9), 2, 3);
    expect(seeds).toEqual([
      [expected.nextUint32(), expected.nextUint32(), expected.nextUint32()],
      [expected.nextUint32(), expected.nextUint32(), expected.nextUint32()],
    ]);
  });
});

describe('GradientReplica', () => {
  // One replica applying its own gradients is the in-process step: same loss, same weights, bit
  // for bit, Dropout and BatchNorm included (the capture reuses the model's training function).
  it.each<ModelName>(['dense', 'cnn-regularized'])(
    '%s: one replica reproduces trainOnBatch exactly',
    async (name) => {
      const config = defaultConfig(name, { batchSize: 16 });
      const reference = MODELS[name].build(3);
      const inProcess = await createInProcessTrainStep({
        model: reference,
        config,
        learningRate: config.learningRate,
      });
      const model = MODELS[name].build(3);
      const slot = new Float32Array(trainableCount(model));
      const replica = await GradientReplica.create({
        model,
        config,
        learningRate: config.learningRate,
        gradients: slot,
      });
      const referenceRng = createRng(11);
      const replicaRng = createRng(11);
      const dropouts = model.layers.filter((layer) => layer.getClassName() === 'Dropout').length;
      for (const batch of someBatches(3, 16)) {
        const expected = await inProcess.step(batch, referenceRng);
        const [seeds] = drawDropoutSeeds(replicaRng, 1, dropouts);
        const actual = await replica.computeGradients(batch.images, batch.labels, seeds!);
        replica.applyAverage(slot);
        expect(actual).toEqual(expected);
      }
      expect(await trainableBytes(model)).toEqual(await trainableBytes(reference));
      // Same slot values; only the uniquified variable names in the specs differ between models.
      const replicaState = await replica.optimizerState();
      const referenceState = await inProcess.optimizerState();
      expect(
        Buffer.from(replicaState.weightData).equals(Buffer.from(referenceState.weightData)),
      ).toBe(true);
      replica.dispose();
      await inProcess.dispose();
      model.dispose();
      reference.dispose();
    },
  );

  it('leaks no tensors over a step', async () => {
    const config = defaultConfig('cnn-regularized', { batchSize: 8 });
    const model = MODELS['cnn-regularized'].build(1);
    const slot = new Float32Array(trainableCount(model));
    const replica = await GradientReplica.create({
      model,
      config,
      learningRate: config.learningRate,
      gradients: slot,
    });
    const [first, second] = someBatches(2, 8);
    const rng = createRng(1);
    await replica.computeGradients(first!.images, first!.labels, drawDropoutSeeds(rng, 1, 3)[0]!);
    replica.applyAverage(slot);
    const before = tf.memory().numTensors;
    await replica.computeGradients(second!.images, second!.labels, drawDropoutSeeds(rng, 1, 3)[0]!);
    replica.applyAverage(slot);
    expect(tf.memory().numTensors).toBe(before);
    replica.dispose();
    model.dispose();
  });

  it('rejects a gradient slot of the wrong size, naming both sizes', async () => {
    const model = MODELS.dense.build(1);
    await expect(
      GradientReplica.create({
        model,
        config: defaultConfig('dense'),
        learningRate: 0.001,
        gradients: new Float32Array(3),
      }),
    ).rejects.toThrow('holds 3 values, the model has 269322 trainable');
    model.dispose();
  });
});
