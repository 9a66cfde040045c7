import type { TrainConfig } from '../config.js';
import type { RunStartEvent } from '../events.js';
import { encodeBase64 } from '../base64.js';
import type { Evaluation } from '../evaluation.js';
import type { RunJson } from '../run-json.js';

/** A complete, valid config for tests (no model registry needed). */
export const testConfig: TrainConfig = {
  model: 'cnn',
  optimizer: 'adam',
  learningRate: 0.001,
  epochs: 5,
  batchSize: 64,
  validationSplit: 0.1,
  seed: 42,
  augment: 'off',
  workers: 1,
  backend: 'auto',
  dataset: 'fashion-mnist',
};

/** Top-level fields of run.json to replace; one set to undefined is left out (no summary). */
export type RunJsonFields = { [K in keyof RunJson]?: RunJson[K] | undefined };

/** A valid run.json for tests; `overrides` replace top-level fields (undefined removes one). */
export function testRunJson(overrides: RunJsonFields = {}): RunJson {
  const run = {
    schemaVersion: 1,
    runId: '20261125-210412-cnn-adam',
    status: 'completed',
    pid: 1234,
    heartbeatAt: '2026-11-25T21:10:00.000Z',
    createdAt: '2026-11-25T21:04:12.000Z',
    updatedAt: '2026-11-25T21:10:00.000Z',
    config: testConfig,
    backend: 'wasm',
    params: 93322,
    layers: [{ name: 'dense_1', type: 'Dense', outputShape: [null, 10], params: 650 }],
    versions: { tfjs: '4.22.0', node: 'v20.19.0', 'fashion-lab': '0.1.0' },
    command: 'npx nx run cli:train -- --model cnn',
    summary: { testLoss: 0.3, testAcc: 0.9, bestValAcc: 0.91, bestEpoch: 4, seconds: 600 },
    ...overrides,
  };
  // A field set to undefined is absent, as in a file (exactOptionalPropertyTypes).
  return Object.fromEntries(
    Object.entries(run).filter(([, value]) => value !== undefined),
  ) as unknown as RunJson;
}

/** A valid evaluation of `n` test images that are all predicted as class 0. */
export function testEvaluation(n = 3): Evaluation {
  const confusion = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
  confusion[0]![0] = n;
  return {
    testLoss: 0.5,
    testAcc: 1,
    confusion,
    perClass: Array.from({ length: 10 }, (_, label) => ({ label, precision: 1, recall: 1, f1: 1 })),
    predictions: encodeBase64(new Uint8Array(n)),
    samples: [
      {
        index: 0,
        label: 0,
        predicted: 0,
        probs: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        pixels: encodeBase64(new Uint8Array(784)),
      },
    ],
  };
}

/** The run-start event of the test run (`testRunJson`'s id and config); `startEpoch` 1 is a new run. */
export function testRunStart(startEpoch = 1): RunStartEvent {
  return {
    type: 'run-start',
    runId: '20261125-210412-cnn-adam',
    config: testConfig,
    backend: 'wasm',
    params: 100,
    layers: [{ name: 'dense', type: 'Dense', outputShape: [null, 10], params: 100 }],
    trainCount: 90,
    validationCount: 10,
    testCount: 3,
    startEpoch,
    batchesPerEpoch: 3,
  };
}
