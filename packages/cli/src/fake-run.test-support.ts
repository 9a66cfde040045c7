import type {
  BatchEvent,
  EpochEvent,
  Evaluation,
  RunJson,
  RunStartEvent,
  TrainConfig,
  TrainingEvent,
} from '@fashion-lab/run';
import {
  fixtureEvaluation,
  imagesOfConfusion,
  testBatchLine,
  testEpochLine,
  testRunJson,
  type RunJsonFields,
} from '@fashion-lab/run/testing';

/** A complete config as core's defaultConfig would build it, for fake event streams. */
export const FAKE_CONFIG: TrainConfig = {
  model: 'dense',
  optimizer: 'adam',
  learningRate: 0.001,
  epochs: 3,
  batchSize: 100,
  validationSplit: 0.1,
  seed: 42,
  augment: 'off',
  workers: 1,
  backend: 'cpu',
  dataset: 'fashion-mnist',
};

export const FAKE_RUN_ID = '20261126-010203-dense-adam';

/** The run-start event of a small fake run: 3 epochs of 4 batches. */
export function fakeRunStart(overrides: Partial<RunStartEvent> = {}): RunStartEvent {
  return {
    type: 'run-start',
    runId: FAKE_RUN_ID,
    config: FAKE_CONFIG,
    backend: 'cpu',
    params: 101770,
    layers: [
      { name: 'flatten', type: 'Flatten', outputShape: [null, 784], params: 0 },
      { name: 'dense_1', type: 'Dense', outputShape: [null, 128], params: 100480 },
      { name: 'dense_2', type: 'Dense', outputShape: [null, 10], params: 1290 },
    ],
    trainCount: 360,
    validationCount: 40,
    testCount: 100,
    startEpoch: 1,
    batchesPerEpoch: 4,
    ...overrides,
  };
}

/** Epoch `epoch` of the fake run: loss falls, accuracy rises, validation peaks at epoch 2. */
export function fakeEpoch(epoch: number): EpochEvent {
  return testEpochLine(epoch, {
    loss: 1 / epoch,
    acc: 0.6 + epoch * 0.1,
    valLoss: 1.1 / epoch,
    valAcc: [0.7, 0.82, 0.8][epoch - 1] ?? 0.8,
    lr: 0.001,
    seconds: 1.5,
  });
}

function fakeBatch(epoch: number, batch: number): BatchEvent {
  return testBatchLine(epoch, batch, {
    batches: 4,
    loss: 2 / (epoch * 4 + batch),
    acc: 0.5,
    samplesPerSec: 1234,
  });
}

/** A 10x10 confusion matrix of a fake test set: mostly right, Shirt often read as T-shirt/top. */
export function fakeConfusion(): number[][] {
  const confusion = Array.from({ length: 10 }, (_, label) =>
    Array.from({ length: 10 }, (_, predicted): number => (label === predicted ? 9 : 0)),
  );
  confusion[6]![0] = 4;
  confusion[4]![2] = 2;
  return confusion;
}

/** The evaluation a completed fake run ends with: that confusion matrix, its per-class metrics. */
export function fakeEvaluation(): Evaluation {
  return fixtureEvaluation({ ...imagesOfConfusion(fakeConfusion()), testLoss: 0.4321 });
}

/**
 * Every event of a fake run in core's order (run-start; per epoch: epoch-start, batches, epoch,
 * checkpoint), up to `epochs` epochs, without the run-end.
 */
export function fakeRunEvents(epochs = 3): TrainingEvent[] {
  const events: TrainingEvent[] = [fakeRunStart()];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    events.push({ type: 'epoch-start', epoch, epochs: 3 });
    for (let batch = 1; batch <= 4; batch++) events.push(fakeBatch(epoch, batch));
    events.push(fakeEpoch(epoch), { type: 'checkpoint', epoch });
  }
  return events;
}

/** A valid completed run.json of the fake run; `overrides` replace top-level fields (undefined removes one). */
export function fakeRunJson(runId: string = FAKE_RUN_ID, overrides: RunJsonFields = {}): RunJson {
  return testRunJson({
    runId,
    pid: 1,
    heartbeatAt: '2026-11-26T01:05:00.000Z',
    createdAt: '2026-11-26T01:02:03.000Z',
    updatedAt: '2026-11-26T01:05:00.000Z',
    config: FAKE_CONFIG,
    backend: 'cpu',
    params: 101770,
    layers: fakeRunStart().layers,
    versions: { tfjs: '4.22.0' },
    command: 'npx nx run cli:train -- --model dense',
    summary: { testLoss: 0.4321, testAcc: 0.8712, bestValAcc: 0.88, bestEpoch: 2, seconds: 65 },
    ...overrides,
  });
}
