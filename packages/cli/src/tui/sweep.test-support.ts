import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSweepSpec, planSweep, type SweepJson, type TrialState } from '@fashion-lab/run';
import { createSweep, updateSweep } from '@fashion-lab/run/node';
import { testRunJson, writeFixtureRun } from '@fashion-lab/run/testing';

/** 3 learning rates x 2 optimizers x 2 seeds: 12 trials of 6 configs, enough to need a window. */
export const TWELVE_TRIALS = parseSweepSpec(
  {
    name: 'lr-check',
    base: { model: 'dense', epochs: 3, limit: 2000 },
    space: { learningRate: [0.001, 0.003, 0.01], optimizer: ['adam', 'nadam'] },
    seeds: [1, 2],
  },
  'lr-check.json',
);

/** The same sweep with successive halving (rungs at 1 and 3 epochs). */
export const HALVING_TRIALS = parseSweepSpec(
  { ...TWELVE_TRIALS, halving: { minEpochs: 1, factor: 3 } },
  'lr-check.json',
);

export const SWEEP_CREATED = new Date(Date.UTC(2026, 10, 25, 21, 4, 12));

/** sweep.json as planned for `spec` (no files written), every trial pending. */
export function plannedSweep(spec = TWELVE_TRIALS): SweepJson {
  return planSweep(spec, { now: SWEEP_CREATED });
}

/** A runs directory in the temp folder holding a freshly created sweep of `spec`. */
export async function sweepOnDisk(spec = TWELVE_TRIALS) {
  const runsDir = await mkdtemp(join(tmpdir(), 'fashion-lab-sweep-tui-'));
  const { dir, sweep } = await createSweep(runsDir, spec, { now: SWEEP_CREATED });
  return {
    runsDir,
    dir,
    sweep,
    /** Sets trials' states in sweep.json (as the coordinator does) and returns the new snapshot. */
    setStates: (states: Record<number, TrialState>): Promise<SweepJson> =>
      updateSweep(dir, (current) => ({
        ...current,
        trials: current.trials.map((trial) =>
          trial.trial in states ? { ...trial, state: states[trial.trial] ?? trial.state } : trial,
        ),
      })),
    /** Writes trial `index`'s completed run.json with these accuracies and marks it completed. */
    complete: async (index: number, testAcc: number, bestValAcc: number): Promise<SweepJson> => {
      const trial = sweep.trials[index]!;
      await writeFixtureRun(runsDir, {
        run: testRunJson({
          runId: trial.runId,
          config: trial.config,
          sweep: { sweepId: sweep.sweepId, trial: index },
          summary: { testLoss: 0.3, testAcc, bestValAcc, bestEpoch: 3, seconds: 20 },
        }),
      });
      return updateSweep(dir, (current) => ({
        ...current,
        trials: current.trials.map((t) => (t.trial === index ? { ...t, state: 'completed' } : t)),
      }));
    },
    remove: () => rm(runsDir, { recursive: true, force: true }),
  };
}
