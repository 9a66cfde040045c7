import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { batches, createRng, type Batch } from '@fashion-lab/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Checkpoint,
  TrainConfig,
  EpochEvent,
  Reporter,
  RunResult,
  TrainingEvent,
} from '@fashion-lab/run';
import { defaultConfig } from '@fashion-lab/run';
import { readRun } from '@fashion-lab/run/node';
import { predictProbabilities } from '../evaluation/predict-probabilities.js';
import { MODELS } from '../models/registry.js';
import { trainableCount } from '../training/parallel/gradient-replica.js';
import { syntheticDataset, syntheticImageSet } from '../training/synthetic-dataset.test-support.js';
import { createInProcessTrainStep, type TrainStep } from '../training/train-step.js';
import { train } from '../training/train.js';
import { selectBackend } from './backend.js';
import { writeIdxDataset } from './idx-files.test-support.js';
import { runTraining } from './training.js';
import { workerPoolTrainStep, type WorkerPoolTrainStep } from './worker-pool-train-step.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const poolStep = workerPoolTrainStep('wasm');

function batchesOf(sizes: number[]): Batch[] {
  const set = syntheticImageSet(
    sizes.reduce((a, b) => a + b, 0),
    4,
  );
  const all = [...batches(set, { batchSize: 1 })];
  let start = 0;
  return sizes.map((size) => {
    const part = all.slice(start, (start += size));
    const images = new Float32Array(size * 784);
    part.forEach((one, index) => images.set(one.images, index * 784));
    return { images, labels: Uint8Array.from(part, (one) => one.labels[0]!), size };
  });
}

