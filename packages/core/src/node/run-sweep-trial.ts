import { join } from 'node:path';
import { bestValAccThrough, type Reporter, type SweepJson } from '@fashion-lab/run';
import {
  readCheckpoint,
  readMetrics,
  readRun,
  readSweep,
  runExists,
  RunLockedError,
} from '@fashion-lab/run/node';
import type { NewRunConfig } from '../training/new-run-config.js';
import {
  resumeTraining,
  RunAlreadyClaimedError,
  runTraining,
  type RunOutcome,
} from './training.js';

/**
 * How one trial's turn ended. 'paused': it reached its halving rung (`bestValAcc` is its score
 * there); 'interrupted': stopped by the signal, resumable; 'skipped': another process holds it.
 */
export type TrialTurn =
  | { state: 'completed'; runId: string; bestValAcc: number; testAcc: number }
  | { state: 'paused'; runId: string; bestValAcc: number }
  | { state: 'interrupted'; runId: string }
  | { state: 'failed'; runId: string; error: string }
  | { state: 'skipped'; runId: string; reason: string };

export interface RunSweepTrialOptions {
  /** `<runsDir>/sweeps/<sweepId>`, holding sweep.json. */
  sweepDir: string;
  /** Where the trial's run lives (the sweep's runs directory). */
  runsDir: string;
  /** The trial's index in sweep.json. */
  trial: number;
  dataDir?: string;
  reporters?: Reporter[];
  signal?: AbortSignal;
}

/** The epoch a trial trains to now: its rung's with halving (none at the final rung). */
function stopAfterEpoch(sweep: SweepJson, trial: number): number | undefined {
  const rung = sweep.trials[trial]?.rung;
  const epochs = rung === undefined ? undefined : sweep.rungs?.[rung];
  const final = sweep.rungs?.at(-1);
  return epochs === undefined || epochs === final ? undefined : epochs;
}

/**
 * The trial's config as a new run: a worker count the spec leaves open is core's default for the
 * backend (each trial uses the cores through its worker threads, as `train` does).
 */
function configToTrain(sweep: SweepJson, trial: number): NewRunConfig {
  const planned = sweep.trials[trial];
  if (planned === undefined) throw new RangeError(`sweep ${sweep.sweepId} has no trial ${trial}`);
  const { workers, ...config } = planned.config;
  const chosen = planned.point.workers ?? sweep.spec.base.workers;
  return chosen === undefined ? config : { ...config, workers };
}

/**
 * Trains one trial of a sweep for one turn: as a new run under the trial's run id (claimed with
 * an exclusive mkdir), or, when its run exists, resumed from its checkpoint; with halving it stops
 * at the trial's rung. Reads sweep.json but never writes it: the caller (the local scheduler, or
 * later a queue worker reporting back) records the turn, so one coordinator owns sweep.json.
 */
export async function runSweepTrial(options: RunSweepTrialOptions): Promise<TrialTurn> {
  const sweep = await readSweep(options.sweepDir);
  const trial = sweep.trials[options.trial];
  if (trial === undefined) {
    throw new RangeError(`sweep ${sweep.sweepId} has no trial ${options.trial}`);
  }
  const { runId } = trial;
  const runDir = join(options.runsDir, runId);
  const stopAt = stopAfterEpoch(sweep, options.trial);
  const common = {
    runsDir: options.runsDir,
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.reporters ? { reporters: options.reporters } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(stopAt !== undefined ? { stopAfterEpoch: stopAt } : {}),
    explain: sweep.spec.explain,
  };
  let outcome: RunOutcome;
  try {
    if (await runExists(runDir)) {
      const already = await alreadyDone(runId, runDir, stopAt);
      if (already !== undefined) return already;
      outcome = await resumeTraining({ ...common, runId });
    } else {
      outcome = await runTraining({
        ...common,
        config: configToTrain(sweep, options.trial),
        runId,
        sweep: { sweepId: sweep.sweepId, trial: options.trial },
      });
    }
  } catch (error) {
    if (error instanceof RunAlreadyClaimedError || error instanceof RunLockedError) {
      return { state: 'skipped', runId, reason: (error as Error).message };
    }
    throw error;
  }
  return turnOf(outcome, runDir, stopAt);
}

/** A trial whose run already got this far (its turn ended before sweep.json recorded it). */
async function alreadyDone(
  runId: string,
  runDir: string,
  stopAt: number | undefined,
): Promise<TrialTurn | undefined> {
  const run = await readRun(runDir);
  if (run.status === 'completed') {
    return {
      state: 'completed',
      runId,
      bestValAcc: run.summary?.bestValAcc ?? Number.NaN,
      testAcc: run.summary?.testAcc ?? Number.NaN,
    };
  }
  if (stopAt === undefined) return undefined;
  const reached = await readCheckpoint(runDir).then(
    (checkpoint) => checkpoint.state.epoch,
    () => 0,
  );
  if (reached < stopAt) return undefined;
  return { state: 'paused', runId, bestValAcc: await bestValAccAt(runDir, stopAt) };
}

async function bestValAccAt(runDir: string, epoch: number): Promise<number> {
  return bestValAccThrough((await readMetrics(runDir)).lines, epoch);
}

/** Reads a finished turn: an interruption at the rung's epoch is the pause halving asked for. */
async function turnOf(
  outcome: RunOutcome,
  runDir: string,
  stopAt: number | undefined,
): Promise<TrialTurn> {
  const { runId } = outcome;
  switch (outcome.status) {
    case 'completed':
      return {
        state: 'completed',
        runId,
        bestValAcc: outcome.summary?.bestValAcc ?? Number.NaN,
        testAcc: outcome.summary?.testAcc ?? Number.NaN,
      };
    case 'failed':
      return { state: 'failed', runId, error: outcome.error ?? 'training failed' };
    case 'interrupted': {
      const reached = stopAt === undefined ? 0 : (await readCheckpoint(runDir)).state.epoch;
      if (stopAt !== undefined && reached >= stopAt) {
        return { state: 'paused', runId, bestValAcc: await bestValAccAt(runDir, stopAt) };
      }
      return { state: 'interrupted', runId };
    }
  }
}
