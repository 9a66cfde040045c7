import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadDataset, type DownloadProgress } from '@fashion-lab/data/node';
import type {
  Checkpoint,
  BackendName,
  TrainConfig,
  Reporter,
  RunEndEvent,
  RunSummary,
  RunSweepRef,
} from '@fashion-lab/run';
import { createRunId } from '@fashion-lab/run';
import {
  claimTrialRun,
  readCheckpoint,
  readRun,
  runExists,
  RunDirectoryReporter,
  acquireRunLock,
  type RunLock,
} from '@fashion-lab/run/node';
import { MODELS } from '../models/registry.js';
import type { NewRunConfig } from '../training/new-run-config.js';
import { train } from '../training/train.js';
import { explainRun } from '../explain/explain-run.js';
import { validateConfig } from '../training/validate-config.js';
import { selectBackend } from './backend.js';
import { modelDirectoryHandler } from './model-directory-handler.js';
import { runtimeVersions } from './versions.js';
import { trainsInOneThread, workerCountFor } from './worker-count.js';
import { workerPoolTrainStep } from './worker-pool-train-step.js';

/** How a run ended, and where it lives. */
export interface RunOutcome {
  runId: string;
  runDir: string;
  status: RunEndEvent['status'];
  summary?: RunSummary;
  error?: string;
}

/** Asking to resume a run id that has no directory under the runs dir. */
export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
}

/** Starting a run under an id whose directory someone else already created (claimed). */
export class RunAlreadyClaimedError extends Error {
  override readonly name = 'RunAlreadyClaimedError';
}

/** Asking to resume a run that is already complete, without more epochs. */
export class RunNotResumableError extends Error {
  override readonly name = 'RunNotResumableError';
}

export interface RunTrainingOptions {
  /** Without `workers`: the default for the model on the backend selected (see workerCountFor). */
  config: NewRunConfig;
  runsDir: string;
  dataDir?: string;
  experiment?: string;
  reporters?: Reporter[];
  signal?: AbortSignal;
  onDownloadProgress?: (progress: DownloadProgress) => void;
  /**
   * The run id to train under (a sweep trial's, fixed at expansion), claimed with one exclusive
   * mkdir: RunAlreadyClaimedError when its directory exists. Default: a fresh id.
   */
  runId?: string;
  /** The sweep trial this run is, recorded in run.json. */
  sweep?: RunSweepRef;
  /** Pause after this epoch: the run ends 'interrupted', resumable (see TrainOptions). */
  stopAfterEpoch?: number;
  /**
   * Write explain.json and embedding.json at the end (see `explainRun`). Default: yes, except for
   * a sweep trial (its spec's `explain` decides).
   */
  explain?: boolean;
}

/** Watches the outcome of a run so `runTraining` can return it without re-reading files. */
class OutcomeReporter implements Reporter {
  summary: RunSummary | undefined;
  error: string | undefined;
  onRunEnd(event: RunEndEvent): void {
    this.summary = event.summary;
    this.error = event.error;
  }
}

/** Trains in the run directory whose lock `options.lock` is: the caller took it and releases it. */
async function trainInRunDirectory(
  options: Omit<RunTrainingOptions, 'onDownloadProgress' | 'config' | 'explain'> & {
    explain: boolean;
    config: TrainConfig;
    runId: string;
    lock: RunLock;
    model: tf.LayersModel;
    dataset: Awaited<ReturnType<typeof loadDataset>>;
    backend: BackendName;
    resumeFrom?: Checkpoint;
  },
): Promise<RunOutcome> {
  const runDir = options.lock.runDir;
  const outcome = new OutcomeReporter();
  try {
    const status = await train({
      model: options.model,
      dataset: options.dataset,
      config: options.config,
      runId: options.runId,
      ...(options.experiment !== undefined ? { experiment: options.experiment } : {}),
      reporters: [
        new RunDirectoryReporter({
          runsDir: options.runsDir,
          versions: runtimeVersions(),
          lock: options.lock,
          ...(options.experiment !== undefined ? { experiment: options.experiment } : {}),
          ...(options.sweep !== undefined ? { sweep: options.sweep } : {}),
        }),
        outcome,
        ...(options.reporters ?? []),
      ],
      ...(options.signal ? { signal: options.signal } : {}),
      backend: options.backend,
      ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}),
      ...(options.stopAfterEpoch !== undefined ? { stopAfterEpoch: options.stopAfterEpoch } : {}),
      ...(options.explain
        ? {
            explain: (model, test, evaluation) =>
              explainRun(model, test, evaluation, options.config.seed),
          }
        : {}),
      // --workers N: data-parallel over N - 1 worker threads plus this one (1: today's path).
      ...(options.config.workers > 1
        ? { createTrainStep: workerPoolTrainStep(options.backend) }
        : {}),
    });
    return {
      runId: options.runId,
      runDir,
      status,
      ...(outcome.summary ? { summary: outcome.summary } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    };
  } finally {
    options.model.dispose();
  }
}

/**
 * Claims a run id not taken yet by creating its directory with one exclusive mkdir; two runs
 * started in the same second (in any processes) get the next suffix instead of colliding.
 */
