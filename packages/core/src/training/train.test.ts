import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, TrainConfig, Reporter, RunResult, TrainingEvent } from '@fashion-lab/run';
import { defaultConfig } from '@fashion-lab/run';
import { MODELS } from '../models/registry.js';
import { selectBackend } from '../node/backend.js';
import { crossEntropyFromProbs } from '../evaluation/evaluate-model.js';
import { predictProbabilities } from '../evaluation/predict-probabilities.js';
import { syntheticDataset } from './synthetic-dataset.test-support.js';
import { accuracyFromProbs } from './measure.js';
import { train } from './train.js';

const dataset = syntheticDataset(400, 100);

function quickConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return defaultConfig('dense', {
    optimizer: 'adam',
    learningRate: 0.001,
    epochs: 3,
    batchSize: 32,
    validationSplit: 0.2,
    seed: 7,
    backend: 'wasm',
    ...overrides,
  });
}

/** Records every event, the checkpoints and the final result. */
class Recorder implements Reporter {
  events: TrainingEvent[] = [];
  checkpoints: Checkpoint[] = [];
  result: RunResult | undefined;
  tensorsAtEpochStart: number[] = [];
  onRunStart(event: TrainingEvent): void {
    this.events.push(event);
  }
  onEpochStart(event: TrainingEvent): void {
    this.tensorsAtEpochStart.push(tf.memory().numTensors);
    this.events.push(event);
  }
  onBatchEnd(event: TrainingEvent): void {
    this.events.push(event);
  }
  onEpochEnd(event: TrainingEvent): void {
    this.events.push(event);
  }
  onCheckpoint(event: TrainingEvent, checkpoint: Checkpoint): void {
    this.events.push(event);
    this.checkpoints.push(checkpoint);
  }
  onRunEnd(event: TrainingEvent, result: RunResult): void {
    this.events.push(event);
    this.result = result;
  }
  epochs() {
    return this.events.flatMap((event) => (event.type === 'epoch' ? [event] : []));
  }
}