function bytes(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

async function runSteps(step: TrainStep, sizes: number[], seed: number) {
  const rng = createRng(seed);
  const results = [];
  for (const batch of batchesOf(sizes)) results.push(await step.step(batch, rng));
  return results;
}

describe('workerPoolTrainStep', () => {
  it('keeps every replica bit-identical, shards left empty by a tiny batch included', async () => {
    const config = defaultConfig('cnn-regularized', { batchSize: 16, workers: 3 });
    const model = MODELS['cnn-regularized'].build(2);
    const step = (await poolStep({
      model,
      config,
      learningRate: config.learningRate,
    })) as WorkerPoolTrainStep;
    try {
      expect(step.replicas).toBe(3);
      // The last batch of 2 leaves replica 2 without samples: it must still apply the average.
      const results = await runSteps(step, [16, 16, 11, 2], 5);
      await step.setLearningRate(config.learningRate / 10);
      results.push(...(await runSteps(step, [16], 6)));
      expect(results.every((result) => Number.isFinite(result.loss))).toBe(true);
      const [first, ...others] = await step.replicaWeights();
      expect(first!.length).toBe(trainableCount(model));
      for (const other of others) expect(bytes(other).equals(bytes(first!))).toBe(true);
      // ...and replica 0 is the model the caller holds.
      const held = new Float32Array(first!.length);
      let offset = 0;
      for (const weight of model.trainableWeights) {
        const values = weight.read().dataSync() as Float32Array;
        held.set(values, offset);
        offset += values.length;
      }
      expect(bytes(held).equals(bytes(first!))).toBe(true);

      // Predicting over all replicas gives what the held model predicts alone, BatchNorm's moving
      // statistics (each replica's own until then) and test-time flips included;
      // 7 images: shards of 3, 2 and 2.
      const set = syntheticImageSet(7, 9);
      const pooled = await step.predict!(set, 'flip');
      const alone = await predictProbabilities(model, set, { tta: 'flip' });
      expect(pooled).toHaveLength(70);
      pooled.forEach((value, index) => expect(value).toBeCloseTo(alone[index]!, 6));
    } finally {
      await step.dispose();
      model.dispose();
    }
  });

  it('averages shard gradients to the whole batch gradient (dense, uneven shards)', async () => {
    const config = defaultConfig('dense', { batchSize: 32, workers: 2 });
    const sizes = [32, 32, 7];
    const pooledModel = MODELS.dense.build(6);
    const pooled = await poolStep({ model: pooledModel, config, learningRate: 0.001 });
    const singleModel = MODELS.dense.build(6);
    const single = await createInProcessTrainStep({
      model: singleModel,
      config: { ...config, workers: 1 },
      learningRate: 0.001,
    });
    try {
      const pooledResults = await runSteps(pooled, sizes, 1);
      const singleResults = await runSteps(single, sizes, 1);
      pooledResults.forEach((result, index) => {
        expect(result.loss).toBeCloseTo(singleResults[index]!.loss, 5);
        expect(result.acc).toBeCloseTo(singleResults[index]!.acc, 6);
      });
      const difference = tf.tidy(() =>
        Math.max(
          ...pooledModel.trainableWeights.map(
            (weight, index) =>
              tf
                .sub(weight.read(), singleModel.trainableWeights[index]!.read())
                .abs()
                .max()
                .dataSync()[0]!,
          ),
        ),
      );
      // Only the summation order differs: float32 rounding, far below one Adam step (1e-3).
      expect(difference).toBeLessThan(1e-5);
    } finally {
      await pooled.dispose();
      await single.dispose();
      pooledModel.dispose();
      singleModel.dispose();
    }
  });
});

/** Records epoch events, checkpoints and the main thread's tensor count at each epoch start. */
class Recorder implements Reporter {
  epochs: EpochEvent[] = [];
  checkpoints: Checkpoint[] = [];
  tensorsAtEpochStart: number[] = [];
  last: TrainingEvent | undefined;
  onEpochStart(): void {
    this.tensorsAtEpochStart.push(tf.memory().numTensors);
  }
  onEpochEnd(event: EpochEvent): void {
    this.epochs.push({ ...event, seconds: 0 });
  }
  onCheckpoint(_event: TrainingEvent, checkpoint: Checkpoint): void {
    this.checkpoints.push(checkpoint);
  }
  finalWeights: ArrayBuffer | undefined;
  onRunEnd(event: TrainingEvent, result?: RunResult): void {
    this.last = event;
    if (result?.model) this.finalWeights = tf.io.CompositeArrayBuffer.join(result.model.weightData);
  }
}

describe('train() with 2 workers', () => {
  const dataset = syntheticDataset(320, 50);
  const config: TrainConfig = defaultConfig('cnn-regularized', {
    epochs: 3,
    batchSize: 32,
    validationSplit: 0.2,
    seed: 9,
    workers: 2,
    backend: 'wasm',
  });

  async function trainWith(
    trainConfig: TrainConfig,
    options: { resumeFrom?: Checkpoint; abortAt?: { epoch: number; batch: number } } = {},
  ) {
    const recorder = new Recorder();
    const controller = new AbortController();
    const abortAt = options.abortAt;
    const model = options.resumeFrom
      ? await tf.loadLayersModel(tf.io.fromMemory(options.resumeFrom.model))
      : MODELS[trainConfig.model].build(trainConfig.seed);
    const status = await train({
      model,
      dataset,
      config: trainConfig,
      runId: 'pool-run',
      reporters: [
        recorder,
        {
          onBatchEnd(event) {
            if (abortAt && event.epoch === abortAt.epoch && event.batch === abortAt.batch)
              controller.abort();
          },
        },
      ],
      signal: controller.signal,
      backend: 'wasm',
      createTrainStep: poolStep,
      ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}),
    });
    model.dispose();
    return { status, recorder };
  }

  let uninterrupted: Awaited<ReturnType<typeof trainWith>>;

  beforeAll(async () => {
    uninterrupted = await trainWith(config);
  });

  it('completes, learns, and leaks no tensors in the main thread', () => {
    expect(uninterrupted.status).toBe('completed');
    const [first, , third] = uninterrupted.recorder.epochs;
    expect(third!.loss).toBeLessThan(first!.loss);
    const [, second, thirdStart] = uninterrupted.recorder.tensorsAtEpochStart;
    expect(thirdStart).toBe(second);
  });

  it('gives the same metrics for the same seed and worker count', async () => {
    const again = await trainWith({ ...config, epochs: 1 });
    expect(again.recorder.epochs[0]).toEqual(uninterrupted.recorder.epochs[0]);
  });

  it('resumes an interrupted run from its checkpoint to the uninterrupted result', async () => {
    const stopped = await trainWith(config, { abortAt: { epoch: 2, batch: 3 } });
    expect(stopped.status).toBe('interrupted');
    const checkpoint = stopped.recorder.checkpoints.at(-1)!;
    expect(checkpoint.state.epoch).toBe(1);
    const resumed = await trainWith(config, { resumeFrom: checkpoint });
    expect(resumed.status).toBe('completed');
    expect(resumed.recorder.epochs).toEqual(uninterrupted.recorder.epochs.slice(1));
  });

  it('restores the best epoch weights the replicas shared, across an interrupt too', async () => {
    const stopping: TrainConfig = {
      ...config,
      model: 'dense',
      epochs: 30,
      earlyStopping: { patience: 2, restoreBestWeights: true },
    };
    const summaryOf = (event: TrainingEvent | undefined) =>
      event?.type === 'run-end' ? { ...event.summary, seconds: 0 } : undefined;
    const whole = await trainWith(stopping);
    const bestEpoch = summaryOf(whole.recorder.last)?.bestEpoch ?? 0;
    expect(whole.recorder.epochs).toHaveLength(bestEpoch + 2);
    const stopped = await trainWith(stopping, { abortAt: { epoch: bestEpoch + 2, batch: 1 } });
    const checkpoint = stopped.recorder.checkpoints.at(-1)!;
    expect(checkpoint.state).toMatchObject({ epoch: bestEpoch + 1, bestEpoch });
    const resumed = await trainWith(stopping, { resumeFrom: checkpoint });
    expect(summaryOf(resumed.recorder.last)).toEqual(summaryOf(whole.recorder.last));
    // Saved at the best epoch: the weights every replica held after that epoch's last step.
    const atBest = whole.recorder.checkpoints.find((c) => c.state.epoch === bestEpoch)!.model;
    const expected = Buffer.from(tf.io.CompositeArrayBuffer.join(atBest.weightData));
    const kept = [
      whole.recorder.finalWeights,
      checkpoint.bestWeights?.weightData,
      resumed.recorder.finalWeights,
    ];
    expect(kept.map((weights) => weights && Buffer.from(weights).equals(expected))).toEqual([
      true,
      true,
      true,
    ]);
  });
});

describe('runTraining with --workers 2', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-workers-'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('trains through the pool and records the worker count', async () => {
    const dataDir = await writeIdxDataset(join(workDir, 'data'), syntheticDataset(200, 50));
    const outcome = await runTraining({
      config: defaultConfig('dense', {
        epochs: 1,
        batchSize: 32,
        validationSplit: 0.2,
        workers: 2,
        backend: 'wasm',
      }),
      runsDir: join(workDir, 'runs'),
      dataDir,
    });
    expect(outcome.status).toBe('completed');
    expect((await readRun(outcome.runDir)).config.workers).toBe(2);
  });
});
