import { join } from 'node:path';
import {
  testBatchLine,
  testEpochLine,
  writeFixtureRun,
  testRunJson,
} from '@fashion-lab/run/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { latestEpoch, readQueueEpochs, readRunningEpochs } from './queue-trial-epochs.js';
import { SweepStore } from './sweep-store.js';
import { sweepOnDisk } from './sweep.test-support.js';

let removes: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const remove of removes) await remove();
  removes = [];
});

describe('latestEpoch', () => {
  it.each([
    ['no lines', [], 0],
    ['epoch 1 finished', [testBatchLine(1, 5), testEpochLine(1)], 1],
    ['epoch 2 under way', [testEpochLine(1), testBatchLine(2, 3)], 2],
  ])('reads %s as %i', (_name, lines, epoch) => {
    expect(latestEpoch(lines)).toBe(epoch);
  });
});

/** Trials 1 and 2 running (trial 2's run has no metrics yet), trial 3 completed, with metrics. */
async function queuedMidSweep() {
  const disk = await sweepOnDisk();
  removes.push(disk.remove);
  const [first, second, third] = disk.sweep.trials;
  await writeFixtureRun(disk.runsDir, {
    run: testRunJson({ runId: first!.runId }),
    metrics: [testEpochLine(1), testBatchLine(2, 4)],
  });
  await writeFixtureRun(disk.runsDir, { run: testRunJson({ runId: second!.runId }) });
  await writeFixtureRun(disk.runsDir, {
    run: testRunJson({ runId: third!.runId }),
    metrics: [testEpochLine(1), testEpochLine(2), testEpochLine(3)],
  });
  const sweep = await disk.setStates({ 0: 'running', 1: 'running', 2: 'completed' });
  return { disk, sweep };
}

describe('readRunningEpochs', () => {
  it("reads each running trial's epoch from its run's metrics.jsonl, leaving out runs with none and trials not running", async () => {
    const { disk, sweep } = await queuedMidSweep();
    expect(await readRunningEpochs(sweep, disk.runsDir)).toEqual(new Map([[0, 2]]));
  });

  it('leaves out a running trial whose run directory is not there yet', async () => {
    const disk = await sweepOnDisk();
    removes.push(disk.remove);
    const sweep = await disk.setStates({ 0: 'running' });
    expect(await readRunningEpochs(sweep, join(disk.runsDir, 'elsewhere'))).toEqual(new Map());
  });
});

describe('readQueueEpochs', () => {
  it('puts the epochs into the store, skipping a trial that stopped running while they were read', async () => {
    const { disk, sweep } = await queuedMidSweep();
    const store = new SweepStore();
    store.setSweep(sweep);
    const failed = await disk.setStates({ 0: 'failed' });
    // The next snapshot arrives while the metrics are being read.
    const reading = readQueueEpochs(store, disk.runsDir);
    store.setSweep(failed);
    await reading;
    expect(store.queueEpochs).toEqual(new Map());
    store.setSweep(await disk.setStates({ 0: 'running' }));
    await readQueueEpochs(store, disk.runsDir);
    expect(store.queueEpochs).toEqual(new Map([[0, 2]]));
    store.dispose();
  });
});