async function trainRecorded(config: TrainConfig, extra: Reporter[] = [], resumeFrom?: Checkpoint) {
  const recorder = new Recorder();
  const model = resumeFrom
    ? await tf.loadLayersModel(tf.io.fromMemory(resumeFrom.model))
    : MODELS[config.model].build(config.seed);
  const controller = new AbortController();
  const status = await train({
    model,
    dataset,
    config,
    runId: 'test-run',
    reporters: [recorder, ...extra],
    signal: controller.signal,
    backend: 'wasm',
    ...(resumeFrom ? { resumeFrom } : {}),
  });
  model.dispose();
  return { status, recorder };
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('train', () => {
  it('reports run-start, then epoch-start, batches, epoch and checkpoint per epoch, then run-end', async () => {
    const { status, recorder } = await trainRecorded(quickConfig({ epochs: 2 }));
    expect(status).toBe('completed');
    const kinds = recorder.events.map((event) => event.type);
    const batchesPerEpoch = Math.ceil(320 / 32);
    const epochKinds = [
      'epoch-start',
      ...Array<string>(batchesPerEpoch).fill('batch'),
      'epoch',
      'checkpoint',
    ];
    expect(kinds).toEqual(['run-start', 'checkpoint', ...epochKinds, ...epochKinds, 'run-end']);
    const start = recorder.events[0];
    expect(start).toMatchObject({
      type: 'run-start',
      trainCount: 320,
      validationCount: 80,
      testCount: 100,
      startEpoch: 1,
    });
    const end = recorder.events.at(-1);
    expect(end).toMatchObject({ type: 'run-end', status: 'completed' });
    expect(recorder.result?.evaluation?.confusion.flat().reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('learns the synthetic task: loss falls and validation accuracy rises', async () => {
    const { recorder } = await trainRecorded(quickConfig({ epochs: 3 }));
    const [first, , last] = recorder.epochs();
    expect(last!.loss).toBeLessThan(first!.loss);
    expect(last!.valAcc).toBeGreaterThan(0.8);
  });

  it('gives the same first-epoch metrics for the same seed, and different ones for another seed', async () => {
    const a = (await trainRecorded(quickConfig({ epochs: 1 }))).recorder.epochs()[0];
    const b = (await trainRecorded(quickConfig({ epochs: 1 }))).recorder.epochs()[0];
    const c = (await trainRecorded(quickConfig({ epochs: 1, seed: 8 }))).recorder.epochs()[0];
    expect({ ...b, seconds: 0 }).toEqual({ ...a, seconds: 0 });
    expect(c!.loss).not.toBe(a!.loss);
  });

  it('validates and evaluates the way the config predicts: with test-time flips, or plainly', async () => {
    const mirrored = quickConfig({ epochs: 1, augment: 'flip' });
    const flips = await trainRecorded({ ...mirrored, tta: 'flip' });
    const plain = await trainRecorded({ ...mirrored, tta: 'off' });
    const [withFlips] = flips.recorder.epochs();
    const [without] = plain.recorder.epochs();
    // Same training, measured two ways.
    expect(withFlips!.loss).toBe(without!.loss);
    expect(withFlips!.valLoss).not.toBe(without!.valLoss);
    for (const [run, tta] of [
      [flips, 'flip'],
      [plain, 'off'],
    ] as const) {
      const model = await tf.loadLayersModel(tf.io.fromMemory(run.recorder.result!.model!));
      const probabilities = await predictProbabilities(model, dataset.test, { tta });
      const alone = await predictProbabilities(model, dataset.test);
      model.dispose();
      expect(run.recorder.result!.evaluation!.testLoss).toBeCloseTo(
        crossEntropyFromProbs(probabilities, dataset.test.labels),
        6,
      );
      // With flips, the summary also says what the model scores predicting each image alone.
      const end = run.recorder.events.at(-1);
      expect(end?.type === 'run-end' ? end.summary?.testAccWithoutTta : 'no run-end').toBe(
        tta === 'flip' ? accuracyFromProbs(alone, dataset.test.labels) : undefined,
      );
    }
  });

  it('leaks no tensors from one epoch to the next', async () => {
    const { recorder } = await trainRecorded(quickConfig({ epochs: 3 }));
    const [, second, third] = recorder.tensorsAtEpochStart;
    expect(third).toBe(second);
  });

  it('stops at a batch boundary when aborted and resumes to the same result as an uninterrupted run', async () => {
    const uninterrupted = await trainRecorded(quickConfig({ epochs: 2 }));
    const controller = new AbortController();
    const recorder = new Recorder();
    const abortInSecondEpoch: Reporter = {
      onBatchEnd(event) {
        if (event.epoch === 2 && event.batch === 3) controller.abort();
      },
    };
    const config = quickConfig({ epochs: 2 });
    const model = MODELS.dense.build(config.seed);
    const status = await train({
      model,
      dataset,
      config,
      runId: 'test-run',
      reporters: [recorder, abortInSecondEpoch],
      signal: controller.signal,
      backend: 'wasm',
    });
    model.dispose();
    expect(status).toBe('interrupted');
    expect(recorder.events.at(-1)).toEqual({ type: 'run-end', status: 'interrupted' });
    const lastCheckpoint = recorder.checkpoints.at(-1)!;
    expect(lastCheckpoint.state.epoch).toBe(1);

    const resumed = await trainRecorded(config, [], lastCheckpoint);
    expect(resumed.status).toBe('completed');
    expect(resumed.recorder.events[0]).toMatchObject({ type: 'run-start', startEpoch: 2 });
    const [resumedEpoch2] = resumed.recorder.epochs();
    const uninterruptedEpoch2 = uninterrupted.recorder.epochs()[1];
    expect(resumedEpoch2!.loss).toBeCloseTo(uninterruptedEpoch2!.loss, 6);
    expect(resumedEpoch2!.valAcc).toBe(uninterruptedEpoch2!.valAcc);
  });

  it('stops early and restores the best weights when validation accuracy stalls', async () => {
    const { recorder } = await trainRecorded(
      quickConfig({ epochs: 30, earlyStopping: { patience: 1, restoreBestWeights: true } }),
    );
    const epochs = recorder.epochs();
    expect(epochs.length).toBeLessThan(30);
    const best = Math.max(...epochs.map((epoch) => epoch.valAcc));
    expect(recorder.events.at(-1)).toMatchObject({
      type: 'run-end',
      summary: { bestValAcc: best },
    });
  });

  describe('with early stopping that restores the best weights, interrupted after the best epoch', () => {
    const config = quickConfig({
      epochs: 30,
      earlyStopping: { patience: 2, restoreBestWeights: true },
    });
    const weightsOf = (artifacts: { weightData?: tf.io.WeightData }) =>
      Buffer.from(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
    let uninterrupted: Awaited<ReturnType<typeof trainRecorded>>;
    let bestEpoch: number;
    let resumeFrom: Checkpoint;

    beforeAll(async () => {
      uninterrupted = await trainRecorded(config);
      const end = uninterrupted.recorder.events.at(-1);
      bestEpoch = end?.type === 'run-end' ? (end.summary?.bestEpoch ?? 0) : 0;
      // Stopped by early stopping, `patience` epochs after the best one.
      expect(bestEpoch).toBeGreaterThan(0);
      expect(uninterrupted.recorder.epochs().length).toBe(bestEpoch + 2);
      // Interrupted at the start of the last epoch: the checkpoint is one epoch past the best.
      const controller = new AbortController();
      const stopped = new Recorder();
      const model = MODELS[config.model].build(config.seed);
      const status = await train({
        model,
        dataset,
        config,
        runId: 'test-run',
        reporters: [
          stopped,
          {
            onEpochStart(event) {
              if (event.epoch === bestEpoch + 2) controller.abort();
            },
          },
        ],
        signal: controller.signal,
        backend: 'wasm',
      });
      model.dispose();
      expect(status).toBe('interrupted');
      resumeFrom = stopped.checkpoints.at(-1)!;
      expect(resumeFrom.state).toMatchObject({ epoch: bestEpoch + 1, bestEpoch });
    });

    it('keeps the best epoch weights in the checkpoint, named as the model names its own', () => {
      const atBest = uninterrupted.recorder.checkpoints.find((c) => c.state.epoch === bestEpoch)!;
      expect(resumeFrom.bestWeights?.weightSpecs).toEqual(resumeFrom.model.weightSpecs);
      expect(Buffer.from(resumeFrom.bestWeights!.weightData).equals(weightsOf(atBest.model))).toBe(
        true,
      );
      // Before the first epoch there is no best epoch, so nothing to keep.
      expect(uninterrupted.recorder.checkpoints[0]).not.toHaveProperty('bestWeights');
    });

    it('resumes to exactly the weights and summary of the uninterrupted run', async () => {
      const tensorsBefore = tf.memory().numTensors;
      const resumed = await trainRecorded(config, [], resumeFrom);
      expect(resumed.status).toBe('completed');
      // Restoring the best weights leaks nothing (the model is disposed with the run).
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      expect(resumed.recorder.epochs().map((epoch) => epoch.epoch)).toEqual([bestEpoch + 2]);
      const summaryOf = (run: typeof resumed) => {
        const end = run.recorder.events.at(-1);
        return end?.type === 'run-end' ? { ...end.summary, seconds: 0 } : undefined;
      };
      expect(summaryOf(resumed)).toEqual(summaryOf(uninterrupted));
      expect(summaryOf(resumed)).toMatchObject({ bestEpoch });
      const final = weightsOf(resumed.recorder.result!.model!);
      expect(final.equals(weightsOf(uninterrupted.recorder.result!.model!))).toBe(true);
      // ...which are the best epoch's, not the last epoch's.
      const atBest = uninterrupted.recorder.checkpoints.find((c) => c.state.epoch === bestEpoch)!;
      const atLast = resumed.recorder.checkpoints.at(-1)!;
      expect(final.equals(weightsOf(atBest.model))).toBe(true);
      expect(final.equals(weightsOf(atLast.model))).toBe(false);
    });

    it('resumes a checkpoint written without best weights as before: no new best, no restore', async () => {
      const older: Checkpoint = {
        model: resumeFrom.model,
        optimizer: resumeFrom.optimizer,
        state: resumeFrom.state,
      };
      const resumed = await trainRecorded(config, [], older);
      expect(resumed.status).toBe('completed');
      const atLast = resumed.recorder.checkpoints.at(-1)!;
      expect(atLast).not.toHaveProperty('bestWeights');
      expect(weightsOf(resumed.recorder.result!.model!).equals(weightsOf(atLast.model))).toBe(true);
    });
  });

  it('reports a failed run with the error instead of throwing', async () => {
    const failing: Reporter = {
      onEpochEnd() {
        throw new Error('disk full');
      },
    };
    const { status, recorder } = await trainRecorded(quickConfig({ epochs: 1 }), [failing]);
    expect(status).toBe('failed');
    expect(recorder.events.at(-1)).toEqual({
      type: 'run-end',
      status: 'failed',
      error: 'disk full',
    });
  });
});
