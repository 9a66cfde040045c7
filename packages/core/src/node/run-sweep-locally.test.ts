import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, parseSweepSpec, type MetricsLine } from '@fashion-lab/run';
import { createSweep, readMetrics, readRun } from '@fashion-lab/run/node';
import { syntheticDataset } from '../training/synthetic-dataset.test-support.js';
import { writeIdxDataset } from './idx-files.test-support.js';
import { runSweepLocally } from './run-sweep-locally.js';
import { resumeTraining, RunAlreadyClaimedError, runTraining } from './training.js';

let workDir: string;
let dataDir: string;
let runsDir: string;

const base = {
  model: 'dense',
  optimizer: 'adam',
  epochs: 3,
  batchSize: 32,
  validationSplit: 0.2,
  backend: 'wasm',
  workers: 1,
} as const;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-sweep-'));
  dataDir = await writeIdxDataset(join(workDir, 'data'), syntheticDataset(400, 100));
  runsDir = join(workDir, 'runs');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const epochsOf = (lines: MetricsLine[]) =>
  lines.filter((line) => line.type === 'epoch').map((line) => line.epoch);

describe('stopAfterEpoch', () => {
  it('pauses a run resumably, and the resumed run ends exactly as an uninterrupted one', async () => {
    const config = defaultConfig('dense', { ...base, learningRate: 0.001, seed: 5 });
    const uninterrupted = await runTraining({ config, runsDir, dataDir });
    const paused = await runTraining({ config, runsDir, dataDir, stopAfterEpoch: 1 });
    expect(paused.status).toBe('interrupted');
    expect(epochsOf((await readMetrics(paused.runDir)).lines)).toEqual([1]);

    const resumed = await resumeTraining({ runId: paused.runId, runsDir, dataDir });
    expect(resumed.status).toBe('completed');
    const lines = async (runDir: string) =>
      (await readMetrics(runDir)).lines.flatMap((line) =>
        line.type === 'epoch' ? [{ ...line, seconds: 0 }] : [],
      );
    // The cosine schedule runs over all 3 epochs on both paths: the same rates, losses, weights.
    expect(await lines(resumed.runDir)).toEqual(await lines(uninterrupted.runDir));
    const weights = (runDir: string) => readFile(join(runDir, 'model', 'weights.bin'));
    expect((await weights(resumed.runDir)).equals(await weights(uninterrupted.runDir))).toBe(true);
  });
});

describe('runTraining with a run id', () => {
  it('refuses an id whose directory another process claimed', async () => {
    const config = defaultConfig('dense', { ...base, epochs: 1 });
    const first = await runTraining({ config, runsDir, dataDir, runId: 'claimed-once' });
    expect(first.runId).toBe('claimed-once');
    await expect(
      runTraining({ config, runsDir, dataDir, runId: 'claimed-once' }),
    ).rejects.toBeInstanceOf(RunAlreadyClaimedError);
  });
});

describe('runSweepLocally with halving', () => {
  it('pauses every config at the first rung, prunes the worse half and trains the rest to the end', async () => {
    // Rungs at 1, 2 and 3 epochs; a rate of 1e-7 barely moves the weights, so it loses rung 0.
    const spec = parseSweepSpec(
      {
        name: 'halving',
        base,
        space: { learningRate: [1e-7, 0.003] },
        seeds: [1],
        halving: { minEpochs: 1, factor: 2 },
      },
      'halving.json',
    );
    const { dir, sweep: planned } = await createSweep(runsDir, spec);
    expect(planned.rungs).toEqual([1, 2, 3]);
    const turns: string[] = [];
    const sweep = await runSweepLocally({
      sweepDir: dir,
      runsDir,
      dataDir,
      onTrialEnd: (turn, trial) => turns.push(`${trial.trial}:${turn.state}`),
    });
    // Both reach rung 0 and pause; the closed rung promotes the better one, which then pauses
    // at rung 1 alone (promoted again: a sweep always trains one config to the end) and completes.
    expect(turns).toEqual(['0:paused', '1:paused', '1:paused', '1:completed']);
    expect(sweep.trials.map((t) => t.state)).toEqual(['pruned', 'completed']);
    const [pruned, completed] = sweep.trials;
    expect(epochsOf((await readMetrics(join(runsDir, pruned!.runId))).lines)).toEqual([1]);
    expect(epochsOf((await readMetrics(join(runsDir, completed!.runId))).lines)).toEqual([1, 2, 3]);
    const run = await readRun(join(runsDir, completed!.runId));
    expect(run).toMatchObject({ status: 'completed', sweep: { sweepId: sweep.sweepId, trial: 1 } });
    expect((await readRun(join(runsDir, pruned!.runId))).status).toBe('interrupted');
    expect(completed!.rungBestValAcc).toHaveLength(3);
  });
});
