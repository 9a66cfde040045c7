import { join } from 'node:path';
import { parseSweepSpec, type SweepJson, type TrialState } from '@fashion-lab/run';
import { createSweep, updateSweep } from '@fashion-lab/run/node';
import {
  testBatchLine,
  testMetricsLines,
  testRunJson,
  writeFixtureRun,
} from '@fashion-lab/run/testing';

/** The spec of the fixture sweep: 2 learning rates x 2 optimizers x 2 seeds, 8 trials. */
export const FIXTURE_SWEEP_SPEC = {
  name: 'lr-opt',
  base: { model: 'dense', epochs: 3, limit: 2000 },
  space: { learningRate: [0.001, 0.003], optimizer: ['adam', 'nadam'] },
  seeds: [1, 2],
};

/** When the fixture sweep was created (its id and its trials' run ids carry this time). */
export const FIXTURE_SWEEP_TIME = new Date(Date.UTC(2026, 10, 25, 21, 4, 12));

/** A fixture sweep on disk and the numbers its trials' runs hold. */
export interface FixtureSweep {
  sweep: SweepJson;
  /** Test accuracy per trial (undefined for a trial that has not completed). */
  testAcc: (number | undefined)[];
  bestValAcc: (number | undefined)[];
}

/**
 * Test accuracy of a trial of the `config`-th config (in sweep order) with the `seed`-th seed: the
 * configs differ by a point each, the seeds by a tenth, so every trial has its own accuracy and
 * the last config is the best.
 */
function accuracyOf(config: number, seed: number): number {
  return 0.8 + 0.01 * config + 0.001 * seed;
}

/**
 * Writes a sweep with `createSweep` from `FIXTURE_SWEEP_SPEC` and one run per trial with
 * `writeFixtureRun`, each naming its sweep and trial; `states` sets trial i's state (default
 * every one completed). A running trial's run is alive (this process's pid, a fresh heartbeat)
 * and mid-way through epoch 2; a pending one has no run directory yet.
 */
export async function writeFixtureSweep(
  runsDir: string,
  states: (i: number) => TrialState = () => 'completed',
): Promise<FixtureSweep> {
  const spec = parseSweepSpec(FIXTURE_SWEEP_SPEC, 'lr-opt.json');
  const { dir, sweep: planned } = await createSweep(runsDir, spec, { now: FIXTURE_SWEEP_TIME });
  const testAcc: (number | undefined)[] = [];
  const bestValAcc: (number | undefined)[] = [];
  const configKeys = [...new Set(planned.trials.map((trial) => trial.configKey))];
  for (const trial of planned.trials) {
    const state = states(trial.trial);
    const accuracy = accuracyOf(
      configKeys.indexOf(trial.configKey),
      spec.seeds.indexOf(trial.seed),
    );
    const completed = state === 'completed';
    testAcc.push(completed ? accuracy : undefined);
    bestValAcc.push(completed ? accuracy + 0.005 : undefined);
    if (state === 'pending') continue;
    const now = new Date().toISOString();
    await writeFixtureRun(runsDir, {
      run: testRunJson({
        runId: trial.runId,
        config: trial.config,
        sweep: { sweepId: planned.sweepId, trial: trial.trial },
        status: completed ? 'completed' : state === 'running' ? 'running' : 'failed',
        pid: process.pid,
        heartbeatAt: now,
        updatedAt: now,
        summary: completed
          ? {
              testLoss: 0.4,
              testAcc: accuracy,
              bestValAcc: accuracy + 0.005,
              bestEpoch: 3,
              seconds: 30,
            }
          : undefined,
      }),
      metrics: completed
        ? testMetricsLines(3, { epoch: (epoch) => ({ valAcc: accuracy + 0.005 * (epoch - 2) }) })
        : [...testMetricsLines(1), testBatchLine(2, 4)],
    });
  }
  const sweep = await updateSweep(
    dir,
    (current) => ({
      ...current,
      trials: current.trials.map((trial) => ({ ...trial, state: states(trial.trial) })),
    }),
    { now: () => FIXTURE_SWEEP_TIME },
  );
  return { sweep, testAcc, bestValAcc };
}

/** The directory of the fixture sweep under `runsDir`. */
export function fixtureSweepDir(runsDir: string, sweep: SweepJson): string {
  return join(runsDir, 'sweeps', sweep.sweepId);
}
