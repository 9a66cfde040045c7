import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultConfig,
  type BackendChoice,
  type Reporter,
  type RunStartEvent,
} from '@fashion-lab/run';
import { readRun } from '@fashion-lab/run/node';
import { MODELS } from '../models/registry.js';
import type { NewRunConfig } from '../training/new-run-config.js';
import { serializeModel } from '../training/serialize-model.js';
import { syntheticDataset } from '../training/synthetic-dataset.test-support.js';
import { ConfigError } from '../training/validate-config.js';
import { selectBackend } from './backend.js';
import { writeIdxDataset } from './idx-files.test-support.js';
import { installStandInTfjsNode, useStandInTfjsNode } from './stand-in-tfjs-node.test-support.js';
import { resumeTraining, runTraining } from './training.js';
import type { WorkerReply, WorkerSetup } from './worker-messages.js';
import { TrainingWorkerError, workerPoolTrainStep } from './worker-pool-train-step.js';

/** Whether the real tfjs-node is installed here (an optional dependency). */
function tfjsNodeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

/** A small new run of `model` with `--backend choice`, asking for `workers` (absent: default). */
function newRun(model: 'cnn' | 'dense', choice: BackendChoice, workers?: number): NewRunConfig {
  const { workers: _default, ...config } = defaultConfig(model, {
    epochs: 1,
    batchSize: 32,
    validationSplit: 0.25,
    augment: 'off',
    tta: 'off',
    backend: choice,
  });
  return workers === undefined ? config : { ...config, workers };
}

/** Stops a run as soon as it has started, keeping what its run-start event said. */
class StopAtRunStart implements Reporter {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  started: RunStartEvent | undefined;
  onRunStart(event: RunStartEvent): void {
    this.started = event;
    this.controller.abort();
  }
}

let workDir: string;
let dataDir: string;
let runsDir: string;
let previousBackend: string | undefined;

beforeAll(async () => {
  previousBackend = tf.getBackend() as string | undefined;
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-node-backend-'));
  dataDir = await writeIdxDataset(join(workDir, 'data'), syntheticDataset(96, 40));
  runsDir = join(workDir, 'runs');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  if (previousBackend !== undefined) await tf.setBackend(previousBackend);
});

describe('on a machine where tfjs-node loads', () => {
  useStandInTfjsNode();

  it("'auto' selects it", async () => {
    expect(await selectBackend('auto')).toBe('node');
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('a default run with --backend auto gets one worker, and run.json says so', async () => {
    // The CNN gets one worker per core elsewhere; training it on the stand-in's JS kernels would
    // take minutes, and the decision is made before the first batch, so the run stops there.
    const stop = new StopAtRunStart();
    const outcome = await runTraining({
      config: newRun('cnn', 'auto'),
      runsDir,
      dataDir,
      reporters: [stop],
      signal: stop.signal,
    });
    expect(outcome.status).toBe('interrupted');
    expect(stop.started).toMatchObject({ backend: 'node', config: { workers: 1 } });
    expect(await readRun(outcome.runDir)).toMatchObject({
      backend: 'node',
      config: { backend: 'auto', workers: 1 },
    });
  });

  it.each<BackendChoice>(['auto', 'node'])(
    'refuses --workers 2 with --backend %s before writing anything',
    async (choice) => {
      const refusedRunsDir = join(workDir, `refused-${choice}`);
      const run = runTraining({
        config: newRun('dense', choice, 2),
        runsDir: refusedRunsDir,
        dataDir,
      });
      await expect(run).rejects.toThrow(ConfigError);
      await expect(run).rejects.toThrow(/^--workers 2 cannot train on the node backend/);
      expect(existsSync(refusedRunsDir)).toBe(false);
    },
  );

  it('the worker pool refuses the node backend', async () => {
    const model = MODELS.dense.build(1);
    try {
      const config = { ...defaultConfig('dense'), workers: 2 };
      const step = workerPoolTrainStep('node')({ model, config, learningRate: 0.001 });
      await expect(step).rejects.toThrow(
        new TrainingWorkerError(
          "2 workers cannot train on the node backend: every worker thread would load tfjs-node's native addon again, which is not safe",
        ),
      );
    } finally {
      model.dispose();
    }
  });
});

describe('a training worker', () => {
  it('refuses to load the node backend it is handed', async () => {
    const model = MODELS.dense.build(1);
    const artifacts = await serializeModel(model);
    model.dispose();
    const setup = {
      replica: 1,
      // What the pool never sends; the worker must not trust that it does not.
      backend: 'node',
      artifacts,
      config: { ...defaultConfig('dense'), workers: 2 },
      learningRate: 0.001,
      gradients: new SharedArrayBuffer(4),
      average: new SharedArrayBuffer(4),
      images: new SharedArrayBuffer(4),
    } as unknown as WorkerSetup;
    const worker = new Worker(new URL('../../dist/node/train-worker.js', import.meta.url), {
      workerData: setup,
    });
    try {
      const reply = await new Promise<WorkerReply>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(reply).toEqual({
        type: 'error',
        message:
          "a training worker never loads the node backend (tfjs-node's addon is not safe in worker threads)",
      });
    } finally {
      await worker.terminate();
    }
  });
});

// The first run must train where tfjs-node does not load, which a machine that has it cannot show.
describe.runIf(!tfjsNodeInstalled())(
  'a run begun with worker threads where tfjs-node did not load',
  () => {
    it('resumes in one thread once tfjs-node loads, and run.json says so', async () => {
      const first = await runTraining({ config: newRun('dense', 'auto', 2), runsDir, dataDir });
      expect(first.status).toBe('completed');
      expect(await readRun(first.runDir)).toMatchObject({
        backend: 'wasm',
        config: { workers: 2 },
      });
      const remove = installStandInTfjsNode();
      try {
        const resumed = await resumeTraining({ runId: first.runId, runsDir, dataDir, epochs: 2 });
        expect(resumed.status).toBe('completed');
        expect(await readRun(resumed.runDir)).toMatchObject({
          backend: 'node',
          config: { backend: 'auto', workers: 1, epochs: 2 },
        });
      } finally {
        await remove();
      }
    });
  },
);
