import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSweepSpec } from '../sweep/sweep-spec.js';
import { testRunJson } from '../testing/run-fixtures.js';
import { writeFixtureRun } from '../testing/write-fixture-run.js';
import { readSweepResults, readSweepTrialRuns } from './read-sweep-results.js';
import { createSweep } from './sweep-files.js';

let runsDir: string;
beforeEach(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'fashion-lab-sweep-results-'));
});
afterEach(async () => {
  await rm(runsDir, { recursive: true, force: true });
});

const spec = parseSweepSpec(
  {
    name: 'opt',
    base: { model: 'dense', epochs: 2 },
    space: { optimizer: ['adam', 'sgd'] },
    seeds: [1, 2],
  },
  'sweep.json',
);

describe('readSweepResults', () => {
  it('reads each trial run in trial order and leaves a missing run out of the statistics', async () => {
    const { sweep } = await createSweep(runsDir, spec, { now: new Date(Date.UTC(2026, 10, 25)) });
    const accuracies = [0.8, 0.82, 0.7];
    for (const [index, testAcc] of accuracies.entries()) {
      const trial = sweep.trials[index]!;
      await writeFixtureRun(runsDir, {
        run: testRunJson({
          runId: trial.runId,
          config: trial.config,
          sweep: { sweepId: sweep.sweepId, trial: trial.trial },
          summary: { testLoss: 0.5, testAcc, bestValAcc: testAcc, bestEpoch: 2, seconds: 1 },
        }),
      });
    }
    const runs = await readSweepTrialRuns(sweep, runsDir);
    expect(runs.map((entry) => (entry.ok ? entry.run.runId : entry.error))).toEqual([
      sweep.trials[0]!.runId,
      sweep.trials[1]!.runId,
      sweep.trials[2]!.runId,
      `${join(runsDir, sweep.trials[3]!.runId, 'run.json')} does not exist`,
    ]);
    const results = await readSweepResults(sweep, runsDir);
    expect(results.configs.map((config) => [config.configKey, config.completed])).toEqual([
      ['optimizer=adam', 2],
      ['optimizer=sgd', 1],
    ]);
    expect(results.best?.testAcc.mean).toBeCloseTo(0.81, 12);
  });
});