async function claimFreshRunId(config: TrainConfig, runsDir: string): Promise<string> {
  const now = new Date();
  let runId = createRunId(config, now);
  for (let suffix = 2; !(await claimTrialRun(runsDir, runId)); suffix++) {
    runId = createRunId(config, now, String(suffix));
  }
  return runId;
}

/** The run id `options` asks for, claimed, or a fresh one. */
async function claimRunId(options: RunTrainingOptions, config: TrainConfig): Promise<string> {
  if (options.runId === undefined) return claimFreshRunId(config, options.runsDir);
  if (!(await claimTrialRun(options.runsDir, options.runId))) {
    throw new RunAlreadyClaimedError(
      `run ${options.runId} already exists in ${options.runsDir}: another process claimed it`,
    );
  }
  return options.runId;
}

/**
 * Starts a new run: validates the config, selects the backend and with it the worker count (the
 * run.json records both), loads the dataset, builds the model and trains it, persisting everything
 * under `runsDir/<runId>/` next to any extra `reporters`. Throws ConfigError for `workers` > 1 on
 * the node backend, before anything is downloaded or written.
 */
export async function runTraining(options: RunTrainingOptions): Promise<RunOutcome> {
  validateConfig(options.config);
  const backend = await selectBackend(options.config.backend);
  const config: TrainConfig = {
    ...options.config,
    workers: workerCountFor(options.config, backend),
  };
  const dataset = await loadDataset({
    dataset: config.dataset,
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.onDownloadProgress ? { onProgress: options.onDownloadProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const runId = await claimRunId(options, config);
  const runDir = join(options.runsDir, runId);
  const lock = await acquireRunLock(runDir);
  try {
    const model = MODELS[config.model].build(config.seed);
    const explain = options.explain ?? options.sweep === undefined;
    return await trainInRunDirectory({
      ...options,
      config,
      runId,
      lock,
      model,
      dataset,
      backend,
      explain,
    });
  } finally {
    await lock.release();
  }
}

export interface ResumeTrainingOptions {
  runId: string;
  runsDir: string;
  /** A new total epoch count: required to extend a completed run. */
  epochs?: number;
  dataDir?: string;
  reporters?: Reporter[];
  signal?: AbortSignal;
  /** Pause after this epoch: the run ends 'interrupted', resumable (see TrainOptions). */
  stopAfterEpoch?: number;
  /** Write explain.json and embedding.json at the end; default: yes, except for a sweep trial. */
  explain?: boolean;
}

/**
 * Continues an interrupted, failed or stale run from its last checkpoint, with the same optimizer
 * state and data order; with `epochs`, extends a run (even a completed one) to that many epochs.
 * On the node backend it trains in one thread whatever worker count the run recorded.
 * Throws RunLockedError while another live process writes the run.
 */
export async function resumeTraining(options: ResumeTrainingOptions): Promise<RunOutcome> {
  const runDir = join(options.runsDir, options.runId);
  if (!(await runExists(runDir))) {
    throw new RunNotFoundError(`no run "${options.runId}" in ${options.runsDir}`);
  }
  // The lock first: what is read and checked below stays true until this process lets go (a
  // process that lost a race to resume finds the run complete, or being written by the winner).
  const lock = await acquireRunLock(runDir);
  try {
    const run = await readRun(runDir);
    const epochs = options.epochs ?? run.config.epochs;
    if (run.status === 'completed' && epochs <= run.config.epochs) {
      throw new RunNotResumableError(
        `run ${options.runId} is already complete after ${run.config.epochs} epochs; pass --epochs N with N > ${run.config.epochs} to train it further`,
      );
    }
    const checkpoint = await readCheckpoint(runDir);
    if (checkpoint.state.epoch >= epochs && run.status !== 'completed') {
      throw new RunNotResumableError(
        `run ${options.runId} already has ${checkpoint.state.epoch} epochs; pass --epochs N with N > ${checkpoint.state.epoch}`,
      );
    }
    const backend = await selectBackend(run.config.backend);
    const config: TrainConfig = {
      ...run.config,
      epochs,
      // A run started with worker threads where tfjs-node did not load (or before the node backend
      // trained in one thread) goes on in one thread rather than not at all; run.json then says 1.
      ...(trainsInOneThread(backend) ? { workers: 1 } : {}),
    };
    const dataset = await loadDataset({
      dataset: config.dataset,
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    });
    const model = await tf.loadLayersModel(tf.io.fromMemory(checkpoint.model));
    return await trainInRunDirectory({
      ...options,
      ...(run.experiment !== undefined ? { experiment: run.experiment } : {}),
      config,
      lock,
      model,
      dataset,
      backend,
      resumeFrom: checkpoint,
      explain: options.explain ?? run.sweep === undefined,
    });
  } finally {
    await lock.release();
  }
}

/** Loads a run's final model (`runs/<id>/model/`) for evaluation or prediction. */
export function loadRunModel(runDir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(modelDirectoryHandler(join(runDir, 'model')));
}
